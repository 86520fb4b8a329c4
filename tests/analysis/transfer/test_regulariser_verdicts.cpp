// Which rows are compared with plain TGDP as one knob's variant: a learned TGDP row whose only
// non-default knob is that one.
#define BOOST_TEST_MODULE regulariser_verdicts
#include <boost/test/unit_test.hpp>

#include "analysis/transfer/regulariser_verdicts.hpp"
#include "tests/analysis/transfer/transfer_table.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

// Plain tgdp, tgdp with eta1 = 1, the exact ratio with eta1 = 1 (an oracle: not learned) and
// target_only with eta1 = 1 (not TGDP).
results::ResultsTable rows() {
  return test::transfer_table(
      {{"tgdp"}, {"tgdp", "none", 1}, {"tgdp", "ratio", 1}, {"target_only", "none", 1}}, {10}, 3,
      {"mmd"}, [](std::size_t k, double, int rep, const std::string&) {
        return 0.1 + 0.01 * double(k) + 0.001 * rep;
      });
}

}  // namespace

BOOST_AUTO_TEST_CASE(only_the_learned_tgdp_row_of_that_knob_is_a_variant) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  const auto variants = single_knob_variants(d, "eta1");
  BOOST_TEST_REQUIRE(variants.size() == 1u);
  BOOST_TEST(variants[0].row == 1u);
  BOOST_TEST(variants[0].tgdp == 0u);
}

BOOST_AUTO_TEST_CASE(a_knob_the_sweep_does_not_vary_has_no_variants) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  BOOST_TEST(single_knob_variants(d, "eta2").empty());
}
