// The feature-learning report's shared tables and R figures: one figure per panel with its own
// name and title, one colour per curve across panels, each figure's caption saying what its
// marks are, and the two table sections with and without training's growth.
#define BOOST_TEST_MODULE fl_tables
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/feature_learning/fl_inputs.hpp"
#include "analysis/feature_learning/fl_tables.hpp"
#include "tests/support/results_table_builder.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

results::ResultsTable rows() {
  auto t = test::table_of("feature_learning", 3, {"n", "nsnr2"});
  test::add_text(t, "model", Role::parameter, {"diffusion", "diffusion", "diffusion"});
  test::add_numbers(t, "n", Role::parameter, {16, 16, 16});
  test::add_numbers(t, "nsnr2", Role::parameter, {1, 10, 100});
  test::add_numbers(t, "R", Role::metric, {0.1, 1, 10});
  return t;
}

PlotSeries series(const std::string& role, std::vector<double> x, bool bars = false) {
  PlotSeries s;
  s.label = "n=16";
  s.role = role;
  s.y = x;
  if (bars) {
    s.lo = x;
    s.hi = x;
  }
  s.x = std::move(x);
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_panel_has_its_own_figure_made_when_first_asked_for) {
  FlTables tables;
  Plot& a = tables.ratio_plot("t=0.5");
  a.series.push_back(series("data", {1}));
  tables.ratio_plot("t=2.5");
  BOOST_TEST(tables.ratio_plot("t=0.5").series.size() == 1u);  // the same figure again
  BOOST_TEST(tables.ratio_plot_names() ==
                 (std::vector<std::string>{"fl_R_vs_nsnr2_t_0.5", "fl_R_vs_nsnr2_t_2.5"}),
             boost::test_tools::per_element());
  BOOST_TEST(tables.ratio_plots[1].title ==
             "Stationary ratio of signal to noise learning against $n\\,\\mathrm{SNR}^2$ (t=2.5)");
  BOOST_TEST(tables.panels == (std::vector<std::string>{"t=0.5", "t=2.5"}),
             boost::test_tools::per_element());
  FlTables one;
  BOOST_TEST(one.ratio_plot("").name == "fl_R_vs_nsnr2");
  BOOST_TEST(*one.ratio_plot("").hline == 1.0);
}

BOOST_AUTO_TEST_CASE(a_curve_keeps_its_colour_in_every_panel) {
  FlTables tables;
  BOOST_TEST(tables.curve_color("diffusion m=8") == 0);
  BOOST_TEST(tables.curve_color("diffusion m=16") == 1);
  BOOST_TEST(tables.curve_color("diffusion m=8") == 0);
  BOOST_TEST(tables.curve_color("classification m=8") == 2);
}

BOOST_AUTO_TEST_CASE(the_caption_says_what_the_marks_are) {
  const auto t = rows();
  const AnalysisParameters p;
  const FlInputs in = fl_inputs(t, p);
  FlTables tables;
  tables.interval_level = "95%";
  tables.ratio_caption = {"diffusion: 3 replicates per point", "classification: 2"};
  Plot& plot = tables.ratio_plot("");
  plot.series.push_back(series("data", {1, 10, 100}, true));
  plot.series.push_back(series("fit", {1, 100}));
  PlotSeries crosses = series("data", {5});
  crosses.points_only = true;
  plot.series.push_back(crosses);
  caption_ratio_plots(in, tables);
  BOOST_TEST(plot.hline_label == "R = 1");
  BOOST_TEST(
      plot.caption ==
          "Points: medians of R over replicates, one line per model and curve (n); error "
          "bars: 95% bootstrap intervals of the medians (diffusion: 3 replicates per point; "
          "classification: 2; 2000 resamples; none where a point has fewer than 3 "
          "replicates). Crosses: runs left out of the curve, unconverged or untrained (at "
          "initialisation, or stopped within 10 steps), as the legend says. Thin dashed "
          "line: the power law fitted to the converged runs, its slope and bootstrap interval "
          "in the legend. Dotted line: R = 1.",
      plot.caption);
}

BOOST_AUTO_TEST_CASE(two_points_without_bars_are_neither_joined_nor_barred) {
  const auto t = rows();
  const AnalysisParameters p;
  const FlInputs in = fl_inputs(t, p);
  FlTables tables;
  tables.ratio_caption = {"diffusion: 1 replicate per point"};
  tables.ratio_plot("").series.push_back(series("data", {1, 10}));
  caption_ratio_plots(in, tables);
  BOOST_TEST(tables.ratio_plots[0].caption ==
             "Points: medians of R over replicates, per model and curve, not joined (n); no "
             "error bars: too few replicates for an interval (diffusion: 1 replicate per point; "
             "--min-replicates 3). Dotted line: R = 1.");
  // No figure yet: captioning makes the one figure.
  FlTables none;
  caption_ratio_plots(in, none);
  BOOST_TEST(none.ratio_plot_names() == std::vector<std::string>{"fl_R_vs_nsnr2"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_table_sections_add_training_columns_when_growth_is_recorded) {
  auto t = rows();
  const AnalysisParameters p;
  FlTables tables;
  tables.points.push_back({"diffusion", "n=16", "1", "3", "3", "0", "0.1", "-"});
  const std::string plain = fl_table_sections(fl_inputs(t, p), tables);
  BOOST_TEST(plain.rfind("## Stationary ratio R per point\n\nMedian over replicates with its 95% "
                         "bootstrap interval",
                         0) == 0u);
  BOOST_TEST(plain.find("the file records no S0, N0 or w_norm0: training's effect is not "
                        "measured.\n\n| model | curve | n*SNR^2 | runs | converged | untrained | "
                        "median R [interval] | median test acc [interval] |\n") !=
             std::string::npos);
  BOOST_TEST(plain.find("| diffusion | n=16 | 1 | 3 | 3 | 0 | 0.1 | - |\n") != std::string::npos);
  BOOST_TEST(plain.find("\n## Power-law fits of log R on log(n*SNR^2)\n\nConverged runs only; 95% "
                        "bootstrap interval") != std::string::npos);
  for (const char* name : {"S", "S0", "N", "N0", "w_norm", "w_norm0"})
    test::add_numbers(t, name, Role::metric, {1, 1, 1});
  const std::string grown = fl_table_sections(fl_inputs(t, p), tables);
  BOOST_TEST(grown.find("| median test acc [interval] | S/S0 | N/N0 | \\|W\\|/\\|W0\\| | training "
                        "[interval] |\n") != std::string::npos,
             grown);
  BOOST_TEST(grown.find("(\"trained\": the interval at or above 0.3 decades;") !=
             std::string::npos);
}
