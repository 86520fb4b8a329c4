// The finished rows of a transfer table as method rows against n_target: their labels, which
// are learned, main or plain TGDP, their colours, the settings, the metrics with values, and the
// per-row medians, geometric means and paired comparisons read from them.
#define BOOST_TEST_MODULE transfer_rows
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/transfer/transfer_rows.hpp"
#include "tests/analysis/transfer/transfer_table.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

// Plain TGDP, TGDP with the ratio oracle, TGDP with eta1 = 1, target_only and source_only at
// n_target 10 and 100, three replicates; mmd = 0.1 (k + 1) + 0.01 rep (plus 0.001 rep^2 for
// plain TGDP), sw2 never finite.
results::ResultsTable rows() {
  return test::transfer_table(
      {{"tgdp"}, {"tgdp", "ratio"}, {"tgdp", "none", 1}, {"target_only"}, {"source_only"}},
      {10, 100}, 3, {"mmd", "sw2"}, [](std::size_t k, double, int rep, const std::string& metric) {
        if (metric == "sw2") return std::nan("");
        return 0.1 * double(k + 1) + 0.01 * rep + (k == 0 ? 0.001 * rep * rep : 0.0);
      });
}

}  // namespace

BOOST_AUTO_TEST_CASE(method_rows_are_labelled_and_classified) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  BOOST_TEST(d.by == (std::vector<std::string>{"method", "oracle", "eta1"}),
             boost::test_tools::per_element());
  BOOST_REQUIRE(d.methods.size() == 5u);
  std::vector<std::string> labels;
  for (const auto& m : d.methods) labels.push_back(m.label);
  BOOST_TEST(labels == (std::vector<std::string>{"tgdp", "tgdp oracle=ratio", "tgdp eta1=1",
                                                 "target_only", "source_only"}),
             boost::test_tools::per_element());
  const bool learned[] = {true, false, true, true, false};
  const bool main[] = {true, true, false, true, true};
  const bool plain[] = {true, false, false, false, false};
  // The main rows take the first colours; the eta1 variant follows.
  const int color[] = {0, 1, 4, 2, 3};
  for (std::size_t k = 0; k < 5; ++k) {
    BOOST_TEST(d.methods[k].learned == learned[k], labels[k]);
    BOOST_TEST(d.methods[k].main == main[k], labels[k]);
    BOOST_TEST(d.methods[k].plain == plain[k], labels[k]);
    BOOST_TEST(d.methods[k].color == color[k], labels[k]);
    BOOST_TEST(d.methods[k].setting == "");
    BOOST_TEST(d.methods[k].first == 6 * k);
  }
  BOOST_TEST(d.methods[1].rows.at(100).at(2) == 11u);
  BOOST_TEST(d.n_values == (std::set<double>{10, 100}), boost::test_tools::per_element());
  BOOST_TEST(d.settings == std::vector<std::string>{""}, boost::test_tools::per_element());
  BOOST_TEST(!d.panels());
  // sw2 has no finite value: not among the metrics.
  BOOST_REQUIRE(d.metrics.size() == 1u);
  BOOST_TEST(d.metrics[0].name == "mmd");
  BOOST_TEST(d.metric("sw2") == nullptr);
  BOOST_TEST(d.rows_with("sw2").empty());
  BOOST_TEST(d.rows_with("mmd").size() == 5u);
  BOOST_TEST(method_of(t, 6) == "tgdp");
}

BOOST_AUTO_TEST_CASE(rows_are_found_by_column_value_among_the_main_rows) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  BOOST_TEST(*d.find("oracle", "ratio") == 1u);
  BOOST_TEST(*d.find("method", "target_only") == 3u);
  BOOST_TEST(!d.find("eta1", "1").has_value());  // a variant, not a main row
  BOOST_TEST(!d.find("guidance_target", "x").has_value());
  BOOST_TEST(*d.plain_tgdp() == 0u);
  BOOST_TEST(d.plain_tgdp_per_setting() == std::vector<std::size_t>{0},
             boost::test_tools::per_element());
  BOOST_TEST(*d.plain_tgdp_in("") == 0u);
}

BOOST_AUTO_TEST_CASE(medians_geometric_means_and_paired_comparisons) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  const auto v = d.values(3, 10, "mmd");
  BOOST_REQUIRE(v.size() == 3u);
  BOOST_TEST(v.at(2) == 0.42, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(d.values(3, 50, "mmd").empty());
  const auto [spread, interval] = d.median(3, 10, "mmd");
  BOOST_TEST(spread.count == 3u);
  BOOST_TEST(spread.median == 0.41, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(interval.valid());
  BOOST_TEST(interval.lo >= 0.4 - 1e-12);
  BOOST_TEST(interval.hi <= 0.42 + 1e-12);
  const MeanInterval g = d.geometric_mean(3, 10, "mmd");
  BOOST_TEST(g.n == 3u);
  BOOST_TEST(g.mean == std::cbrt(0.4 * 0.41 * 0.42), boost::test_tools::tolerance(1e-12));
  BOOST_TEST(g.lo < g.mean);
  BOOST_TEST(g.hi > g.mean);
  // Plain TGDP against target_only: -0.3, -0.299, -0.296 by replicate.
  const Comparison c = d.compare(0, 3, 10, *d.metric("mmd"));
  BOOST_TEST(c.pairs == 3u);
  BOOST_TEST(c.difference.mean == -0.895 / 3, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(int(c.outcome) == int(Outcome::wins));
  BOOST_TEST(c.a_better == 3u);
  const ReplicateCount r = d.replicates();
  BOOST_TEST(r.points == 10u);
  BOOST_TEST(r.fewest == 3u);
  BOOST_TEST(r.most == 3u);
  BOOST_TEST(n_text(10) == "n_target = 10");
  BOOST_TEST(n_text(0.5) == "n_target = 0.5");
}

BOOST_AUTO_TEST_CASE(too_few_replicates_give_no_intervals) {
  const auto t = rows();
  AnalysisParameters p;
  p.min_replicates = 4;
  const TransferRows d(t, p);
  BOOST_TEST(!d.median(0, 10, "mmd").second.valid());
  BOOST_TEST(std::isnan(d.geometric_mean(0, 10, "mmd").lo));
}

BOOST_AUTO_TEST_CASE(a_setting_axis_splits_a_method_into_one_row_per_setting) {
  auto t = test::transfer_table({{"tgdp"}, {"tgdp"}, {"target_only"}}, {10}, 3, {"mmd"},
                                [](std::size_t k, double, int rep, const std::string&) {
                                  return 0.1 * double(k + 1) + 0.01 * rep;
                                });
  std::vector<double> rotation;
  for (std::size_t i = 0; i < t.rows; ++i) rotation.push_back(i / 3 == 1 ? 30 : 0);
  test::add_numbers(t, "target_rotation", Role::parameter, rotation, "0");
  t.axes.push_back("target_rotation");
  const AnalysisParameters p;
  const TransferRows d(t, p);
  BOOST_REQUIRE(d.methods.size() == 3u);
  BOOST_TEST(d.methods[0].label == "tgdp target_rotation=0");
  BOOST_TEST(d.methods[0].method == "tgdp");
  BOOST_TEST(d.methods[1].setting == "target_rotation=30");
  BOOST_TEST(d.methods[2].label == "target_only target_rotation=0");
  BOOST_TEST(d.methods[0].color == d.methods[1].color);  // one colour per method
  BOOST_TEST(d.settings == (std::vector<std::string>{"target_rotation=0", "target_rotation=30"}),
             boost::test_tools::per_element());
  BOOST_TEST(d.panels());
  BOOST_TEST(d.plain_tgdp_per_setting() == (std::vector<std::size_t>{0, 1}),
             boost::test_tools::per_element());
  BOOST_TEST(*d.plain_tgdp_in("target_rotation=30") == 1u);
  BOOST_TEST(!d.plain_tgdp_in("target_rotation=60").has_value());
  BOOST_TEST(*d.find("method", "tgdp", std::string("target_rotation=30")) == 1u);
}
