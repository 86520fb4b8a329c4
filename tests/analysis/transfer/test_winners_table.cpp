// The winner among runnable rows on hand-chosen values: every replicate shares a luck that the
// paired tests cancel, each row adds its own level and a small noise.
#define BOOST_TEST_MODULE winners_table
#include <boost/test/unit_test.hpp>

#include "analysis/transfer/winners_table.hpp"
#include "tests/analysis/transfer/transfer_table.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

using test::replicate_luck;
using test::row_noise;

// tgdp 0.10, target_only 0.15, finetune 0.12 on mmd; on cond_acc (higher is better) finetune's
// 0.95 leads the others' 0.9 by less than the tie margin.
results::ResultsTable rows() {
  const double mmd[] = {0.10, 0.15, 0.12};
  return test::transfer_table(
      {{"tgdp"}, {"target_only"}, {"finetune"}}, {10}, 5, {"mmd", "cond_acc"},
      [&](std::size_t k, double, int rep, const std::string& metric) {
        if (metric == "mmd") return mmd[k] + replicate_luck[rep] + (k == 0 ? row_noise[rep] : 0.0);
        return k == 2 ? 0.95 : 0.9 + row_noise[rep] * (k == 0 ? 1 : -1);
      });
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_lowest_distance_wins_against_every_other_row) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  const Winner w = winner_at(d, {0, 1, 2}, 10, *d.metric("mmd"));
  BOOST_TEST_REQUIRE(w.best.has_value());
  BOOST_TEST(*w.best == 0u);
  BOOST_TEST_REQUIRE(w.against.size() == 2u);
  BOOST_TEST(w.against[0].first == 1u);
  BOOST_TEST(w.against[0].second.difference.mean == -0.05, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(w.against[1].second.difference.mean == -0.02, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(w.wins_against_all());
}

BOOST_AUTO_TEST_CASE(the_highest_accuracy_leads_and_ties_are_not_wins) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  const Winner w = winner_at(d, {0, 1, 2}, 10, *d.metric("cond_acc"));
  BOOST_TEST_REQUIRE(w.best.has_value());
  BOOST_TEST(*w.best == 2u);
  // tgdp and target_only are 0.05 below finetune: within the 10% margin, so ties.
  BOOST_TEST(w.against[0].second.difference.mean == 0.05, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(int(w.against[0].second.outcome) == int(Outcome::ties));
  BOOST_TEST(!w.wins_against_all());
}

BOOST_AUTO_TEST_CASE(no_candidate_with_the_metric_has_no_winner) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  BOOST_TEST(!winner_at(d, {}, 10, *d.metric("mmd")).best.has_value());
}
