// Each transfer metric's table against n_target and its figures: the main rows in one, plain
// TGDP with its variants in mmd's second, the floor drawn beside mmd, and nn_ratio drawn as
// geometric means with 1 and the memorisation threshold.
#define BOOST_TEST_MODULE metric_tables
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/transfer/metric_tables.hpp"
#include "tests/analysis/transfer/transfer_table.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

const double nn[] = {0.8, 1.0, 1.25};

// Plain TGDP, TGDP with eta1 = 1 and target_only at n_target 10 and 100, three replicates: mmd
// 0.1 (k + 1) at 10 and half that at 100 in every replicate (target_only has none at 100), a
// floor of 0.01, and nn_ratio 0.8, 1 and 1.25 by replicate.
results::ResultsTable rows() {
  return test::transfer_table({{"tgdp"}, {"tgdp", "none", 1}, {"target_only"}}, {10, 100}, 3,
                              {"mmd", "mmd_floor", "nn_ratio"},
                              [](std::size_t k, double n, int rep, const std::string& metric) {
                                if (metric == "mmd_floor") return 0.01;
                                if (metric == "nn_ratio") return nn[rep];
                                if (k == 2 && n == 100) return std::nan("");
                                return 0.1 * double(k + 1) * (n == 10 ? 1 : 0.5);
                              });
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_metric_has_a_table_of_its_rows_against_n_target) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  Report r;
  const std::string body = metric_tables(d, r);
  BOOST_TEST(body.rfind("\n## Each metric against n_target\n\nMedian over replicates with its 95% "
                        "bootstrap interval (3 replicates per point",
                        0) == 0u,
             body);
  BOOST_TEST(has(body, "). Rows that do not have a metric are not listed for it.\n"));
  BOOST_TEST(has(body,
                 "\n### mmd\n\n| method row | n_target=10 | n_target=100 |\n"
                 "| --- | --- | --- |\n"
                 "| tgdp | 0.1 [0.1, 0.1] | 0.05 [0.05, 0.05] |\n"
                 "| tgdp eta1=1 | 0.2 [0.2, 0.2] | 0.1 [0.1, 0.1] |\n"
                 "| target_only | 0.3 [0.3, 0.3] | - |\n"),
             body);
  BOOST_TEST(has(body, "\n### nn_ratio\n\n| method row | n_target=10 | n_target=100 |\n"));
  BOOST_TEST(!has(body, "### mmd_floor"));  // a reference level, not a metric of its own
  // Every row's median at each n_target it has, for both metrics.
  BOOST_TEST(r.summary.size() == 5u + 6u);
  BOOST_TEST(r.summary[0].group == "tgdp");
  BOOST_TEST(r.summary[0].x_name == "n_target");
  BOOST_TEST(r.summary[0].metric == "mmd");
  BOOST_TEST(r.summary[0].spread.median == 0.1, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(mmd_has_a_main_figure_and_one_of_tgdps_variants) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  Report r;
  metric_tables(d, r);
  BOOST_REQUIRE(r.plots.size() == 3u);
  const Plot& main = r.plots[0];
  BOOST_TEST(main.name == "transfer_mmd");
  BOOST_TEST(main.title == "MMD to the target (mmd; lower is better)");
  BOOST_TEST(main.logx);
  BOOST_TEST(main.logy);
  BOOST_TEST(main.dodge);
  // tgdp and target_only (the variant is not a main row), then the floor.
  BOOST_REQUIRE(main.series.size() == 3u);
  BOOST_TEST(main.series[0].label == "tgdp");
  BOOST_TEST(main.series[0].x == (std::vector<double>{10, 100}), boost::test_tools::per_element());
  BOOST_TEST(main.series[1].label == "target_only");
  BOOST_TEST(main.series[1].x == std::vector<double>{10}, boost::test_tools::per_element());
  BOOST_TEST(main.series[2].label == "floor: two true-target samples");
  BOOST_TEST(main.series[2].role == "reference");
  BOOST_TEST(main.series[2].y == (std::vector<double>{0.01, 0.01}),
             boost::test_tools::per_element());
  BOOST_TEST(has(main.caption,
                 " Points of different rows are offset slightly along n_target so "
                 "they do not hide each other. Grey dashed line: floor: two "
                 "true-target samples (median mmd_floor at each n_target). Rows "
                 "with a regulariser or another guidance target are in the next "
                 "figure."),
             main.caption);
  const Plot& variants = r.plots[1];
  BOOST_TEST(variants.name == "transfer_mmd_variants");
  BOOST_TEST(variants.title ==
             "MMD to the target: TGDP's variants against plain TGDP (lower is "
             "better)");
  BOOST_REQUIRE(variants.series.size() == 3u);
  BOOST_TEST(variants.series[0].label == "tgdp");
  BOOST_TEST(variants.series[1].label == "tgdp eta1=1");
  BOOST_TEST(variants.series[1].color == 2);
  BOOST_TEST(variants.series[2].role == "reference");
  BOOST_TEST(!has(variants.caption, "next figure"));
}

BOOST_AUTO_TEST_CASE(nn_ratio_is_drawn_as_geometric_means_with_its_threshold) {
  const auto t = rows();
  const AnalysisParameters p;
  const TransferRows d(t, p);
  Report r;
  metric_tables(d, r);
  const Plot& ratio = r.plots[2];
  BOOST_TEST(ratio.name == "transfer_nn_ratio");
  BOOST_TEST(ratio.title == "Memorisation: nearest-neighbour distance ratio (nn_ratio)");
  BOOST_REQUIRE(ratio.hline.has_value());
  BOOST_TEST(*ratio.hline == 1.0);
  BOOST_TEST(ratio.hline_label == "1: as far as fresh true samples");
  BOOST_REQUIRE(ratio.series.size() == 3u);
  BOOST_TEST(ratio.series[0].y[0] == 1.0,
             boost::test_tools::tolerance(1e-12));  // (0.8*1*1.25)^(1/3)
  BOOST_TEST(ratio.series[0].lo[0] < 1.0);
  BOOST_TEST(ratio.series[0].hi[0] > 1.0);
  BOOST_TEST(ratio.series[2].label == "memorisation threshold 0.9");
  BOOST_TEST(ratio.series[2].y == (std::vector<double>{0.9, 0.9}),
             boost::test_tools::per_element());
  BOOST_TEST(ratio.caption.rfind("Points: geometric means over replicates; error bars: their 95% "
                                 "Student-t intervals (on the log), as the memorisation verdict "
                                 "reads them (3 replicates per point).",
                                 0) == 0u,
             ratio.caption);
  BOOST_TEST(has(ratio.caption,
                 " Dotted line: 1 (generated samples no nearer to the training "
                 "points than the ratio's comparison); dashed grey line: the "
                 "memorisation threshold."));
}

BOOST_AUTO_TEST_CASE(too_few_replicates_say_so_in_the_caption) {
  const auto t = rows();
  AnalysisParameters p;
  p.min_replicates = 4;
  const TransferRows d(t, p);
  Report r;
  metric_tables(d, r);
  BOOST_TEST(r.plots[0].caption.rfind("Points: medians over replicates (3 replicates per point); "
                                      "no error bars: too few replicates for an interval "
                                      "(--min-replicates 4).",
                                      0) == 0u,
             r.plots[0].caption);
  BOOST_TEST(r.plots[0].series[0].lo.size() == 2u);
  BOOST_TEST(std::isnan(r.plots[0].series[0].lo[0]));
}
