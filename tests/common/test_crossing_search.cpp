#define BOOST_TEST_MODULE crossing_search
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <functional>

#include "common/crossing_search.hpp"
#include "common/seeding.hpp"
#include "synthetic/synthetic_experiment.hpp"

using namespace diffsweep;

namespace {

CrossingSearchSettings log_range(double level) {
  CrossingSearchSettings s;
  s.lo = 0.1;
  s.hi = 100;
  s.scale = AxisScale::log;
  s.level = level;
  s.tolerance = 0.02;
  s.per_round = 4;
  s.budget = 40;
  return s;
}

// Runs the search to its end the way the runner does, round after round, with `metric` giving
// each lattice value's replicates.
RoundReplay run_search(const CrossingSearchSettings& s, const std::vector<double>& lattice,
                       const std::function<std::vector<double>(std::size_t)>& metric) {
  CrossingResults results;
  for (;;) {
    const RoundReplay r = replay_rounds(s, lattice, results);
    if (r.pending.empty()) return r;
    for (std::size_t i : r.pending) results[i] = metric(i);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_lattice_meets_the_tolerance_in_two_steps_and_keeps_the_ends) {
  const auto s = log_range(1);
  const auto lattice = crossing_lattice(s);
  BOOST_TEST(lattice.front() == 0.1);
  BOOST_TEST(lattice.back() == 100.0);
  for (std::size_t i = 2; i < lattice.size(); ++i)
    BOOST_TEST(lattice[i] / lattice[i - 2] - 1 <= 0.02 + 1e-12);
  // An equal-resolution log grid (steps of 2%) has 350 values over 3 decades: twice as many here.
  BOOST_TEST(equal_resolution_grid_size(s) == 350u);
  BOOST_TEST(lattice.size() == 699u);
  auto linear = s;
  linear.scale = AxisScale::linear;
  linear.relative = false;
  linear.lo = 0;
  linear.hi = 1;
  linear.tolerance = 0.1;
  BOOST_TEST(crossing_lattice(linear).size() == 21u);
  linear.relative = true;
  BOOST_CHECK_THROW(crossing_lattice(linear), std::invalid_argument);  // relative needs lo > 0
}

BOOST_AUTO_TEST_CASE(a_noiseless_crossing_is_located_to_tolerance_with_few_points) {
  const auto s = log_range(3.7);
  const auto lattice = crossing_lattice(s);
  const auto r = run_search(s, lattice, [&](std::size_t i) { return std::vector{lattice[i]}; });
  BOOST_TEST(to_string(r.state.outcome) == "located");
  BOOST_TEST(r.state.lo <= 3.7);
  BOOST_TEST(r.state.hi >= 3.7);
  BOOST_TEST(r.state.hi / r.state.lo - 1 <= 0.02 + 1e-12);
  BOOST_TEST(std::abs(r.state.estimate / 3.7 - 1) < 0.01);
  BOOST_TEST(r.state.direction == 1);
  BOOST_TEST(r.state.evaluated <= 35u);  // a tenth of the 350-value grid of equal resolution
  BOOST_TEST(r.rounds.front().size() == 5u);
  for (std::size_t k = 1; k < r.rounds.size(); ++k) BOOST_TEST(r.rounds[k].size() <= 4u);
}

BOOST_AUTO_TEST_CASE(a_falling_metric_and_ranges_without_a_crossing_say_so) {
  const auto s = log_range(3.7);
  const auto lattice = crossing_lattice(s);
  const auto falling =
      run_search(s, lattice, [&](std::size_t i) { return std::vector{13.69 / lattice[i]}; });
  BOOST_TEST(to_string(falling.state.outcome) == "located");
  BOOST_TEST(falling.state.direction == -1);
  BOOST_TEST((falling.state.lo <= 3.7 && 3.7 <= falling.state.hi));
  const auto never =
      run_search(s, lattice, [&](std::size_t i) { return std::vector{lattice[i] + 200}; });
  BOOST_TEST(to_string(never.state.outcome) == "no crossing");
  BOOST_TEST(never.rounds.size() == 1u);  // decided after the first round
  // Replicates on both sides at an end of the range: where the metric starts cannot be told.
  const auto straddles = run_search(s, lattice, [&](std::size_t i) {
    return i == 0 ? std::vector{3.0, 4.0} : std::vector{lattice[i], lattice[i]};
  });
  BOOST_TEST(to_string(straddles.state.outcome) == "undetermined");
}

BOOST_AUTO_TEST_CASE(the_budget_ends_the_search_with_the_interval_it_has) {
  auto s = log_range(3.7);
  s.budget = 9;
  const auto lattice = crossing_lattice(s);
  const auto r = run_search(s, lattice, [&](std::size_t i) { return std::vector{lattice[i]}; });
  BOOST_TEST(to_string(r.state.outcome) == "unresolved");
  BOOST_TEST(r.state.evaluated == 9u);
  BOOST_TEST((r.state.lo <= 3.7 && 3.7 <= r.state.hi));
}

BOOST_AUTO_TEST_CASE(a_replay_from_partial_results_places_what_the_uninterrupted_search_did) {
  const auto s = log_range(3.7);
  const auto lattice = crossing_lattice(s);
  const auto metric = [&](std::size_t i) { return std::vector{lattice[i] * (1 + 0.01 * (i % 3))}; };
  const auto whole = run_search(s, lattice, metric);
  BOOST_REQUIRE(whole.rounds.size() >= 3u);
  // Every round done but the third, of which only its first value: a kill in the third round.
  CrossingResults partial;
  for (std::size_t k = 0; k < 2; ++k)
    for (std::size_t i : whole.rounds[k]) partial[i] = metric(i);
  partial[whole.rounds[2].front()] = metric(whole.rounds[2].front());
  const auto resumed = replay_rounds(s, lattice, partial);
  BOOST_TEST(resumed.rounds.size() == 3u);
  BOOST_TEST(resumed.rounds[2] == whole.rounds[2]);
  const std::vector<std::size_t> rest(whole.rounds[2].begin() + 1, whole.rounds[2].end());
  BOOST_TEST(resumed.pending == rest);
  const auto finished = run_search(s, lattice, [&](std::size_t i) { return metric(i); });
  BOOST_TEST(finished.rounds == whole.rounds);
}

// The synthetic experiment with noise: value = x * exp(0.1 z), whose mean crosses 3 near
// x = 3 / exp(0.005). Over 100 seeds, the interval must cover it at least 95 times.
BOOST_AUTO_TEST_CASE(the_interval_covers_a_noisy_crossing_in_at_least_95_of_100_seeds) {
  SyntheticExperiment e;
  Params p = default_params(e.params());
  p.set("noise", parse_param_value(*find_spec(e.params(), "noise"), "0.1"));
  const double truth = 3 / std::exp(0.005);  // E[x exp(0.1 z)] = x exp(0.1^2 / 2)
  const auto s = log_range(3);
  const auto lattice = crossing_lattice(s);
  int covered = 0, located = 0;
  std::size_t most_points = 0;
  std::vector<double> widths;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const auto r = run_search(s, lattice, [&](std::size_t i) {
      p.set("x", parse_param_value(*find_spec(e.params(), "x"), std::to_string(lattice[i])));
      std::vector<double> values;
      for (std::uint64_t rep = 0; rep < 5; ++rep)
        values.push_back(
            e.run(p, {derive_seed(seed, i * 5 + rep), seed, 0, 0}).scalars.at("value"));
      return values;
    });
    covered += r.state.bracketed && r.state.lo <= truth && truth <= r.state.hi;
    located += r.state.outcome == SearchOutcome::located;
    most_points = std::max(most_points, r.state.evaluated);
    widths.push_back(r.state.hi / r.state.lo - 1);
  }
  std::sort(widths.begin(), widths.end());
  BOOST_TEST_MESSAGE("covered " << covered << "/100, located to 2% " << located << "/100, at most "
                                << most_points << " lattice values, median width " << widths[50]);
  BOOST_TEST(covered >= 95);
}

// Common seeds: replicate r of seed s draws the same z at every x, so its value x exp(0.3 z_r) is
// a deterministic curve. The search must locate the crossing of the replicates' median,
// 3 / median_r exp(0.3 z_r), to 2% in every seed, with a tenth of the equal-resolution grid, and
// its interval over draws must cover the crossing over all draws (x = 3: the median of
// exp(0.3 z) is 1) about as often as its stated coverage says (93.75% with 5 replicates).
BOOST_AUTO_TEST_CASE(common_seeds_locate_the_median_crossing_to_tolerance_and_bound_the_draws) {
  SyntheticExperiment e;
  Params p = default_params(e.params());
  p.set("noise", parse_param_value(*find_spec(e.params(), "noise"), "0.3"));
  auto s = log_range(3);
  s.common_seeds = true;
  s.budget = static_cast<int>(equal_resolution_grid_size(s) / 10);
  const auto lattice = crossing_lattice(s);
  int located = 0, exact_inside = 0, draws_covered = 0;
  double coverage = 0;
  std::size_t most_points = 0;
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    const auto values_at = [&](double x) {
      p.set("x", parse_param_value(*find_spec(e.params(), "x"), std::to_string(x)));
      std::vector<double> values;
      for (std::uint64_t rep = 0; rep < 5; ++rep)
        values.push_back(e.run(p, {derive_seed(seed, rep), seed, 0, 0}).scalars.at("value"));
      return values;
    };
    std::vector<double> at_one = values_at(1);
    std::nth_element(at_one.begin(), at_one.begin() + 2, at_one.end());
    const double exact = 3 / at_one[2];
    const auto r = run_search(s, lattice, [&](std::size_t i) { return values_at(lattice[i]); });
    located += r.state.outcome == SearchOutcome::located;
    exact_inside += r.state.lo <= exact * (1 + 1e-6) && exact <= r.state.hi * (1 + 1e-6);
    draws_covered += r.state.draws_lo <= 3 && 3 <= r.state.draws_hi;
    coverage = r.state.draws_coverage;
    most_points = std::max(most_points, r.state.evaluated);
  }
  BOOST_TEST_MESSAGE("located " << located << "/100, exact median crossing inside " << exact_inside
                                << "/100, draws interval covers 3 in " << draws_covered
                                << "/100 (stated " << coverage << "), at most " << most_points
                                << " values of a grid of " << equal_resolution_grid_size(s));
  BOOST_TEST(located == 100);
  BOOST_TEST(exact_inside == 100);
  BOOST_TEST(coverage == 0.9375, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(draws_covered >= 88);
  BOOST_TEST(most_points <= equal_resolution_grid_size(s) / 10);
}
