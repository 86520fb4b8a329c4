#define BOOST_TEST_MODULE sequential_comparison
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "common/sequential_comparison.hpp"

using namespace diffsweep;

namespace {

const double not_a_number = std::numeric_limits<double>::quiet_NaN();

// Student t quantiles in closed form (no numerical inversion), to check the code's intervals
// against: p-quantiles of t with 2 and 4 degrees of freedom, for p > 1/2.
double t2_quantile(double p) { return (2 * p - 1) / std::sqrt(2 * p * (1 - p)); }
double t4_quantile(double p) {
  const double a = 4 * p * (1 - p);
  const double q = std::cos(std::acos(std::sqrt(a)) / 3) / std::sqrt(a);
  return 2 * std::sqrt(q - 1);
}

std::vector<double> prefix(const std::vector<double>& v, std::size_t n) {
  return {v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n)};
}

// One sequential comparison run the way a sweep runs it: replicates are drawn only when the rule
// asks for them. Replicate r shares a draw between the rows (its data and seeds), so row b is
// 1 + u_r and row a is b + difference + sd z_r: the paired differences are N(difference, sd^2)
// and row b's median is near 1, so a relative margin of 0.1 is about 0.1.
SequentialVerdict simulate(const SequentialSettings& s, double difference, double sd,
                           std::mt19937_64& rng) {
  std::normal_distribution<double> normal;
  std::vector<double> a, b;
  for (;;) {
    const SequentialVerdict v = replay_sequential(s, a, b);
    if (v.stopped) return v;
    while (a.size() < v.next_replicates) {
      b.push_back(1 + 0.5 * normal(rng));
      a.push_back(b.back() + difference + sd * normal(rng));
    }
  }
}

// The rule that looks at every planned look with the fixed interval at `level`: the same walk
// with a confidence whose share per look is 1 - level.
SequentialSettings naive(SequentialSettings s, double level) {
  s.confidence = 1 - static_cast<double>(planned_looks(s).size()) * (1 - level);
  return s;
}

// Three standard errors of a proportion p estimated from n trials.
double slack(double p, int n) { return 3 * std::sqrt(p * (1 - p) / n); }

}  // namespace

BOOST_AUTO_TEST_CASE(looks_grow_geometrically_and_end_at_the_budget) {
  SequentialSettings s;
  BOOST_TEST(planned_looks(s) == (std::vector<std::size_t>{5, 10, 20, 40}));
  BOOST_TEST(look_level(s) == 1 - 0.05 / 4, boost::test_tools::tolerance(1e-14));
  s.start = 3;
  s.budget = 48;
  BOOST_TEST(planned_looks(s) == (std::vector<std::size_t>{3, 6, 12, 24, 48}));
  s.start = 5;
  s.budget = 40;
  s.growth = 1.5;  // 7.5 rounds up to 8, 40.5 is clamped to the budget
  BOOST_TEST(planned_looks(s) == (std::vector<std::size_t>{5, 8, 12, 18, 27, 40}));
  s.growth = 3;  // a budget off the geometric sequence is still the last look
  s.budget = 50;
  BOOST_TEST(planned_looks(s) == (std::vector<std::size_t>{5, 15, 45, 50}));
  s.budget = 5;  // one look: a fixed-n comparison at the stated confidence
  BOOST_TEST(planned_looks(s) == (std::vector<std::size_t>{5}));
  BOOST_TEST(look_level(s) == 0.95, boost::test_tools::tolerance(1e-14));
  // Growth under 1 + 1/n still adds a replicate per look.
  s.start = 2;
  s.budget = 10;
  s.growth = 1.1;
  BOOST_TEST(planned_looks(s) == (std::vector<std::size_t>{2, 3, 4, 5, 6, 7, 8, 9, 10}));
  // Huge numbers neither overflow nor loop.
  s.growth = 1e300;
  s.budget = std::numeric_limits<std::size_t>::max();
  BOOST_TEST(planned_looks(s) == (std::vector<std::size_t>{2, s.budget}));
  // 64 looks at most: 2, 3, ..., 65 is 64 of them.
  s.growth = 1.0001;
  s.budget = 65;
  BOOST_TEST(planned_looks(s).size() == 64u);
  s.budget = 66;
  BOOST_CHECK_THROW(planned_looks(s), SequentialSettingsError);
}

BOOST_AUTO_TEST_CASE(settings_no_comparison_can_use_name_the_setting) {
  const auto fault = [](void (*change)(SequentialSettings&)) {
    SequentialSettings s;
    change(s);
    try {
      planned_looks(s);
    } catch (const SequentialSettingsError& e) {
      BOOST_TEST(std::string(e.what()).size() > 0u);
      return e.setting();
    }
    return std::string("none");
  };
  BOOST_TEST(fault([](SequentialSettings&) {}) == "none");
  BOOST_TEST(fault([](SequentialSettings& s) { s.start = 1; }) == "start");
  BOOST_TEST(fault([](SequentialSettings& s) { s.budget = 4; }) == "budget");
  BOOST_TEST(fault([](SequentialSettings& s) { s.growth = 1; }) == "growth");
  BOOST_TEST(fault([](SequentialSettings& s) { s.growth = not_a_number; }) == "growth");
  BOOST_TEST(fault([](SequentialSettings& s) { s.confidence = 1; }) == "confidence");
  BOOST_TEST(fault([](SequentialSettings& s) { s.confidence = 0; }) == "confidence");
  BOOST_TEST(fault([](SequentialSettings& s) { s.margin = -0.1; }) == "margin");
  BOOST_TEST(fault([](SequentialSettings& s) { s.margin = not_a_number; }) == "margin");
  BOOST_TEST(fault([](SequentialSettings& s) {
               s.growth = 1.01;
               s.budget = 100;
             }) == "growth");
  BOOST_CHECK_THROW(replay_sequential(SequentialSettings{}, {1, 2}, {1}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(a_look_gives_the_student_t_interval_at_the_look_level) {
  // Defaults: 4 looks, each at 1 - 0.05 / 4; at the first, 5 pairs, 4 degrees of freedom.
  const std::vector<double> b{2, 4, 3, 5, 1};
  const std::vector<double> d{0.5, 1.5, 1.0, 2.0, 0.0};  // mean 1, sum of squares 2.5
  std::vector<double> a;
  for (std::size_t r = 0; r < b.size(); ++r) a.push_back(b[r] + d[r]);
  const auto v = replay_sequential(SequentialSettings{}, a, b);
  const double half = t4_quantile(1 - 0.0125 / 2) * std::sqrt(2.5 / 4 / 5);
  BOOST_TEST(half > 1.5);  // t_4 at 0.99375 is 4.31: the interval holds 0
  BOOST_TEST(v.pairs == 5u);
  BOOST_TEST(v.replicates == 5u);
  BOOST_TEST(v.looks_used == 1u);
  BOOST_TEST(v.looks_planned == 4u);
  BOOST_TEST(v.level == 0.9875, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(v.mean == 1.0, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(v.lo == 1 - half, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(v.hi == 1 + half, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(v.margin == 0.3, boost::test_tools::tolerance(1e-14));  // 0.1 * median of b
  BOOST_TEST(to_string(v.outcome) == "undetermined");
  BOOST_TEST(!v.stopped);
  BOOST_TEST(v.next_replicates == 10u);
}

BOOST_AUTO_TEST_CASE(pairs_with_a_failed_side_are_left_out) {
  SequentialSettings s;  // looks 4, 8, 16: each at 1 - 0.06 / 3 = 0.98
  s.start = 4;
  s.budget = 16;
  s.confidence = 0.94;
  s.relative_margin = false;
  // Replicate 1 failed in row a, replicate 4 (past the first look) in row b.
  const std::vector<double> a{1, not_a_number, 2, 4, 7};
  const std::vector<double> b{0, 5, 0, 0, std::numeric_limits<double>::infinity()};
  const auto v = replay_sequential(s, a, b);
  BOOST_TEST(v.replicates == 4u);
  BOOST_TEST(v.pairs == 3u);  // differences 1, 2, 4: mean 7/3, variance 7/3
  const double half = t2_quantile(0.99) * std::sqrt(7.0 / 3 / 3);
  BOOST_TEST(v.mean == 7.0 / 3, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(v.lo == 7.0 / 3 - half, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(v.hi == 7.0 / 3 + half, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(v.margin == 0.1);
  BOOST_TEST(v.next_replicates == 8u);
  // Too few pairs at a look: no interval, and nothing claimed.
  const auto few =
      replay_sequential(s, {1, not_a_number, not_a_number, 3}, {0, 0, 0, not_a_number});
  BOOST_TEST(few.pairs == 1u);
  BOOST_TEST(std::isnan(few.lo));
  BOOST_TEST(to_string(few.outcome) == "undetermined");
  BOOST_TEST(few.next_replicates == 8u);
}

BOOST_AUTO_TEST_CASE(agreeing_pairs_collapse_the_interval_and_the_side_follows_the_metric) {
  const std::vector<double> b{1, 2, 3, 4, 5};
  const std::vector<double> a{1.5, 2.5, 3.5, 4.5, 5.5};
  SequentialSettings s;
  s.relative_margin = false;
  auto v = replay_sequential(s, a, b);
  BOOST_TEST(v.lo == 0.5);
  BOOST_TEST(v.hi == 0.5);
  BOOST_TEST(to_string(v.outcome) == "loses");  // a is higher and lower is better
  s.higher_is_better = true;
  BOOST_TEST(to_string(replay_sequential(s, a, b).outcome) == "wins");
  v = replay_sequential(s, b, b);
  BOOST_TEST(to_string(v.outcome) == "ties");
  BOOST_TEST((v.stopped && v.determined && v.next_replicates == 0u));
  // Within the margin on both sides, though clearly above 0: ties, as the analysis says.
  s.margin = 1;
  BOOST_TEST(to_string(replay_sequential(s, a, b).outcome) == "ties");
}

BOOST_AUTO_TEST_CASE(a_determined_comparison_stays_frozen_at_its_stopping_look) {
  // Five clearly better replicates, then 35 that reverse the sign: the comparison stopped at look
  // 1 and the later replicates, run for other comparisons of its setting, are not used for it.
  std::vector<double> a, b;
  for (int r = 0; r < 40; ++r) {
    b.push_back(10 + 0.1 * r);
    a.push_back(b.back() + (r < 5 ? -5 - 0.1 * (r % 3) : 20 + 0.1 * (r % 4)));
  }
  const auto first = replay_sequential(SequentialSettings{}, prefix(a, 5), prefix(b, 5));
  BOOST_TEST(to_string(first.outcome) == "wins");
  const auto all = replay_sequential(SequentialSettings{}, a, b);
  BOOST_TEST(to_string(all.outcome) == "wins");
  BOOST_TEST((all.stopped && all.determined));
  BOOST_TEST(all.looks_used == 1u);
  BOOST_TEST(all.replicates == 5u);
  BOOST_TEST(all.pairs == 5u);
  BOOST_TEST(all.mean == first.mean);
  BOOST_TEST(all.lo == first.lo);
  BOOST_TEST(all.hi == first.hi);
  BOOST_TEST(all.next_replicates == 0u);
}

BOOST_AUTO_TEST_CASE(an_undetermined_comparison_asks_for_the_next_look_until_the_budget) {
  // Differences alternating in sign: the interval always holds 0 and reaches past the margin.
  std::vector<double> a, b;
  for (int r = 0; r < 45; ++r) {
    b.push_back(1);
    a.push_back(r % 2 ? 0 : 2);
  }
  const std::vector<std::pair<std::size_t, std::size_t>> expected_next{
      {0, 5}, {4, 5}, {5, 10}, {7, 10}, {10, 20}, {19, 20}, {20, 40}, {39, 40}};
  for (const auto& [finished, next] : expected_next) {
    const auto v =
        replay_sequential(SequentialSettings{}, prefix(a, finished), prefix(b, finished));
    BOOST_TEST(!v.stopped);
    BOOST_TEST(v.next_replicates == next);
    BOOST_TEST(v.replicates == (finished < 5 ? 0u : next / 2));
  }
  for (std::size_t finished : {40u, 45u}) {
    const auto v =
        replay_sequential(SequentialSettings{}, prefix(a, finished), prefix(b, finished));
    BOOST_TEST((v.stopped && !v.determined));
    BOOST_TEST(to_string(v.outcome) == "undetermined");
    BOOST_TEST(v.why == "budget reached");
    BOOST_TEST(v.replicates == 40u);  // replicates past the budget are not used
    BOOST_TEST(v.looks_used == 4u);
    BOOST_TEST(v.next_replicates == 0u);
  }
}

// Two equal rows: every "wins" or "loses" is false. The rule keeps their share at most
// 1 - confidence; the fixed 95% interval looked at 5 times does not, which shows this test can
// fail.
BOOST_AUTO_TEST_CASE(equal_rows_are_called_different_at_most_at_the_stated_rate) {
  SequentialSettings s;
  s.start = 3;
  s.growth = 2;
  s.budget = 48;  // looks 3, 6, 12, 24, 48
  s.confidence = 0.95;
  constexpr int trials = 2000;
  std::mt19937_64 rng(20240611);
  int false_claims = 0, naive_false_claims = 0, naive_at_first_look = 0;
  for (int t = 0; t < trials; ++t) {
    const auto v = simulate(s, 0, 1, rng);
    false_claims += v.outcome == SequentialOutcome::wins || v.outcome == SequentialOutcome::loses;
    const auto n = simulate(naive(s, 0.95), 0, 1, rng);
    naive_false_claims +=
        n.outcome == SequentialOutcome::wins || n.outcome == SequentialOutcome::loses;
    naive_at_first_look += n.determined && n.looks_used == 1;
  }
  const double share = static_cast<double>(false_claims) / trials;
  const double naive_share = static_cast<double>(naive_false_claims) / trials;
  BOOST_TEST_MESSAGE("equal rows, " << trials << " comparisons, looks 3..48: false wins/loses "
                                    << share << " (sequential, each look at " << look_level(s)
                                    << "), " << naive_share << " (95% interval at every look; "
                                    << static_cast<double>(naive_at_first_look) / trials
                                    << " at the first look alone)");
  BOOST_TEST(share <= 0.05 + slack(0.05, trials));
  BOOST_TEST(naive_share > 0.07);
}

// A known difference: the interval frozen at the stopping look covers it at least at the stated
// confidence, though the stopping look depends on the data.
BOOST_AUTO_TEST_CASE(the_frozen_interval_covers_a_known_difference_at_the_stated_confidence) {
  const SequentialSettings s;  // looks 5, 10, 20, 40; margin 0.1 of row b's median (near 1)
  constexpr int trials = 2000;
  constexpr double difference = 0.3;
  std::mt19937_64 rng(77001);
  int covered = 0, naive_covered = 0, false_ties = 0;
  for (int t = 0; t < trials; ++t) {
    const auto v = simulate(s, difference, 1, rng);
    covered += v.lo <= difference && difference <= v.hi;
    false_ties += v.outcome == SequentialOutcome::ties;
    const auto n = simulate(naive(s, 0.95), difference, 1, rng);
    naive_covered += n.lo <= difference && difference <= n.hi;
  }
  const double coverage = static_cast<double>(covered) / trials;
  BOOST_TEST_MESSAGE("difference 0.3, sd 1, " << trials << " comparisons, looks 5..40: coverage "
                                              << coverage << " (sequential), "
                                              << static_cast<double>(naive_covered) / trials
                                              << " (95% interval at every look); false ties "
                                              << static_cast<double>(false_ties) / trials);
  BOOST_TEST(coverage >= 0.95 - slack(0.95, trials));
}

BOOST_AUTO_TEST_CASE(a_large_difference_stops_early_and_a_tiny_one_reaches_the_budget) {
  const SequentialSettings s;  // looks 5, 10, 20, 40
  constexpr int trials = 500;
  std::mt19937_64 rng(5150);
  int early = 0, right_side = 0, at_budget = 0;
  double replicates = 0;
  for (int t = 0; t < trials; ++t) {
    const auto large = simulate(s, 3, 1, rng);  // row a 3 sd higher: it loses (lower is better)
    early += large.determined && large.looks_used <= 2;
    right_side += large.outcome == SequentialOutcome::loses;
    replicates += static_cast<double>(large.replicates);
    const auto tiny = simulate(s, 0.01, 1, rng);
    at_budget += tiny.outcome == SequentialOutcome::undetermined && tiny.replicates == 40;
  }
  BOOST_TEST_MESSAGE("difference 3 sd: " << static_cast<double>(early) / trials
                                         << " stopped at look 1 or 2, mean replicates "
                                         << replicates / trials << "; difference 0.01 sd: "
                                         << static_cast<double>(at_budget) / trials
                                         << " reached the budget undetermined");
  BOOST_TEST(early >= 0.95 * trials);
  BOOST_TEST(right_side == trials);
  BOOST_TEST(at_budget >= 0.9 * trials);
}
