// The least-squares power-law fit: exact on exact data, unusable points skipped. Its interval is
// the bootstrap's (test_bootstrap.cpp).
#define BOOST_TEST_MODULE power_law_fit
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/statistics/power_law_fit.hpp"

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
}

BOOST_AUTO_TEST_CASE(unusable_points_are_skipped_and_too_few_is_invalid) {
  const PowerLawFit f = fit_power_law({1, 2, 4, -1, 8, 16}, {1, 4, 16, 1, std::nan(""), 0});
  BOOST_TEST(f.points == 3u);
  BOOST_TEST(f.skipped == 3u);
  BOOST_TEST(f.slope == 2.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(!fit_power_law({1, 2}, {1, 4}).valid());
  BOOST_TEST(!fit_power_law({2, 2, 2}, {1, 4, 5}).valid());  // no spread in x: no slope
}
