// The single-process run: every planned point once, in index order, each announced before it runs;
// only the selected ones; a resume runs only what is left; a failing point fails alone; a stop
// signal ends the run after the point in progress (in a child process, since the stop flag is the
// process's), with what finished kept for the next run.
#define BOOST_TEST_MODULE local_run
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <csignal>
#include <cstdio>
#include <vector>

#include "runner/cli/progress.hpp"
#include "runner/run/local_run.hpp"
#include "runner/run/point_selection.hpp"
#include "runner/run/rounds.hpp"
#include "runner/run/stop_signal.hpp"
#include "runner/store/results_store.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/synthetic_run.hpp"

using namespace diffsweep;

namespace {

// The synthetic experiment, recording what the run asks of it; at its `stop_at`-th point (from 1)
// it sends itself SIGTERM, as a user's Ctrl-C during that point would.
class Recording : public Experiment {
 public:
  std::string_view name() const override { return inner_.name(); }
  std::string_view summary() const override { return inner_.summary(); }
  const std::vector<ParamSpec>& params() const override { return inner_.params(); }
  const std::vector<MetricSpec>& metrics() const override { return inner_.metrics(); }
  void announce(const Params& params, const PointContext& context) override {
    announced.push_back(context.point_id);
    inner_.announce(params, context);
  }
  PointResult run(const Params& params, const PointContext& context) override {
    ran.push_back(context.point_id);
    xs.push_back(params.real("x"));
    if (static_cast<int>(ran.size()) == stop_at) std::raise(SIGTERM);
    return inner_.run(params, context);
  }
  std::vector<std::uint64_t> announced, ran;
  std::vector<double> xs;
  int stop_at = -1;

 private:
  SyntheticExperiment inner_;
};

// 3 x values by 2 y values by 2 replicates: 12 points. x = 3 throws (throw_above = 2.5).
Sweep grid(const Experiment& e) {
  return test::synthetic_sweep(e,
                               "[sweep]\nexperiment = synthetic\nseed = 1\nreplicates = 2\n"
                               "[fixed]\nthrow_above = 2.5\n[axes]\nx = 1, 2, 3\ny = 0.5, 4\n");
}

bool run(Recording& e, const Sweep& sweep, ResultsStore& store) {
  Progress progress(progress_total(store), 0, stderr, true);
  return run_local(e, sweep, store, progress, false);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_planned_point_runs_once_in_index_order_after_its_announcement) {
  const std::string dir = test::fresh_dir("local-run-all");
  Recording e;
  const Sweep sweep = grid(e);
  BOOST_TEST_REQUIRE(sweep.size() == 12u);
  ResultsStore store(dir + "/r.h5", sweep, RunInfo{}, false);
  store.plan({}, {});
  BOOST_TEST(run(e, sweep, store));
  std::vector<std::uint64_t> ids;
  for (std::size_t i = 0; i < 12; ++i) ids.push_back(sweep.point_id(i));
  BOOST_TEST(e.ran == ids, boost::test_tools::per_element());
  BOOST_TEST(e.announced == ids, boost::test_tools::per_element());
  BOOST_TEST(store.planned_left() == 0u);
  BOOST_TEST(store.finished_count() == 12u);
  // The 4 points of x = 3 failed, alone; the others are done.
  for (std::size_t i = 0; i < 12; ++i)
    BOOST_TEST((store.status(i) == (sweep.point(i).params.real("x") == 3.0 ? PointStatus::failed
                                                                           : PointStatus::done)));
  BOOST_TEST(store.run_counts().done == 8u);
  BOOST_TEST(store.run_counts().failed == 4u);
  BOOST_TEST(!stop_requested());
}

BOOST_AUTO_TEST_CASE(only_the_selected_points_run_and_a_resume_runs_what_is_left) {
  const std::string dir = test::fresh_dir("local-run-selected");
  Recording e;
  const Sweep sweep = grid(e);
  {
    ResultsStore store(dir + "/r.h5", sweep, RunInfo{}, false);
    store.plan(PointSelection("x=2", std::nullopt, sweep), {});
    BOOST_TEST(run(e, sweep, store));
    BOOST_TEST(e.ran.size() == 4u);
    for (double x : e.xs) BOOST_TEST(x == 2.0);
    BOOST_TEST(store.finished_count() == 4u);
    for (std::size_t i = 0; i < 12; ++i)
      if (sweep.point(i).params.real("x") != 2.0)
        BOOST_TEST((store.status(i) == PointStatus::pending));
  }
  // The same file again, every point planned: the 8 left run, the 4 finished do not.
  Recording again;
  ResultsStore store(dir + "/r.h5", sweep, RunInfo{}, false);
  store.plan({}, {});
  BOOST_TEST(store.planned_left() == 8u);
  BOOST_TEST(run(again, sweep, store));
  BOOST_TEST(again.ran.size() == 8u);
  for (double x : again.xs) BOOST_TEST(x != 2.0);
  BOOST_TEST(store.finished_count() == 12u);
  // Nothing left: nothing runs, and the run is complete.
  Recording idle;
  BOOST_TEST(run(idle, sweep, store));
  BOOST_TEST(idle.ran.empty());
}

// In a child: the handlers installed, SIGTERM during the 3rd point. The child's exit status says
// what run_local returned (10 complete, 20 stopped) plus the points it ran.
BOOST_AUTO_TEST_CASE(a_stop_signal_ends_the_run_after_the_point_in_progress) {
  const std::string dir = test::fresh_dir("local-run-stop");
  const std::string out = dir + "/r.h5";
  const pid_t child = fork();
  if (child == 0) {
    install_stop_handlers();
    Recording e;
    e.stop_at = 3;
    const Sweep sweep = grid(e);
    ResultsStore store(out, sweep, RunInfo{}, false);
    store.plan({}, {});
    const bool complete = run(e, sweep, store);
    std::fflush(nullptr);
    _exit((complete ? 10 : 20) + static_cast<int>(e.ran.size()));
  }
  BOOST_TEST_REQUIRE(child > 0);
  BOOST_TEST(test::wait_status(child) == 23);
  // The 3 points it ran are in the file; the next run runs the other 9.
  Recording e;
  const Sweep sweep = grid(e);
  ResultsStore store(out, sweep, RunInfo{}, false);
  store.plan({}, {});
  BOOST_TEST(store.finished_count() == 3u);
  for (std::size_t i = 0; i < 3; ++i) BOOST_TEST(is_finished(store.status(i)));
  BOOST_TEST(run(e, sweep, store));
  BOOST_TEST(e.ran.size() == 9u);
  BOOST_TEST(e.ran.front() == sweep.point_id(3));
}
