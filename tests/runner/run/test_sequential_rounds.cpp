#define BOOST_TEST_MODULE sequential_rounds
#include <boost/test/unit_test.hpp>

#include "runner/run/rounds.hpp"
#include "runner/run/sequential_rounds.hpp"
#include "runner/store/results_store.hpp"
#include "synthetic/synthetic_experiment.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {

// Two settings (y = 1, 2), each comparing exponent 1 (the reference) with exponent 2; looks at
// 3, 6 and 12 replicates.
Sweep sequential_sweep(const Experiment& e) {
  return expand_sweep(parse_sweep_text("s.ini",
                                       "[sweep]\nexperiment = synthetic\nseed = 1\n[axes]\n"
                                       "y = 1, 2\nexponent = 1, 2\n[sequential]\naxis = exponent\n"
                                       "reference = 1\nmetric = value\nmargin = 0.01\nstart = 3\n"
                                       "budget = 12\n"),
                      e);
}

// Finishes replicates [from, to) of a row with the given values.
void finish(ResultsStore& store, const Sweep& sweep, std::size_t first, std::size_t from,
            std::size_t to, const std::vector<double>& values) {
  std::vector<PointRecord> records;
  for (std::size_t r = from; r < to; ++r) {
    PointRecord rec;
    rec.index = first + r;
    rec.point_id = sweep.point_id(first + r);
    rec.status = PointStatus::done;
    rec.result.scalars["value"] = values[r];
    records.push_back(rec);
  }
  store.add(records);
}

}  // namespace

BOOST_AUTO_TEST_CASE(rounds_place_replicates_where_a_comparison_is_undetermined) {
  SyntheticExperiment e;
  const Sweep sweep = sequential_sweep(e);
  BOOST_REQUIRE(sweep.sequential_settings.size() == 2u);
  ResultsStore store(test::fresh_dir("sequential-rounds") + "/out.h5", sweep, RunInfo{}, false);
  store.plan(PointSelection(), {});
  advance_comparisons(store);
  // The first look: 3 replicates of each of the 4 rows.
  BOOST_TEST(store.planned_count() == 12u);
  const auto& clear = sweep.sequential_settings[0];  // y = 1: the rows differ by 10
  const auto& close = sweep.sequential_settings[1];  // y = 2: they do not
  const std::vector<double> low(12, 1.0),
      high = {11, 11.1, 10.9, 11, 11, 11, 11, 11, 11, 11, 11, 11};
  const std::vector<double> noisy_a = {1, 2, 0, 1.5, 0.5, 1, 2, 0, 1, 1.5, 0.5, 1},
                            noisy_b = {1.2, 0.1, 1.9, 0.7, 1.3, 1, 0, 2, 1.1, 0.9, 1, 1};
  finish(store, sweep, clear[0].first, 0, 3, low);
  finish(store, sweep, clear[1].first, 0, 3, high);
  finish(store, sweep, close[0].first, 0, 3, noisy_a);
  // A comparison waits for both its rows: y = 2 has one row finished, so nothing more is placed.
  advance_comparisons(store);
  BOOST_TEST(store.planned_count() == 12u);
  finish(store, sweep, close[1].first, 0, 3, noisy_b);
  advance_comparisons(store);
  // y = 1 is decided at the first look (wins: exponent 1 is lower); y = 2 gets its second look.
  BOOST_TEST(store.planned_count() == 12u + 2 * 3);
  const auto replays = replay_comparisons(store);
  BOOST_REQUIRE(replays.size() == 2u);
  BOOST_TEST(replays[0].placed == 3u);
  BOOST_TEST(replays[0].comparisons.at(0).verdict.stopped);
  BOOST_TEST(to_string(replays[0].comparisons.at(0).verdict.outcome) == "wins");
  BOOST_TEST(replays[1].placed == 6u);
  BOOST_TEST(!replays[1].comparisons.at(0).verdict.stopped);
  // To the budget: equal rows within a margin of 0.01 stay undetermined at 12.
  finish(store, sweep, close[0].first, 3, 12, noisy_a);
  finish(store, sweep, close[1].first, 3, 12, noisy_b);
  advance_comparisons(store);
  const auto last = replay_comparisons(store);
  BOOST_TEST(last[1].placed == 12u);
  BOOST_TEST(last[1].comparisons.at(0).verdict.stopped);
  BOOST_TEST(!last[1].comparisons.at(0).verdict.determined);
  const std::string table = comparisons_table(sweep, last);
  BOOST_TEST(table.find("y=1\texponent\t1\t2\tvalue\tlower\t0.01\t0.95\tdetermined\twins\t3\t") !=
                 std::string::npos,
             table);
  BOOST_TEST(
      table.find("y=2\texponent\t1\t2\tvalue\tlower\t0.01\t0.95\tbudget\tundetermined\t12\t") !=
          std::string::npos,
      table);
  BOOST_TEST(describe_comparisons(sweep, last)
                 .find("y=2: 1 vs 2 on value: undetermined, budget reached at 12 replicates") !=
             std::string::npos);
}

// Points are handed out replicate by replicate: the first positions are replicate 0 of every
// setting and row, and the order visits every point once. A grid sweep keeps index order.
BOOST_AUTO_TEST_CASE(a_sequential_sweep_is_handed_out_replicate_by_replicate) {
  SyntheticExperiment e;
  const Sweep sweep = sequential_sweep(e);
  const std::size_t grid_points = 4, replicates = 12;
  BOOST_REQUIRE(sweep.size() == grid_points * replicates);
  std::vector<bool> seen(sweep.size(), false);
  for (std::size_t k = 0; k < sweep.size(); ++k) {
    const std::size_t i = dispatch_index(sweep, k);
    BOOST_REQUIRE(i < sweep.size());
    BOOST_TEST(!seen[i]);
    seen[i] = true;
    BOOST_TEST(sweep.replicate(i) == static_cast<std::int64_t>(k / grid_points));
  }
  const Sweep grid = expand_sweep(
      parse_sweep_text(
          "g.ini", "[sweep]\nexperiment = synthetic\nseed = 1\nreplicates = 3\n[axes]\ny = 1, 2\n"),
      e);
  for (std::size_t k = 0; k < grid.size(); ++k) BOOST_TEST(dispatch_index(grid, k) == k);
}
