// A median figure's caption says what plot.py draws: error bars for a few curves, none for many.
#define BOOST_TEST_MODULE curve_figures
#include <boost/test/unit_test.hpp>
#include <string>

#include "analysis/report/curve_figures.hpp"

using namespace diffsweep::analysis;

namespace {

// `curves` curves of medians at x = 1, 2, 4, each with its intervals, and one scatter of runs.
Plot figure_of(int curves) {
  Plot plot;
  for (int k = 0; k < curves; ++k)
    plot.series.push_back(
        {"y=" + std::to_string(k), {1, 2, 4}, {1, 2, 3}, {0.5, 1.5, 2.5}, {1.5, 2.5, 3.5}});
  PlotSeries runs{"runs", {1, 2, 4}, {1, 2, 3}, {}, {}};
  runs.points_only = true;
  plot.series.push_back(runs);
  return plot;
}

}  // namespace

BOOST_AUTO_TEST_CASE(many_curves_promise_no_error_bars) {
  const AnalysisParameters p;
  const ReplicateCount four{10, 4, 4, 4};
  // 12 curves (and a scatter, which plot.py does not count) keep their error bars; 13 do not.
  BOOST_TEST(!drawn_without_error_bars(figure_of(12)));
  BOOST_TEST(drawn_without_error_bars(figure_of(13)));
  // At 4 replicates the interval covers the median in fewer than 95% of sweeps: "nominal".
  BOOST_TEST(median_caption(p, four, figure_of(12)).find("error bars: nominal 95%") !=
             std::string::npos);
  const std::string many = median_caption(p, four, figure_of(13));
  BOOST_TEST(many.find("no markers or error bars") != std::string::npos);
  BOOST_TEST(many.find("error bars: nominal") == std::string::npos);
  // At one x value plot.py draws markers with their bars, however many curves.
  Plot one_x;
  for (int k = 0; k < 20; ++k) one_x.series.push_back({"c" + std::to_string(k), {3}, {1}, {}, {}});
  BOOST_TEST(!drawn_without_error_bars(one_x));
}

// Where some points have fewer replicates than --min-replicates, the caption says those have no
// error bar (median_curve gives them none); where none do, it says nothing of it.
BOOST_AUTO_TEST_CASE(a_caption_names_the_points_without_an_error_bar) {
  const AnalysisParameters p;
  const ReplicateCount mixed{10, 1, 4, 4}, four{10, 4, 4, 4};
  BOOST_TEST(median_caption(p, mixed, figure_of(2)).find("none where a point has fewer than 3") !=
             std::string::npos);
  BOOST_TEST(median_caption(p, four, figure_of(2)).find("none where") == std::string::npos);
}
