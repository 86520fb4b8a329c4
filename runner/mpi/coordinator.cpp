#include "runner/mpi/coordinator.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <vector>

#include "runner/mpi/mpi_session.hpp"
#include "runner/run/clock.hpp"
#include "runner/run/local_run.hpp"
#include "runner/run/stop_signal.hpp"

namespace diffsweep {

namespace {}  // namespace

CoordinatorOutcome coordinate(const Sweep& sweep, ResultsStore& store, Progress& progress,
                              int workers, double stop_grace_seconds) {
  std::deque<std::size_t> pending;
  for (const auto& p : sweep.points)
    if (!is_finished(store.records()[p.index].status)) pending.push_back(p.index);
  std::map<int, std::size_t> busy;  // worker rank -> point index
  std::vector<int> idle;
  ProgressCounts counts{count_statuses(store.records())};
  counts.workers = workers;
  bool stopping = false;
  double deadline = 0.0;

  const auto keep_waiting = [&] {
    counts.busy_workers = static_cast<int>(busy.size());
    progress.update(counts);
    if (!stopping && stop_requested()) {
      stopping = true;
      deadline = now_seconds() + stop_grace_seconds;
      return false;
    }
    return !(stopping && now_seconds() > deadline);
  };

  int ready_workers = 0;
  bool announced = false;
  while (true) {
    if (stopping && !announced) {
      // mpirun SIGKILLs the ranks soon after its SIGTERM (odls_base_sigkill_timeout, 1 s by
      // default): make the file current and say how to resume before waiting for anything.
      announced = true;
      store.snapshot(false);
      std::fprintf(stderr,
                   "\ndiffsweep: stopping: no new points; waiting up to %g s for %zu running "
                   "points; run the same command again to resume\n",
                   stop_grace_seconds, busy.size());
    }
    const bool all_asked = ready_workers == workers;
    if (all_asked && busy.empty() && (pending.empty() || stopping)) break;
    if (stopping && now_seconds() > deadline) break;
    const mpi::Message m = mpi::wait_for_message(MPI_ANY_SOURCE, keep_waiting);
    if (m.tag == 0) continue;
    if (m.tag == mpi::tag_ready) {
      ++ready_workers;
    } else if (m.tag == mpi::tag_result) {
      const PointRecord record = decode(m.bytes);
      busy.erase(m.source);
      store.add(record);
      counts.statuses.add(record.status);
    } else {
      throw mpi::MpiError("unexpected message tag " + std::to_string(m.tag) + " from rank " +
                          std::to_string(m.source));
    }
    if (!stopping && !pending.empty()) {
      const std::uint64_t index = pending.front();
      pending.pop_front();
      busy[m.source] = index;
      store.mark_running(index, m.source);
      mpi::send(m.source, mpi::tag_work,
                std::string(reinterpret_cast<const char*>(&index), sizeof index));
    } else {
      idle.push_back(m.source);
    }
  }
  for (int w : idle) mpi::send(w, mpi::tag_stop, {});
  counts.busy_workers = static_cast<int>(busy.size());
  progress.finish(counts);
  return {pending.empty() && busy.empty(), busy.size()};
}

}  // namespace diffsweep
