// Median and quartiles over replicates, grouped by x.
#define BOOST_TEST_MODULE replicate_stats
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/replicate_stats.hpp"

using namespace diffsweep::analysis;

BOOST_AUTO_TEST_CASE(median_quartiles_and_nan) {
  const Spread s = spread_of({4, 1, std::nan(""), 3, 2});
  BOOST_TEST(s.count == 4u);
  BOOST_TEST(s.median == 2.5);
  BOOST_TEST(s.q25 == 1.75);
  BOOST_TEST(s.q75 == 3.25);
  BOOST_TEST(s.min == 1.0);
  BOOST_TEST(s.max == 4.0);
  BOOST_TEST(spread_of({std::nan("")}).count == 0u);
  BOOST_TEST(std::isnan(spread_of({}).median));
}

BOOST_AUTO_TEST_CASE(grouped_by_x_in_x_order) {
  const auto g = spread_by_x({2, 1, 2, 1, 2}, {10, 1, 30, 3, 20});
  BOOST_TEST_REQUIRE(g.size() == 2u);
  BOOST_TEST(g[0].x == 1.0);
  BOOST_TEST(g[0].y.median == 2.0);
  BOOST_TEST(g[1].x == 2.0);
  BOOST_TEST(g[1].y.median == 20.0);
  BOOST_TEST(g[1].y.count == 3u);
}
