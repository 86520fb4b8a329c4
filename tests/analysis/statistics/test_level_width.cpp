// The decades a median takes to rise from one level to another, on a curve whose answer is known:
// accuracy 0.5 + 0.5 / (1 + (c / x)^4) reaches 0.6 at c / sqrt(2) and 0.9 at c sqrt(2): a width
// of log10(2) = 0.301 decades.
#define BOOST_TEST_MODULE level_width
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>

#include "analysis/statistics/level_width.hpp"

using namespace diffsweep::analysis;

namespace {

constexpr double c = 3.0;

void accuracy_curve(std::vector<double>& x, std::vector<double>& y, double noise, int replicates) {
  std::mt19937_64 rng(9);
  std::normal_distribution<double> z(0.0, noise);
  for (int k = 0; k < 25; ++k)
    for (int r = 0; r < replicates; ++r) {
      const double v = std::pow(10.0, -1.0 + k / 8.0);  // 0.1 .. 100
      x.push_back(v);
      y.push_back(0.5 + 0.5 / (1 + std::pow(c / v, 4)) + z(rng));
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_accuracy_width_of_a_known_curve) {
  std::vector<double> x, y;
  accuracy_curve(x, y, 0.01, 3);
  const AnalysisParameters p;
  const LevelWidth w = level_width(x, y, {}, 0.6, 0.9, p, "test");
  BOOST_TEST_REQUIRE(w.width.has_value());
  BOOST_TEST(*w.low_at == c / std::sqrt(2.0), boost::test_tools::tolerance(0.05));
  BOOST_TEST(*w.high_at == c * std::sqrt(2.0), boost::test_tools::tolerance(0.05));
  BOOST_TEST(*w.width == std::log10(2.0), boost::test_tools::tolerance(0.1));
  BOOST_TEST(w.interval.contains(std::log10(2.0)), w.interval.lo << " " << w.interval.hi);
  const std::string text = level_width_text("test accuracy", "x", w);
  BOOST_TEST(text.rfind("the median test accuracy rises from 0.6 to 0.9 within 0.3", 0) == 0u,
             text);
}

BOOST_AUTO_TEST_CASE(a_curve_short_of_the_upper_level_has_no_width) {
  std::vector<double> x, y;
  accuracy_curve(x, y, 0.0, 3);
  for (auto& v : y) v = std::min(v, 0.8);  // levels off at 0.8
  const LevelWidth w = level_width(x, y, {}, 0.6, 0.9, AnalysisParameters{}, "test");
  BOOST_TEST(!w.width.has_value());
  BOOST_TEST(level_width_text("test accuracy", "x", w) ==
             "the median test accuracy does not rise through 0.9 in the range: its 0.6 to 0.9 "
             "width is not measurable");
}

BOOST_AUTO_TEST_CASE(a_rise_inside_one_grid_step_claims_no_width) {
  // 0.5 at x = 1, 1.0 at x = 10 and after: both levels are crossed between 1 and 10, where only
  // the straight line between two points says where.
  std::vector<double> x, y;
  for (double v : {0.1, 1.0, 10.0, 100.0})
    for (int r = 0; r < 3; ++r) {
      x.push_back(v);
      y.push_back(v < 5 ? 0.5 : 1.0);
    }
  const LevelWidth w = level_width(x, y, {}, 0.6, 0.9, AnalysisParameters{}, "test");
  BOOST_REQUIRE(w.within_step.has_value());
  BOOST_TEST(w.within_step->first == 1.0);
  BOOST_TEST(w.within_step->second == 10.0);
  BOOST_TEST(!w.interval.valid());
  const std::string text = level_width_text("test accuracy", "x", w);
  BOOST_TEST(text ==
                 "the median test accuracy rises from 0.6 to 0.9 within one grid step of x, 1 to "
                 "10 (at most 1 decades): narrower than the grid resolves, so no width is measured",
             text);
}
