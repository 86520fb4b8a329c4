// Crossings of a level by log-log interpolation, and the 0.1-to-10 width of a transition.
#define BOOST_TEST_MODULE crossing
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/statistics/crossing.hpp"

using namespace diffsweep::analysis;

BOOST_AUTO_TEST_CASE(a_power_law_crosses_where_it_should_with_width_two_over_exponent) {
  // y = 0.01 x^4 on a coarse grid: log-log interpolation is exact for a power law.
  std::vector<CurvePoint> curve;
  for (int k = 0; k <= 12; ++k) {
    const double x = std::pow(10.0, -0.5 + 0.25 * k);
    curve.push_back({x, 0.01 * std::pow(x, 4)});
  }
  const Transition t = find_transition(curve, 1.0);
  BOOST_TEST_REQUIRE(t.at.has_value());
  BOOST_TEST(*t.at == std::pow(100.0, 0.25), boost::test_tools::tolerance(1e-12));
  BOOST_TEST_REQUIRE(t.width.has_value());
  BOOST_TEST(*t.width == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(t.crossings == 1);
}

BOOST_AUTO_TEST_CASE(interpolation_between_two_points_is_linear_in_logs) {
  // Points given out of order; between (2, 0.5) and (8, 2) log y rises by log 4 over log 4 of x,
  // so y = 1 at x = 4.
  const auto at = upward_crossing({{8, 2}, {1, 0.1}, {2, 0.5}}, 1.0);
  BOOST_TEST_REQUIRE(at.has_value());
  BOOST_TEST(*at == 4.0, boost::test_tools::tolerance(1e-12));
  // A level hit exactly at a point is crossed there.
  BOOST_TEST(*upward_crossing({{1, 0.5}, {3, 1.0}}, 1.0) == 3.0,
             boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(no_crossing_falling_curves_and_non_monotone_curves) {
  BOOST_TEST(!upward_crossing({{1, 0.1}, {2, 0.5}, {3, 0.9}}, 1.0).has_value());
  BOOST_TEST(!upward_crossing({{1, 5}, {2, 0.5}}, 1.0).has_value());  // falls through 1 only
  BOOST_TEST(crossing_count({{1, 5}, {2, 0.5}}, 1.0) == 1);
  const Transition t = find_transition({{1, 0.5}, {2, 2}, {3, 0.5}, {4, 3}}, 1.0);
  BOOST_TEST(t.crossings == 3);
  BOOST_TEST(!t.width.has_value());  // never reaches 0.1 or 10
  BOOST_TEST(t.y_min == 0.5);
  BOOST_TEST(t.y_max == 3.0);
  // Unusable points (non-positive, NaN) are ignored rather than crossing anything.
  BOOST_TEST(*upward_crossing({{1, 0.5}, {1.5, -3}, {2, std::nan("")}, {4, 2}}, 1.0) == 2.0,
             boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(a_width_inside_one_grid_step_is_found) {
  const std::vector<double> grid = {1, 10, 100};
  const auto step = within_one_step(grid, 2.0, 7.0);
  BOOST_REQUIRE(step.has_value());
  BOOST_TEST(step->first == 1.0);
  BOOST_TEST(step->second == 10.0);
  BOOST_TEST(!within_one_step(grid, 2.0, 20.0).has_value());     // 10 lies between
  BOOST_TEST(!within_one_step(grid, 200.0, 300.0).has_value());  // beyond the grid
  const auto at_grid = within_one_step(grid, 10.0, 10.0);
  BOOST_REQUIRE(at_grid.has_value());
  BOOST_TEST(at_grid->first == 10.0);
}
