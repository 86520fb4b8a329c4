// Plain TGDP against its baselines on hand-chosen mmd values: every replicate shares a luck that
// the paired tests cancel; finetune has TGDP's level with a zero-mean noise of its own.
#define BOOST_TEST_MODULE baseline_verdicts
#include <boost/test/unit_test.hpp>

#include "analysis/transfer/baseline_verdicts.hpp"
#include "tests/analysis/transfer/transfer_table.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

using test::replicate_luck;
using test::row_noise;

// tgdp 0.10, target_only 0.15, finetune 0.10, source_only 0.5, the exact ratio 0.03; tgdp with
// eta1 = 1 is a variant, not a baseline.
results::ResultsTable rows() {
  const double mmd[] = {0.10, 0.15, 0.10, 0.5, 0.03, 0.2};
  return test::transfer_table(
      {{"tgdp"},
       {"target_only"},
       {"finetune"},
       {"source_only"},
       {"tgdp", "ratio"},
       {"tgdp", "none", 1}},
      {10}, 5, {"mmd"}, [&](std::size_t k, double, int rep, const std::string&) {
        return mmd[k] + replicate_luck[rep] + (k == 2 ? row_noise[rep] : 0.0);
      });
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_baseline_once_with_its_paired_difference) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  const auto b = baseline_comparisons(d, 0, 10);
  BOOST_TEST_REQUIRE(b.size() == 4u);
  BOOST_TEST(b[0].value == "target_only");
  BOOST_TEST(b[0].row == 1u);
  BOOST_TEST(b[0].mmd.difference.mean == -0.05, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(int(b[0].mmd.outcome) == int(Outcome::wins));
  BOOST_TEST(b[1].value == "finetune");
  BOOST_TEST(b[1].mmd.difference.mean == 0.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(int(b[1].mmd.outcome) == int(Outcome::ties));
  BOOST_TEST(b[2].value == "source_only");
  BOOST_TEST(b[2].mmd.difference.mean == -0.4, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(b[3].column == "oracle");
  BOOST_TEST(b[3].row == 4u);
  BOOST_TEST(b[3].mmd.difference.mean == 0.07, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(int(b[3].mmd.outcome) == int(Outcome::loses));
}
