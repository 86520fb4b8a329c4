// The floor verdict on hand-chosen rows: exact_target's mmd equals the floor's but for a zero-mean
// jitter, the exact guidance's is 1.5 times the floor's.
#define BOOST_TEST_MODULE floor_verdicts
#include <boost/test/unit_test.hpp>

#include "analysis/transfer/floor_verdicts.hpp"
#include "tests/analysis/transfer/transfer_table.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

const double floor_at[] = {0.020, 0.021, 0.019, 0.020, 0.022};
const double jitter[] = {0.0001, -0.0001, 0.0002, -0.0002, 0};

results::ResultsTable rows() {
  return test::transfer_table(
      {{"exact_target"}, {"tgdp", "guidance"}}, {10, 100}, 5, {"mmd", "mmd_floor"},
      [](std::size_t k, double n, int rep, const std::string& metric) {
        if (metric == "mmd_floor") return floor_at[rep];
        // The guidance's distance to the floor shrinks with n_target; exact_target's does not.
        return k == 0 ? floor_at[rep] + jitter[rep] : floor_at[rep] * (n == 10 ? 1.5 : 1.25);
      });
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_row_on_the_floor_ties_with_it_everywhere) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  const PerN exact = floor_comparisons(d, 0);
  BOOST_TEST_REQUIRE(exact.at.size() == 2u);
  BOOST_TEST(exact.same_everywhere());
  const Comparison& c = exact.at.front().second;
  BOOST_TEST(c.pairs == 5u);
  BOOST_TEST(c.difference.mean == 0.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(c.margin == 0.1 * 0.020, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(floor_word(c.outcome) == "at the floor");
}

BOOST_AUTO_TEST_CASE(a_row_above_the_floor_loses_to_it_by_its_distance) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  const PerN guidance = floor_comparisons(d, 1);
  BOOST_TEST_REQUIRE(guidance.at.size() == 2u);
  BOOST_TEST(!guidance.same_everywhere());
  const auto& [n, c] = guidance.at.front();
  BOOST_TEST(n == 10.0);
  BOOST_TEST(c.difference.mean == 0.5 * 0.0204, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(c.a_better == 0u);
  BOOST_TEST(floor_word(c.outcome) == "above the floor");
  BOOST_TEST(guidance.at.back().second.difference.mean == 0.25 * 0.0204,
             boost::test_tools::tolerance(1e-9));
}
