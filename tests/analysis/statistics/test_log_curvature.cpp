// The local log-log slopes at the ends of a range, on relations whose slopes are known.
#define BOOST_TEST_MODULE log_curvature
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/statistics/log_curvature.hpp"

using namespace diffsweep::analysis;

namespace {

// log y = b u + c u^2 in u = ln x: local slope b + 2 c u.
std::vector<double> grid() {
  std::vector<double> x;
  for (int k = 0; k < 9; ++k) x.push_back(std::pow(10.0, -2.0 + k / 2.0));  // 0.01 .. 100
  return x;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_curved_relation_has_its_end_slopes) {
  // Local slope 0.75 at x = 0.01 falling linearly in ln x to 0.24 at x = 100.
  const double u0 = std::log(0.01), u1 = std::log(100.0);
  const double c = (0.24 - 0.75) / (2 * (u1 - u0)), b = 0.75 - 2 * c * u0;
  std::vector<double> x = grid(), y;
  for (double v : x) y.push_back(std::exp(b * std::log(v) + c * std::pow(std::log(v), 2)));
  const LogCurvature q = fit_log_curvature(x, y);
  BOOST_TEST_REQUIRE(q.valid);
  BOOST_TEST(q.slope_low == 0.75, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(q.slope_high == 0.24, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(q.change() == -0.51, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(q.x_low == 0.01);
  BOOST_TEST(q.x_high == 100.0);
}

BOOST_AUTO_TEST_CASE(a_power_law_has_one_slope_and_too_few_values_none) {
  std::vector<double> x = grid(), y;
  for (double v : x) y.push_back(3 * std::pow(v, 1.2));
  const LogCurvature q = fit_log_curvature(x, y);
  BOOST_TEST(q.slope_low == 1.2, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(q.slope_high == 1.2, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(std::abs(q.change()) < 1e-9);
  // Two distinct x values fit no quadratic.
  BOOST_TEST(!fit_log_curvature({1, 1, 2, 2}, {1, 1.1, 2, 2.1}).valid);
}
