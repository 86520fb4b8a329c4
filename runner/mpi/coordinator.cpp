#include "runner/mpi/coordinator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "runner/mpi/transport.hpp"
#include "runner/mpi/work_batch.hpp"
#include "runner/run/clock.hpp"
#include "runner/run/rounds.hpp"
#include "runner/run/stop_signal.hpp"

namespace diffsweep {

namespace {

// How long a batch should keep a worker busy, and the most points in one.
constexpr double batch_seconds = 0.05;
constexpr std::size_t max_batch = 4096;

// The points to hand out, in dispatch order (rounds.hpp), and how many go together.
class Dispenser {
 public:
  Dispenser(const ResultsStore& store, int workers) : store_(store), workers_(workers) {}

  // Up to the batch size of planned pending points (none when all are handed out).
  std::vector<WorkItem> next() {
    // Planned points neither finished nor out with a worker.
    const std::size_t running = store_.counts().running;
    const std::size_t left = store_.planned_left() - std::min(store_.planned_left(), running);
    // Never more than a quarter of a worker's share of what is left, so the last points are
    // spread over every worker.
    const std::size_t share = std::max<std::size_t>(1, left / (4 * std::size_t(workers_)));
    std::size_t batch = 1;
    if (mean_seconds_ > 0)
      batch = static_cast<std::size_t>(
          std::clamp(batch_seconds / mean_seconds_, 1.0, static_cast<double>(max_batch)));
    batch = std::min(batch, share);
    std::vector<WorkItem> out;
    while (out.size() < batch && cursor_ < store_.size()) {
      const std::size_t i = dispatch_index(store_.sweep(), cursor_++);
      if (store_.status(i) == PointStatus::pending && store_.selected(i))
        out.push_back({i, store_.next_attempt(i)});
    }
    return out;
  }

  // The plan grew (a [refine] round placed points): look at every point again.
  void rewind() { cursor_ = 0; }

  // A finished point's duration, averaged over the last few dozen.
  void observe(double seconds) {
    mean_seconds_ = mean_seconds_ <= 0 ? seconds : 0.95 * mean_seconds_ + 0.05 * seconds;
    if (mean_seconds_ <= 0) mean_seconds_ = 1e-9;
  }

 private:
  const ResultsStore& store_;
  int workers_;
  std::size_t cursor_ = 0;
  double mean_seconds_ = 0;
};

}  // namespace

CoordinatorOutcome coordinate(ResultsStore& store, Progress& progress, mpi::Transport& transport,
                              int workers, const CoordinatorTimes& times) {
  Dispenser dispenser(store, workers);
  const double started = now_seconds();
  // Workers that owe rank 0 a message -> the batch they hold (none before their first request),
  // and when each worker was last heard from (by rank).
  std::map<int, std::vector<WorkItem>> busy;
  std::vector<double> last_heard(static_cast<std::size_t>(workers) + 1, started);
  for (int w = 1; w <= workers; ++w) busy[w];
  std::set<int> lost;
  std::vector<int> idle;
  std::map<int, double> idle_since;  // worker rank -> when it went idle
  ResultsStore::WorkerUse use;
  const bool adaptive = store.adaptive();
  advance_rounds(store);
  ProgressCounts counts;
  counts.workers = workers;
  bool stopping = false;
  bool exhausted = false;
  double deadline = 0.0;
  double next_lost_check = 0.0;

  const auto batches_out = [&] {
    return static_cast<std::size_t>(
        std::count_if(busy.begin(), busy.end(), [](const auto& b) { return !b.second.empty(); }));
  };
  // Whether a stop was asked for since last looked: from then on no work goes out.
  const auto stop_noticed = [&] {
    if (stopping || !stop_requested()) return false;
    stopping = true;
    deadline = now_seconds() + times.stop_grace_seconds;
    return true;
  };
  const auto silent_for = [&](int w, double now) {
    return now - last_heard[static_cast<std::size_t>(w)];
  };
  // Looked at a few times a second, not at every probe: the map holds every busy worker.
  const auto someone_overdue = [&] {
    const double now = now_seconds();
    if (now < next_lost_check) return false;
    next_lost_check = now + 0.05;
    return std::any_of(busy.begin(), busy.end(), [&](const auto& b) {
      return silent_for(b.first, now) > times.lost_after_seconds;
    });
  };
  const auto keep_waiting = [&] {
    counts.ran = store.run_counts();
    counts.busy_workers = static_cast<int>(batches_out());
    progress.update(counts);
    if (stop_noticed() || someone_overdue()) return false;
    return !(stopping && now_seconds() > deadline);
  };
  const auto give = [&](int w, std::vector<WorkItem> batch) {
    for (const auto& item : batch) store.mark_running(item.index, w);
    transport.send(w, mpi::tag_work, encode_work(batch));
    busy[w] = std::move(batch);
    last_heard[static_cast<std::size_t>(w)] = now_seconds();
  };
  // Points became pending again (a round placed more, a worker was lost): every idle worker
  // gets some at once.
  const auto feed_idle = [&] {
    dispenser.rewind();
    exhausted = false;
    while (!idle.empty() && !stopping) {
      std::vector<WorkItem> more = dispenser.next();
      if (more.empty()) {
        exhausted = true;
        break;
      }
      const int w = idle.back();
      idle.pop_back();
      use.round_wait_seconds += now_seconds() - idle_since[w];
      give(w, std::move(more));
    }
  };
  // Busy workers silent for longer than lost_after_seconds are lost; their points pending again.
  const auto take_lost = [&] {
    const double now = now_seconds();
    bool any = false;
    for (auto it = busy.begin(); it != busy.end();) {
      const double silent = silent_for(it->first, now);
      if (silent <= times.lost_after_seconds) {
        ++it;
        continue;
      }
      progress.end_line();
      const std::size_t held = it->second.size();
      const std::string points = held == 0 ? ""
                                           : "; its " + std::to_string(held) +
                                                 (held == 1 ? " point goes" : " points go") +
                                                 " to other workers";
      std::fprintf(stderr,
                   "diffsweep: rank %d has sent nothing for %.0f s (a computing worker says it is "
                   "alive every %g s): taken as lost with its node%s\n",
                   it->first, silent, mpi::heartbeat_seconds, points.c_str());
      for (const auto& w : it->second) store.mark_pending(w.index);
      lost.insert(it->first);
      it = busy.erase(it);
      any = true;
    }
    if (any) feed_idle();
  };

  bool announced = false;
  while (true) {
    // Looked at before each message too, not only while waiting for one: messages that are
    // already there would otherwise be answered with work after the stop.
    stop_noticed();
    if (stopping && !announced) {
      // mpirun SIGKILLs the ranks soon after its SIGTERM (odls_base_sigkill_timeout, 1 s by
      // default): say how to resume, then make the file current (which first waits for a
      // snapshot running in the background), before waiting for anything else.
      announced = true;
      progress.end_line();
      // Points still running will not be recorded unless they finish within the grace period:
      // the file shows them pending (what a resume runs), not running, whatever comes next.
      for (const auto& [worker, batch] : busy)
        for (const auto& w : batch) store.mark_pending(w.index);
      // The count in the same line: if mpirun's SIGKILL comes within the grace, this line is the
      // last, and the journal already holds every point it counts.
      std::fprintf(stderr,
                   "diffsweep: stopping: %zu of %zu points finished; no new points; waiting up to "
                   "%g s for %zu running batches; run the same command again to resume\n",
                   store.finished_count(), store.size(), times.stop_grace_seconds, batches_out());
      store.snapshot(false);
    }
    take_lost();
    // Done, stopped, or no worker left to run what remains (every one lost).
    if (busy.empty() && (exhausted || stopping || idle.empty())) break;
    if (stopping && now_seconds() > deadline) break;
    const mpi::Message m = transport.receive(mpi::any_source, keep_waiting);
    if (m.tag == 0) continue;
    last_heard[static_cast<std::size_t>(m.source)] = now_seconds();
    if (m.tag == mpi::tag_alive) continue;
    if (lost.erase(m.source) > 0) {
      progress.end_line();
      std::fprintf(stderr, "diffsweep: rank %d, taken as lost, is back\n", m.source);
    }
    std::vector<PointRecord> records;
    std::vector<WorkItem> previous;  // the batch these records answer
    if (m.tag == mpi::tag_ready) {
      busy.erase(m.source);
    } else if (m.tag == mpi::tag_result) {
      try {
        records = decode_records(m.bytes);
      } catch (const std::runtime_error& e) {
        throw mpi::MpiError("rank " + std::to_string(m.source) + " sent a bad result: " + e.what());
      }
      if (const auto it = busy.find(m.source); it != busy.end()) {
        previous = std::move(it->second);
        busy.erase(it);
      }
    } else {
      throw mpi::MpiError("unexpected message tag " + std::to_string(m.tag) + " from rank " +
                          std::to_string(m.source));
    }
    // The next batch goes out before these records are stored, so the worker computes while
    // rank 0 writes.
    std::vector<WorkItem> batch;
    if (!stopping) batch = dispenser.next();
    if (batch.empty()) {
      exhausted = exhausted || !stopping;
      idle.push_back(m.source);
      idle_since[m.source] = now_seconds();
    } else {
      give(m.source, std::move(batch));
    }
    store.add(records);
    for (const auto& r : records) dispenser.observe(r.wall_seconds);
    // Points of the batch the worker did not run (it was told to stop) are pending again.
    for (const auto& w : previous)
      if (store.status(w.index) == PointStatus::running) store.mark_pending(w.index);
    // An adaptive round may have ended with these records: its successor's points go to every
    // idle worker at once.
    if (adaptive && !stopping && !records.empty()) {
      const std::size_t before = store.planned_count();
      advance_rounds(store);
      if (store.planned_count() > before) feed_idle();
    }
  }
  const double ended = now_seconds();
  for (int w : idle) {
    use.tail_seconds += ended - idle_since[w];
    transport.send(w, mpi::tag_stop, {});
  }
  const double worker_seconds = workers * (ended - started);
  use.busy_fraction =
      worker_seconds > 0 ? 1 - (use.round_wait_seconds + use.tail_seconds) / worker_seconds : 1;
  store.set_worker_use(use);
  counts.ran = store.run_counts();
  counts.busy_workers = static_cast<int>(batches_out());
  progress.finish(counts);
  return {store.planned_left() == 0, busy.size(), {lost.begin(), lost.end()}};
}

}  // namespace diffsweep
