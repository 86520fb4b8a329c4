#define BOOST_TEST_MODULE paired_difference
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "common/paired_difference.hpp"

using namespace diffsweep;

BOOST_AUTO_TEST_CASE(the_interval_is_students_t_over_the_finite_values) {
  // Mean 2, sample sd 1, 4 values: se 0.5, t_3 at 0.975 is 3.182446.
  const MeanInterval m = mean_interval({1, 2, 3, 2, NAN}, 0.95);
  BOOST_TEST(m.n == 4u);
  BOOST_TEST(m.mean == 2.0);
  const double se = std::sqrt(2.0 / 3.0) / 2.0;
  BOOST_TEST(m.lo == 2.0 - 3.182446305284263 * se, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(m.hi == 2.0 + 3.182446305284263 * se, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(std::isnan(mean_interval({1.5}, 0.95).lo));
  BOOST_TEST(std::isnan(mean_interval({}, 0.95).mean));
  const MeanInterval same = mean_interval({0.5, 0.5, 0.5}, 0.95);
  BOOST_TEST(same.lo == 0.5);
  BOOST_TEST(same.hi == 0.5);
}

BOOST_AUTO_TEST_CASE(verdicts_follow_the_interval_and_the_margin) {
  BOOST_TEST(to_string(paired_verdict(-0.02, 0.03, 0.05, false)) == "ties");
  BOOST_TEST(to_string(paired_verdict(-0.3, -0.1, 0.05, false)) == "wins");
  BOOST_TEST(to_string(paired_verdict(-0.3, -0.1, 0.05, true)) == "loses");
  BOOST_TEST(to_string(paired_verdict(0.1, 0.3, 0.05, true)) == "wins");
  BOOST_TEST(to_string(paired_verdict(-0.1, 0.3, 0.05, true)) == "undetermined");
  BOOST_TEST(to_string(paired_verdict(NAN, NAN, 0.05, true)) == "undetermined");
}
