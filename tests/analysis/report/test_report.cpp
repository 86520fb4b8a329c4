// The number and table formatting every report shares, and when plot.py draws a figure without
// error bars.
#define BOOST_TEST_MODULE report
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/report/report.hpp"

using namespace diffsweep::analysis;

namespace {

PlotSeries curve(std::vector<double> x) {
  PlotSeries s;
  s.label = "c";
  s.y = x;
  s.x = std::move(x);
  return s;
}

}  // namespace

BOOST_AUTO_TEST_CASE(numbers_keep_three_digits_and_never_an_exponent_below_a_million) {
  BOOST_TEST(fmt(0.123456) == "0.123");
  BOOST_TEST(fmt(100) == "100");
  BOOST_TEST(fmt(123456) == "123456");
  BOOST_TEST(fmt(-2500.4) == "-2500");
  BOOST_TEST(fmt(1.5) == "1.5");
  BOOST_TEST(fmt(2e6) == "2e+06");
  BOOST_TEST(fmt(0.0001234) == "0.000123");
  BOOST_TEST(fmt(0.98765, 2) == "0.99");
  BOOST_TEST(fmt(12.346, 4) == "12.35");
  BOOST_TEST(fmt(0) == "0");
  BOOST_TEST(fmt(std::nan("")) == "n/a");
}

BOOST_AUTO_TEST_CASE(intervals_read_as_bracketed_pairs) {
  BOOST_TEST(interval_text(0.91, 1.034) == "[0.91, 1.03]");
  const Interval in{0.09, 0.15};
  BOOST_TEST(with_interval(0.1484, in) == "0.148 [0.09, 0.15]");
  BOOST_TEST(with_interval(0.1484, in, 2) == "0.15 [0.09, 0.15]");
  BOOST_TEST(with_interval(0.1484, no_interval()) == "0.148");
}

BOOST_AUTO_TEST_CASE(lists_read_as_a_sentence_lists_things) {
  BOOST_TEST(word_list({}) == "");
  BOOST_TEST(word_list({"a"}) == "a");
  BOOST_TEST(word_list({"a", "b"}) == "a and b");
  BOOST_TEST(word_list({"a", "b", "c"}) == "a, b and c");
}

BOOST_AUTO_TEST_CASE(a_markdown_table_escapes_bars_inside_cells) {
  BOOST_TEST(markdown_table({"x", "|W|/|W0|"}, {{"1", "2"}, {"a|b", ""}}) ==
             "| x | \\|W\\|/\\|W0\\| |\n| --- | --- |\n| 1 | 2 |\n| a\\|b |  |\n");
  BOOST_TEST(markdown_table({"only"}, {}) == "| only |\n| --- |\n");
}

BOOST_AUTO_TEST_CASE(more_than_twelve_curves_over_several_x_lose_their_error_bars) {
  Plot p;
  for (int k = 0; k < 12; ++k) p.series.push_back(curve({1, 2}));
  BOOST_TEST(!drawn_without_error_bars(p));  // 12: each still in the legend
  p.series.push_back(curve({1, 2}));
  BOOST_TEST(drawn_without_error_bars(p));
  // Scatter and reference series are not curves.
  Plot q;
  for (int k = 0; k < 12; ++k) q.series.push_back(curve({1, 2}));
  PlotSeries scatter = curve({1, 2});
  scatter.points_only = true;
  PlotSeries floor = curve({1, 2});
  floor.role = "reference";
  q.series.push_back(scatter);
  q.series.push_back(floor);
  BOOST_TEST(!drawn_without_error_bars(q));
  // Thirteen curves at one x (an empty cell aside) are points, not lines.
  Plot r;
  for (int k = 0; k < 13; ++k) r.series.push_back(curve({3, std::nan("")}));
  BOOST_TEST(!drawn_without_error_bars(r));
}
