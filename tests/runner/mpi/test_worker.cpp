// A worker's loop against a rank 0 played by the test: it asks once, answers each batch with its
// records, and ends on `stop`; while a batch computes it says it is alive (its points run on a
// second thread, always the same one); and a malformed message is an MpiError naming the rank.
#define BOOST_TEST_MODULE worker
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>

#include "runner/mpi/work_batch.hpp"
#include "runner/mpi/worker.hpp"
#include "synthetic/synthetic_experiment.hpp"

using namespace diffsweep;

namespace {

// Rank 0 as a script: what the worker receives, in order, and everything it sends.
class ScriptTransport final : public mpi::Transport {
 public:
  explicit ScriptTransport(std::deque<mpi::Message> script) : script_(std::move(script)) {}
  mpi::Message receive(int source, const std::function<bool()>&) override {
    BOOST_REQUIRE(source == 0);
    BOOST_REQUIRE(!script_.empty());
    mpi::Message m = std::move(script_.front());
    script_.pop_front();
    return m;
  }
  void send(int destination, int tag, const std::string& bytes) override {
    BOOST_REQUIRE(destination == 0);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      sent_.push_back({0, tag, bytes});
    }
    changed_.notify_all();
  }
  // Waits until `n` heartbeats were sent; false after a minute without them.
  bool wait_for_heartbeats(std::size_t n) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, std::chrono::minutes(1),
                             [&] { return count(mpi::tag_alive) >= n; });
  }
  std::vector<int> tags() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<int> out;
    for (const auto& m : sent_) out.push_back(m.tag);
    return out;
  }
  std::vector<PointRecord> results() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<PointRecord> out;
    for (const auto& m : sent_)
      if (m.tag == mpi::tag_result)
        for (auto& r : decode_records(m.bytes)) out.push_back(std::move(r));
    return out;
  }

 private:
  std::size_t count(int tag) const {
    return static_cast<std::size_t>(
        std::count_if(sent_.begin(), sent_.end(), [&](const auto& m) { return m.tag == tag; }));
  }
  std::deque<mpi::Message> script_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<mpi::Message> sent_;
};

mpi::Message work(std::vector<WorkItem> batch) { return {0, mpi::tag_work, encode_work(batch)}; }
const mpi::Message stop{0, mpi::tag_stop, {}};

Sweep sweep_of(const Experiment& e) {
  return expand_sweep(parse_sweep_text("s.ini",
                                       "[sweep]\nexperiment = synthetic\nseed = 7\n"
                                       "[axes]\nx = linspace(1, 2, 10)\n"),
                      e);
}

// The synthetic experiment, remembering the threads its points ran on; its points can also wait
// for the worker's heartbeats before they end.
class Recording final : public Experiment {
 public:
  explicit Recording(ScriptTransport* beats_from = nullptr) : beats_from_(beats_from) {}
  std::string_view name() const override { return inner_.name(); }
  std::string_view summary() const override { return inner_.summary(); }
  const std::vector<ParamSpec>& params() const override { return inner_.params(); }
  const std::vector<MetricSpec>& metrics() const override { return inner_.metrics(); }
  PointResult run(const Params& params, const PointContext& context) override {
    threads.insert(std::this_thread::get_id());
    if (beats_from_ && !beats_from_->wait_for_heartbeats(2))
      throw std::runtime_error("no heartbeat in a minute");
    return inner_.run(params, context);
  }
  std::set<std::thread::id> threads;

 private:
  SyntheticExperiment inner_;
  ScriptTransport* beats_from_;
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_worker_asks_once_answers_each_batch_and_ends_on_stop) {
  for (const bool heartbeat : {false, true}) {
    Recording e;
    const Sweep sweep = sweep_of(e);
    ScriptTransport rank0({work({{3, 1}, {5, 1}}), work({{9, 2}}), stop});
    serve_points(e, sweep, 4, false, rank0, heartbeat);
    BOOST_TEST(rank0.tags() == (std::vector<int>{mpi::tag_ready, mpi::tag_result, mpi::tag_result}),
               boost::test_tools::per_element());
    const auto records = rank0.results();
    BOOST_REQUIRE(records.size() == 3u);
    BOOST_TEST(records[0].index == 3u);
    BOOST_TEST(records[1].index == 5u);
    BOOST_TEST(records[2].index == 9u);
    for (const auto& r : records) {
      BOOST_TEST(r.worker == 4);
      BOOST_TEST((r.status == PointStatus::done));
      BOOST_TEST(r.point_id == sweep.point_id(r.index));
    }
    // Its points run on one thread: this one without heartbeats, another one with them.
    BOOST_TEST(e.threads.size() == 1u);
    BOOST_TEST((*e.threads.begin() == std::this_thread::get_id()) == !heartbeat);
  }
}

BOOST_AUTO_TEST_CASE(a_computing_worker_says_it_is_alive) {
  std::deque<mpi::Message> script{work({{0, 1}}), stop};
  ScriptTransport rank0(script);
  Recording e(&rank0);  // its point ends once two heartbeats were sent
  serve_points(e, sweep_of(e), 1, false, rank0, true);
  const std::vector<int> tags = rank0.tags();
  BOOST_REQUIRE(tags.size() >= 4u);
  BOOST_TEST(tags.front() == mpi::tag_ready);
  BOOST_TEST(tags.back() == mpi::tag_result);
  BOOST_TEST(std::count(tags.begin(), tags.end(), mpi::tag_alive) ==
             std::ptrdiff_t(tags.size() - 2));
  BOOST_TEST((rank0.results().at(0).status == PointStatus::done));
}

BOOST_AUTO_TEST_CASE(a_malformed_message_is_an_error_naming_the_rank) {
  Recording e;
  const Sweep sweep = sweep_of(e);
  for (const mpi::Message& bad : {mpi::Message{0, mpi::tag_work, "xyz"}, work({{10, 1}}),
                                  mpi::Message{0, mpi::tag_ready, {}}}) {
    ScriptTransport rank0({bad});
    BOOST_CHECK_EXCEPTION(
        serve_points(e, sweep, 2, false, rank0, true), mpi::MpiError, [](const mpi::MpiError& err) {
          return std::string(err.what()).find("rank 2 got a malformed work message") !=
                 std::string::npos;
        });
  }
}
