// The least-squares power-law fit: exact on exact data, and an honest 95% interval on noisy data.
#define BOOST_TEST_MODULE power_law_fit
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>

#include "analysis/power_law_fit.hpp"

using namespace diffsweep::analysis;

BOOST_AUTO_TEST_CASE(exact_power_law_is_recovered_exactly) {
  std::vector<double> x, y;
  for (int k = 0; k < 9; ++k) {
    x.push_back(std::pow(10.0, -1 + 0.25 * k));
    y.push_back(3.0 * std::pow(x.back(), 1.7));
  }
  const PowerLawFit f = fit_power_law(x, y);
  BOOST_TEST(f.valid());
  BOOST_TEST(f.points == 9u);
  BOOST_TEST(f.slope == 1.7, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(f.intercept == std::log(3.0), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(f.r_squared == 1.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(f.slope_hi - f.slope_lo < 1e-9);
}

BOOST_AUTO_TEST_CASE(unusable_points_are_skipped_and_too_few_is_invalid) {
  const PowerLawFit f = fit_power_law({1, 2, 4, -1, 8, 16}, {1, 4, 16, 1, std::nan(""), 0});
  BOOST_TEST(f.points == 3u);
  BOOST_TEST(f.skipped == 3u);
  BOOST_TEST(f.slope == 2.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(!fit_power_law({1, 2}, {1, 4}).valid());
  BOOST_TEST(!fit_power_law({2, 2, 2}, {1, 4, 5}).valid());  // no spread in x: no slope
}

BOOST_AUTO_TEST_CASE(noisy_fit_interval_covers_the_truth_about_95_percent_of_the_time) {
  // 400 independent noisy data sets of 12 points, log-normal noise 0.2 around y = x^-0.6: a
  // correct Student-t interval covers -0.6 in 95% of them (binomial sd ~1.1%).
  std::mt19937_64 rng(20251123);
  std::normal_distribution<double> noise(0.0, 0.2);
  int covered = 0;
  const int trials = 400;
  double slope_sum = 0;
  for (int trial = 0; trial < trials; ++trial) {
    std::vector<double> x, y;
    for (int k = 0; k < 12; ++k) {
      x.push_back(std::pow(10.0, 0.2 * k));
      y.push_back(std::pow(x.back(), -0.6) * std::exp(noise(rng)));
    }
    const PowerLawFit f = fit_power_law(x, y);
    if (f.slope_lo <= -0.6 && -0.6 <= f.slope_hi) ++covered;
    slope_sum += f.slope;
    BOOST_TEST(f.r_squared < 1.0);
  }
  const double coverage = static_cast<double>(covered) / trials;
  BOOST_TEST(coverage > 0.92);
  BOOST_TEST(coverage < 0.98);
  BOOST_TEST(slope_sum / trials == -0.6, boost::test_tools::tolerance(0.01));
}
