// Paired comparisons over replicates on differences whose answer is known: Student's t interval
// of the mean difference and its p-value against textbook values, and the outcome words.
#define BOOST_TEST_MODULE paired_comparison
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>

#include "analysis/statistics/paired_comparison.hpp"

using namespace diffsweep::analysis;

BOOST_AUTO_TEST_CASE(mean_interval_matches_students_t) {
  // Mean 3, sd sqrt(2.5), n 5: t_{0.975, 4} = 2.776445, half width 2.776445 * sqrt(2.5 / 5).
  const MeanInterval m = mean_interval({1, 2, 3, 4, 5}, 0.95);
  BOOST_TEST(m.n == 5u);
  BOOST_TEST(m.mean == 3.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(m.hi - m.mean == 2.776445 * std::sqrt(0.5), boost::test_tools::tolerance(1e-6));
  // t = 3 / sqrt(0.5) = 4.2426 on 4 dof: two-sided p = 0.01324.
  BOOST_TEST(m.p_value == 0.01324, boost::test_tools::tolerance(1e-3));
  const MeanInterval exact = mean_interval({2, 2, 2}, 0.95);
  BOOST_TEST(exact.lo == 2.0);
  BOOST_TEST(exact.hi == 2.0);
  BOOST_TEST(exact.p_value == 0.0);
  BOOST_TEST(std::isnan(mean_interval({1}, 0.95).lo));
}

BOOST_AUTO_TEST_CASE(outcomes) {
  AnalysisParameters p;  // tie margin 10%, 3 pairs at least
  // a is lower by 1 +- 0.1 in every pair: lower is better, so a wins.
  const Comparison wins = compare_paired({9, 10.1, 8.9, 9.05}, {10, 11, 10, 10}, false, p);
  BOOST_TEST((wins.outcome == Outcome::wins));
  BOOST_TEST(wins.a_better == 4u);
  BOOST_TEST(wins.difference.hi < 0);
  // The same numbers where higher is better: a loses.
  BOOST_TEST(
      (compare_paired({9, 10.1, 8.9, 9.05}, {10, 11, 10, 10}, true, p).outcome == Outcome::loses));
  // Differences of +-0.1 around 0 against values of 10: inside +-1 (10%): ties.
  const Comparison ties = compare_paired({10.1, 9.9, 10.05, 9.95}, {10, 10, 10, 10}, false, p);
  BOOST_TEST((ties.outcome == Outcome::ties));
  BOOST_TEST(ties.margin == 1.0, boost::test_tools::tolerance(1e-12));
  // Differences of +-5: neither excludes 0 nor fits the margin.
  BOOST_TEST((compare_paired({15, 5, 14, 6}, {10, 10, 10, 10}, false, p).outcome ==
              Outcome::undetermined));
  // Two pairs, however clear: too few.
  const Comparison few = compare_paired({1, 1}, {10, 10}, false, p);
  BOOST_TEST((few.outcome == Outcome::too_few));
  BOOST_TEST(outcome_word(few.outcome) == "undetermined (too few pairs)");
  // Non-finite pairs are left out.
  BOOST_TEST(compare_paired({1, std::nan(""), 2, 3}, {1, 1, 1, std::nan("")}, false, p).pairs ==
             2u);
}

BOOST_AUTO_TEST_CASE(equal_methods_never_win_more_often_than_the_level_allows) {
  // 400 comparisons of two methods with the same law, paired by replicate (5 pairs, shared
  // replicate effect): "wins" or "loses" at most as often as 5% plus sampling error.
  std::mt19937_64 rng(11);
  std::normal_distribution<double> shared(0.0, 0.05), own(0.0, 0.01);
  AnalysisParameters p;
  int decided = 0;
  const int trials = 400;
  for (int t = 0; t < trials; ++t) {
    std::vector<double> a, b;
    for (int r = 0; r < 5; ++r) {
      const double replicate = 0.1 + shared(rng);
      a.push_back(replicate + own(rng));
      b.push_back(replicate + own(rng));
    }
    const Outcome o = compare_paired(a, b, false, p).outcome;
    if (o == Outcome::wins || o == Outcome::loses) ++decided;
  }
  BOOST_TEST(double(decided) / trials < 0.08);
}
