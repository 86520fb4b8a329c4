// Rank 0's coordinator and the workers' loop, without mpirun: each worker is a thread and the
// messages go through in-process queues (the Transport a run gives MPI). A coordinated run must
// end exactly as the single-process run of the same sweep, whatever the batching, for a grid, a
// [refine] search and a [sequential] comparison; batches grow once points are seen to be short;
// and a stop hands out nothing more and leaves no point running.
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

// One inbox per rank, shared by the threads; every work message's batch size is recorded.
class Mailboxes {
 public:
  explicit Mailboxes(int ranks) : inbox_(static_cast<std::size_t>(ranks)) {}

  void post(int from, int to, int tag, const std::string& bytes) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (tag == mpi::tag_work) batch_sizes_.push_back(decode_work(bytes).size());
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

  std::vector<std::size_t> batch_sizes() {
    std::lock_guard<std::mutex> lock(mutex_);
    return batch_sizes_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<std::deque<mpi::Message>> inbox_;
  std::vector<std::size_t> batch_sizes_;
};

class QueueTransport final : public mpi::Transport {
 public:
  QueueTransport(Mailboxes& boxes, int rank) : boxes_(boxes), rank_(rank) {}
  mpi::Message receive(int source, const std::function<bool()>& keep_waiting) override {
    return boxes_.take(rank_, source, keep_waiting);
  }
  void send(int destination, int tag, const std::string& bytes) override {
    boxes_.post(rank_, destination, tag, bytes);
  }

 private:
  Mailboxes& boxes_;
  int rank_;
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

// The sweep run by a coordinator and `workers` worker threads.
Coordinated run_coordinated(const std::string& body, int workers, const std::string& name) {
  SyntheticExperiment e;
  const Sweep sweep = sweep_of(e, body);
  const std::string out = test::fresh_dir("coordinator-" + name) + "/out.h5";
  ResultsStore store(out, sweep, RunInfo{}, false);
  store.plan(PointSelection(), {});
  Mailboxes boxes(workers + 1);
  std::vector<std::thread> threads;
  for (int rank = 1; rank <= workers; ++rank)
    threads.emplace_back([&, rank] {
      SyntheticExperiment own;  // each rank makes its own, as each MPI process does
      QueueTransport transport(boxes, rank);
      serve_points(own, sweep, rank, false, transport);
    });
  QueueTransport transport(boxes, 0);
  Progress progress(progress_total(store), 0, stderr, true);
  Coordinated c;
  c.outcome = coordinate(store, progress, transport, workers, 20.0);
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
Coordinated as_single_process(const std::string& body, int workers, const std::string& name) {
  Coordinated c = run_coordinated(body, workers, name);
  BOOST_TEST(c.outcome.complete);
  same_results(c.table, run_single(body, name));
  return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_grid_ends_as_the_single_process_run_in_growing_batches) {
  const std::string body =
      "replicates = 2\n[fixed]\nexponent = 1.5\nnoise = 0.2\n[axes]\nx = logspace(0.1, 10, 40)\n"
      "y = linspace(1, 2, 25)\n";
  const Coordinated c = as_single_process(body, 3, "grid");
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
  const Coordinated c = as_single_process(body, 2, "refine");
  // Rounds after the first (5 values x 2 combinations x 3 replicates) placed more points.
  const auto& status = c.table.text("status");
  BOOST_TEST(std::count(status.begin(), status.end(), "done") > 30);
  BOOST_TEST(!c.table.attribute("refine_table").value_or("").empty());
}

BOOST_AUTO_TEST_CASE(a_sequential_comparison_places_replicates_as_the_single_process_run) {
  const std::string body =
      "[fixed]\nnoise = 0.3\n[axes]\ny = 1, 2\nexponent = 1, 1.02\n[sequential]\naxis = exponent\n"
      "reference = 1\nmetric = value\nmargin = 0.01\nstart = 3\nbudget = 12\n";
  as_single_process(body, 3, "sequential");
}

// Last: a stop is process-wide state, and cannot be taken back.
BOOST_AUTO_TEST_CASE(a_stop_hands_out_nothing_more_and_leaves_no_point_running) {
  install_stop_handlers();
  std::raise(SIGUSR1);
  BOOST_REQUIRE(stop_requested());
  const Coordinated c =
      run_coordinated("[fixed]\nsleep_ms = 1\n[axes]\nx = linspace(1, 2, 200)\n", 2, "stop");
  BOOST_TEST(!c.outcome.complete);
  BOOST_TEST(c.outcome.still_busy == 0u);
  BOOST_TEST(c.batch_sizes.empty());  // the workers' first requests found the stop
  const auto& status = c.table.text("status");
  BOOST_TEST(std::count(status.begin(), status.end(), "pending") == 200);
}
