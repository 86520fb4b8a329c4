// Rank 0's coordinator and the workers' loop, without mpirun: each worker is a thread and the
// messages go through in-process queues (the Transport a run gives MPI). A coordinated run must
// end exactly as the single-process run of the same sweep, whatever the batching, for a grid, a
// [refine] search and a [sequential] comparison; batches grow once points are seen to be short;
// a stop hands out nothing more and leaves no point running; and a worker that falls silent is
// lost, its points run by the others, or back should it speak again.
#define BOOST_TEST_MODULE coordinator
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <mutex>
#include <thread>

#include "results_io/results_reader.hpp"
#include "runner/mpi/coordinator.hpp"
#include "runner/mpi/work_batch.hpp"
#include "runner/mpi/worker.hpp"
#include "runner/run/local_run.hpp"
#include "runner/run/rounds.hpp"
#include "runner/run/stop_signal.hpp"
#include "synthetic/synthetic_experiment.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {

// One inbox per rank, shared by the threads; every work message's batch is recorded.
class Mailboxes {
 public:
  explicit Mailboxes(int ranks) : inbox_(static_cast<std::size_t>(ranks)) {}

  void post(int from, int to, int tag, const std::string& bytes) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (tag == mpi::tag_work) handed_.push_back({to, decode_work(bytes)});
      inbox_[static_cast<std::size_t>(to)].push_back({from, tag, bytes});
    }
    ready_.notify_all();
  }

  mpi::Message take(int rank, int source, const std::function<bool()>& keep_waiting) {
    std::unique_lock<std::mutex> lock(mutex_);
    auto& box = inbox_[static_cast<std::size_t>(rank)];
    while (true) {
      for (auto it = box.begin(); it != box.end(); ++it)
        if (source == mpi::any_source || it->source == source) {
          mpi::Message m = std::move(*it);
          box.erase(it);
          return m;
        }
      ready_.wait_for(lock, std::chrono::milliseconds(1));
      lock.unlock();
      const bool go_on = keep_waiting();
      lock.lock();
      if (!go_on) return {};
    }
  }

  // Blocks until `done` holds of the work handed out so far, or the run is over (false then).
  bool wait_for_work(
      const std::function<bool(const std::vector<std::pair<int, std::vector<WorkItem>>>&)>& done) {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return over_ || done(handed_); });
    return !over_;
  }
  void end_run() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      over_ = true;
    }
    ready_.notify_all();
  }

  std::vector<std::size_t> batch_sizes() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::size_t> sizes;
    for (const auto& h : handed_) sizes.push_back(h.second.size());
    return sizes;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<std::deque<mpi::Message>> inbox_;
  std::vector<std::pair<int, std::vector<WorkItem>>> handed_;  // (worker, its batch)
  bool over_ = false;
};

class QueueTransport : public mpi::Transport {
 public:
  QueueTransport(Mailboxes& boxes, int rank) : boxes_(boxes), rank_(rank) {}
  mpi::Message receive(int source, const std::function<bool()>& keep_waiting) override {
    return boxes_.take(rank_, source, keep_waiting);
  }
  void send(int destination, int tag, const std::string& bytes) override {
    boxes_.post(rank_, destination, tag, bytes);
  }

 protected:
  Mailboxes& boxes_;
  int rank_;
};

// What a worker thread does besides serving points as a run's workers do.
enum class Worker {
  serves,
  // Its first batch's records wait until another worker has work: so that one has some.
  serves_once_another_has_work,
  dies_at_start,       // never sends a message
  dies_with_a_batch,   // goes silent once it holds a batch, never to speak again
  returns_after_lost,  // silent with its batch until its points went to another worker
};

// A worker's messages, held where its Worker says (a dead one's held until the run is over,
// then the thread ends).
class ScriptedTransport final : public QueueTransport {
 public:
  struct Died {};
  ScriptedTransport(Mailboxes& boxes, int rank, Worker role)
      : QueueTransport(boxes, rank), role_(role) {}
  mpi::Message receive(int source, const std::function<bool()>& keep_waiting) override {
    mpi::Message m = QueueTransport::receive(source, keep_waiting);
    if (m.tag == mpi::tag_work && first_batch_.empty()) first_batch_ = decode_work(m.bytes);
    return m;
  }
  void send(int destination, int tag, const std::string& bytes) override {
    if (!held_once_ && (role_ == Worker::dies_at_start || !first_batch_.empty())) {
      held_once_ = true;
      hold();
    }
    QueueTransport::send(destination, tag, bytes);
  }

 private:
  using Handed = std::vector<std::pair<int, std::vector<WorkItem>>>;
  void hold() {
    const auto elsewhere = [&](const Handed& handed) {
      for (const auto& [to, batch] : handed)
        for (const auto& w : batch)
          if (to != rank_ && w.index == first_batch_.front().index) return true;
      return false;
    };
    const auto another_has_work = [&](const Handed& handed) {
      return std::any_of(handed.begin(), handed.end(),
                         [&](const auto& h) { return h.first != rank_; });
    };
    switch (role_) {
      case Worker::serves:
        return;
      case Worker::serves_once_another_has_work:
        boxes_.wait_for_work(another_has_work);
        return;
      case Worker::returns_after_lost:
        boxes_.wait_for_work(elsewhere);
        return;
      case Worker::dies_at_start:
      case Worker::dies_with_a_batch:
        boxes_.wait_for_work([](const Handed&) { return false; });
        throw Died{};
    }
  }

  Worker role_;
  std::vector<WorkItem> first_batch_;
  bool held_once_ = false;
};

Sweep sweep_of(const Experiment& e, const std::string& body) {
  return expand_sweep(
      parse_sweep_text("s.ini", "[sweep]\nexperiment = synthetic\nseed = 7\n" + body), e);
}

struct Coordinated {
  results::ResultsTable table;
  std::vector<std::size_t> batch_sizes;
  CoordinatorOutcome outcome;
};

// The sweep run by a coordinator and a worker thread per role (ranks 1, 2, ...).
Coordinated run_coordinated(const std::string& body, const std::vector<Worker>& roles,
                            const std::string& name, CoordinatorTimes times = {20, 30}) {
  SyntheticExperiment e;
  const Sweep sweep = sweep_of(e, body);
  const std::string out = test::fresh_dir("coordinator-" + name) + "/out.h5";
  ResultsStore store(out, sweep, RunInfo{}, false);
  store.plan(PointSelection(), {});
  const int workers = static_cast<int>(roles.size());
  Mailboxes boxes(workers + 1);
  std::vector<std::thread> threads;
  for (int rank = 1; rank <= workers; ++rank)
    threads.emplace_back([&, rank] {
      SyntheticExperiment own;  // each rank makes its own, as each MPI process does
      ScriptedTransport transport(boxes, rank, roles[static_cast<std::size_t>(rank - 1)]);
      try {
        serve_points(own, sweep, rank, false, transport, true);
      } catch (const ScriptedTransport::Died&) {
      }
    });
  QueueTransport transport(boxes, 0);
  Progress progress(progress_total(store), 0, stderr, true);
  Coordinated c;
  c.outcome = coordinate(store, progress, transport, workers, times);
  boxes.end_run();
  for (auto& t : threads) t.join();
  store.snapshot(c.outcome.complete);
  c.table = results::load_results(out);
  c.batch_sizes = boxes.batch_sizes();
  return c;
}

// The same sweep run by this process alone.
results::ResultsTable run_single(const std::string& body, const std::string& name) {
  SyntheticExperiment e;
  const Sweep sweep = sweep_of(e, body);
  const std::string out = test::fresh_dir("coordinator-single-" + name) + "/out.h5";
  ResultsStore store(out, sweep, RunInfo{}, false);
  store.plan(PointSelection(), {});
  Progress progress(progress_total(store), 0, stderr, true);
  const bool complete = run_local(e, sweep, store, progress, false);
  store.snapshot(complete);
  return results::load_results(out);
}

// Every row's status and value, and the rounds' own report, identical.
void same_results(const results::ResultsTable& a, const results::ResultsTable& b) {
  BOOST_REQUIRE(a.rows == b.rows);
  BOOST_TEST(a.text("status") == b.text("status"), boost::test_tools::per_element());
  const auto &va = a.numbers("value"), &vb = b.numbers("value");
  for (std::size_t i = 0; i < a.rows; ++i)
    BOOST_TEST((va[i] == vb[i] || (std::isnan(va[i]) && std::isnan(vb[i]))), "row " << i);
  for (const char* attribute : {"refine_table", "sequential_table"})
    BOOST_TEST(a.attribute(attribute).value_or("") == b.attribute(attribute).value_or(""));
}

// The sweep coordinated with `workers` workers, checked to end complete and exactly as the
// single-process run does.
Coordinated as_single_process(const std::string& body, const std::vector<Worker>& roles,
                              const std::string& name, CoordinatorTimes times = {20, 30}) {
  Coordinated c = run_coordinated(body, roles, name, times);
  BOOST_TEST(c.outcome.complete);
  same_results(c.table, run_single(body, name));
  return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_grid_ends_as_the_single_process_run_in_growing_batches) {
  const std::string body =
      "replicates = 2\n[fixed]\nexponent = 1.5\nnoise = 0.2\n[axes]\nx = logspace(0.1, 10, 40)\n"
      "y = linspace(1, 2, 25)\n";
  const Coordinated c =
      as_single_process(body, {Worker::serves, Worker::serves, Worker::serves}, "grid");
  // Every point handed out once; the first batches are one point each, later ones larger (the
  // points take microseconds), and none takes more than a quarter of a worker's share.
  std::size_t handed = 0, largest = 0;
  for (auto s : c.batch_sizes) {
    handed += s;
    largest = std::max(largest, s);
  }
  BOOST_TEST(handed == 2000u);
  BOOST_TEST(c.batch_sizes.front() == 1u);
  BOOST_TEST(largest > 1u);
  BOOST_TEST(largest <= 2000u / (4 * 3));
}

BOOST_AUTO_TEST_CASE(a_refine_search_runs_its_rounds_as_the_single_process_run) {
  const std::string body =
      "replicates = 3\n[fixed]\nexponent = 1\nnoise = 0.1\n[axes]\ny = 1, 2\n[refine]\naxis = x\n"
      "range = 0.1, 100\nmetric = value\nlevel = 3\ntolerance = 5%\n";
  const Coordinated c = as_single_process(body, {Worker::serves, Worker::serves}, "refine");
  // Rounds after the first (5 values x 2 combinations x 3 replicates) placed more points.
  const auto& status = c.table.text("status");
  BOOST_TEST(std::count(status.begin(), status.end(), "done") > 30);
  BOOST_TEST(!c.table.attribute("refine_table").value_or("").empty());
}

BOOST_AUTO_TEST_CASE(a_sequential_comparison_places_replicates_as_the_single_process_run) {
  const std::string body =
      "[fixed]\nnoise = 0.3\n[axes]\ny = 1, 2\nexponent = 1, 1.02\n[sequential]\naxis = exponent\n"
      "reference = 1\nmetric = value\nmargin = 0.01\nstart = 3\nbudget = 12\n";
  as_single_process(body, {Worker::serves, Worker::serves, Worker::serves}, "sequential");
}

// A worker that holds points and says nothing for longer than lost_after_seconds (here 3 s, three
// heartbeats) is taken as lost: the others run its points and the sweep ends as it would have.
BOOST_AUTO_TEST_CASE(a_silent_worker_is_lost_and_the_others_run_its_points) {
  const std::string body = "[fixed]\nnoise = 0.2\n[axes]\nx = logspace(0.1, 10, 300)\n";
  const Coordinated c = as_single_process(
      body, {Worker::serves_once_another_has_work, Worker::dies_with_a_batch}, "lost", {20, 3});
  BOOST_TEST(c.outcome.lost == std::vector<int>{2}, boost::test_tools::per_element());
}

// One taken as lost that speaks again is back: its records count when no one finished those
// points first, and nothing runs twice in the file.
BOOST_AUTO_TEST_CASE(a_lost_worker_that_speaks_again_is_back) {
  const std::string body = "[fixed]\nnoise = 0.2\n[axes]\nx = logspace(0.1, 10, 300)\n";
  const Coordinated c = as_single_process(
      body, {Worker::serves_once_another_has_work, Worker::returns_after_lost}, "back", {20, 3});
  BOOST_TEST(c.outcome.lost.empty());
}

// Last: a stop is process-wide state, and cannot be taken back. A worker that never asked for
// work (it died at start) is not waited for beyond lost_after_seconds, whatever the grace.
BOOST_AUTO_TEST_CASE(a_stop_hands_out_nothing_more_and_leaves_no_point_running) {
  install_stop_handlers();
  std::raise(SIGUSR1);
  BOOST_REQUIRE(stop_requested());
  const Coordinated c =
      run_coordinated("[fixed]\nsleep_ms = 1\n[axes]\nx = linspace(1, 2, 200)\n",
                      {Worker::serves, Worker::serves, Worker::dies_at_start}, "stop", {3600, 3});
  BOOST_TEST(!c.outcome.complete);
  BOOST_TEST(c.outcome.still_busy == 0u);
  BOOST_TEST(c.outcome.lost == std::vector<int>{3}, boost::test_tools::per_element());
  BOOST_TEST(c.batch_sizes.empty());  // the workers' first requests found the stop
  const auto& status = c.table.text("status");
  BOOST_TEST(std::count(status.begin(), status.end(), "pending") == 200);
}
