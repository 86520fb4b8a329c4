// The memorisation verdict from nn_ratio's and its control's intervals, and their geometric means
// over the replicates of hand-chosen rows.
#define BOOST_TEST_MODULE memorisation_verdicts
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/transfer/memorisation_verdicts.hpp"
#include "tests/analysis/transfer/transfer_table.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

MeanInterval interval(double lo, double hi) { return {5, (lo + hi) / 2, lo, hi, 0.01}; }

const double threshold = 0.9;
const double t_2 = 4.302652729911275;  // Student's t, 2 degrees of freedom, 97.5%

// target_only copies its training points: nn_ratio and its control 0.5 (geometric mean of 0.4,
// 0.5, 0.625); exact_ratio is concentrated: nn_ratio 0.5, control 1 (of 0.98, 1, 1 / 0.98).
results::ResultsTable rows() {
  const double spread[] = {0.8, 1.0, 1.25};
  const double tight[] = {0.98, 1.0, 1 / 0.98};
  return test::transfer_table({{"target_only"}, {"tgdp", "ratio"}}, {10}, 3,
                              {"nn_ratio", "nn_heldout_ratio"},
                              [&](std::size_t k, double, int rep, const std::string& metric) {
                                if (metric == "nn_ratio" || k == 0) return 0.5 * spread[rep];
                                return tight[rep];
                              });
}

}  // namespace

BOOST_AUTO_TEST_CASE(outcomes_from_the_two_intervals) {
  const auto both_below = interval(0.3, 0.5);
  BOOST_TEST(int(memorisation_outcome(interval(0.95, 1.05), both_below, threshold)) ==
             int(Memorisation::does_not));
  BOOST_TEST(int(memorisation_outcome(both_below, both_below, threshold)) ==
             int(Memorisation::memorises));
  BOOST_TEST(int(memorisation_outcome(both_below, interval(0.95, 1.1), threshold)) ==
             int(Memorisation::concentrated));
  BOOST_TEST(int(memorisation_outcome(both_below, interval(0.85, 1.0), threshold)) ==
             int(Memorisation::control_undetermined));
  BOOST_TEST(int(memorisation_outcome(interval(0.8, 0.95), both_below, threshold)) ==
             int(Memorisation::undetermined));
  BOOST_TEST(int(memorisation_outcome(interval(0.3, std::nan("")), {}, threshold)) ==
             int(Memorisation::too_few));
  // Without the control, copying and concentration look alike: both read as memorising.
  BOOST_TEST(int(memorisation_outcome(both_below, std::nullopt, threshold)) ==
             int(Memorisation::memorises));
}

BOOST_AUTO_TEST_CASE(geometric_means_and_t_intervals_of_the_rows) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  BOOST_TEST_REQUIRE(d.methods.size() == 2u);
  const MemorisationAt copying = memorisation_at(d, 0, 10);
  const double half = t_2 * std::log(1.25) / std::sqrt(3.0);
  BOOST_TEST(copying.ratio.n == 3u);
  BOOST_TEST(copying.ratio.mean == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(copying.ratio.lo == 0.5 * std::exp(-half), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(copying.ratio.hi == 0.5 * std::exp(half), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(int(copying.outcome) == int(Memorisation::memorises));
  const MemorisationAt concentrated = memorisation_at(d, 1, 10);
  BOOST_TEST_REQUIRE(concentrated.control.has_value());
  BOOST_TEST(concentrated.control->mean == 1.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(int(concentrated.outcome) == int(Memorisation::concentrated));
}

BOOST_AUTO_TEST_CASE(too_few_replicates_give_no_interval) {
  const auto t = rows();
  AnalysisParameters p;
  p.min_replicates = 4;
  const TransferRows d(t, p);
  const MemorisationAt m = memorisation_at(d, 0, 10);
  BOOST_TEST(m.ratio.mean == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(int(m.outcome) == int(Memorisation::too_few));
}
