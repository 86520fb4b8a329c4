// Median and quartiles over replicates, grouped by x.
#define BOOST_TEST_MODULE replicate_stats
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>
#include <vector>

#include "analysis/statistics/replicate_stats.hpp"

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

// The selections (compare-exchange up to 4 values, insertion sort, nth_element) give exactly the
// sorted quantile, ties and every size from 1 to 40 included.
BOOST_AUTO_TEST_CASE(selection_equals_sorting) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> few_values(0, 5);  // many ties
  std::normal_distribution<double> normal(0.0, 1.0);
  for (std::size_t n = 1; n <= 40; ++n)
    for (int trial = 0; trial < 200; ++trial) {
      std::vector<double> v(n);
      for (auto& x : v) x = trial % 2 ? normal(rng) : few_values(rng);
      std::vector<double> sorted = v;
      std::sort(sorted.begin(), sorted.end());
      for (double q : {0.025, 0.25, 0.5, 0.975}) {
        std::vector<double> w = v;
        BOOST_TEST(quantile_in_place(w, q) == quantile_sorted(sorted, q));
      }
      std::vector<double> w = v;
      w.push_back(std::nan(""));
      BOOST_TEST(median_in_place(w) == quantile_sorted(sorted, 0.5));
    }
}
