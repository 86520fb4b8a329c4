// The rounds' dispatcher: a grid sweep plans what its selection says and its rounds add nothing;
// a [refine] or [sequential] sweep plans nothing until its rounds place points, and the progress
// line counts towards what its budget allows. (dispatch_index's order: test_sequential_rounds.)
#define BOOST_TEST_MODULE rounds
#include <boost/test/unit_test.hpp>

#include "runner/run/refinement.hpp"
#include "runner/run/sequential_rounds.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/synthetic_run.hpp"

using namespace diffsweep;

BOOST_AUTO_TEST_CASE(a_grid_plans_its_selection_and_its_rounds_add_nothing) {
  SyntheticExperiment e;
  const Sweep sweep = test::synthetic_sweep(
      e, "[sweep]\nexperiment = synthetic\nseed = 1\nreplicates = 2\n[axes]\nx = 1, 2, 3, 4, 5\n");
  ResultsStore store(test::fresh_dir("rounds-grid") + "/out.h5", sweep, RunInfo{}, false);
  store.plan(PointSelection("", Shard{1, 3}, sweep), {});  // points 0, 3, 6, 9
  BOOST_TEST(progress_total(store) == 4u);
  advance_rounds(store);
  BOOST_TEST(store.planned_count() == 4u);
  BOOST_TEST(progress_total(store) == 4u);
  BOOST_TEST(store.selected(3));
  BOOST_TEST(!store.selected(4));
}

BOOST_AUTO_TEST_CASE(a_refine_sweep_counts_its_budget_and_its_rounds_place_the_first_points) {
  SyntheticExperiment e;
  const Sweep sweep = test::synthetic_sweep(
      e,
      "[sweep]\nexperiment = synthetic\nseed = 1\nreplicates = 3\n[axes]\ny = 1, 2\n[refine]\n"
      "axis = x\nrange = 0.1, 100\nmetric = value\nlevel = 3\ntolerance = 5%\nbudget = 12\n");
  ResultsStore store(test::fresh_dir("rounds-refine") + "/out.h5", sweep, RunInfo{}, false);
  store.plan(PointSelection(), {});
  BOOST_TEST(store.planned_count() == 0u);
  // 2 combinations x 12 values x 3 replicates.
  BOOST_TEST(progress_total(store) == 72u);
  BOOST_TEST(progress_total(store) == searches_budget(sweep));
  advance_rounds(store);
  const auto searches = replay_searches(store);
  BOOST_TEST_REQUIRE(searches.size() == 2u);
  BOOST_TEST(store.planned_count() ==
             (searches[0].replay.rounds[0].size() + searches[1].replay.rounds[0].size()) * 3u);
  BOOST_TEST(store.planned_count() > 0u);
  BOOST_TEST(progress_total(store) == 72u);  // the budget, however many are planned
}

BOOST_AUTO_TEST_CASE(a_sequential_sweep_counts_the_fixed_design_at_its_budget) {
  SyntheticExperiment e;
  const Sweep sweep = test::synthetic_sweep(
      e,
      "[sweep]\nexperiment = synthetic\nseed = 1\n[axes]\ny = 1, 2\nexponent = 1, 2\n"
      "[sequential]\naxis = exponent\nreference = 1\nmetric = value\nmargin = 0.01\nstart = 3\n"
      "budget = 12\n");
  ResultsStore store(test::fresh_dir("rounds-sequential") + "/out.h5", sweep, RunInfo{}, false);
  store.plan(PointSelection(), {});
  BOOST_TEST(store.planned_count() == 0u);
  // 2 settings x 2 rows x 12 replicates.
  BOOST_TEST(progress_total(store) == 48u);
  advance_rounds(store);
  // The first look: 3 replicates of every row of every setting.
  BOOST_TEST(store.planned_count() == 12u);
  for (std::size_t i = 0; i < sweep.size(); ++i)
    BOOST_TEST(store.selected(i) == (sweep.point(i).replicate < 3), "point " << i);
}
