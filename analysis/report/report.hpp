// What an analysis produces, before it is written anywhere: verdict lines, claims (a paragraph
// each, with its figures), markdown tables, the rows of summary.csv, fits.csv and
// comparisons.csv, and plot data. Each experiment's report fills one of these; report_writer turns
// it into files, so the numbers can be tested without touching the disk.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "analysis/statistics/bootstrap.hpp"
#include "analysis/statistics/paired_comparison.hpp"
#include "analysis/statistics/power_law_fit.hpp"
#include "analysis/statistics/replicate_stats.hpp"

namespace diffsweep::analysis {

struct PlotSeries {
  std::string label;  // in the legend; one starting with "_" is left out of it (matplotlib's rule)
  std::vector<double> x, y;
  std::vector<double> lo, hi;  // error bars (the median's bootstrap interval); empty for none
  bool points_only = false;    // raw scatter rather than a curve
  bool dashed = false;
  int color = -1;  // index into the colour cycle, so paired curves (S and N) match; -1: next
  // "data"; "fit" (a fitted law, drawn as a thin line without markers, in its data's colour);
  // "reference" (a floor or a true-sample level, grey); "marker" (a single value to find at a
  // glance, an open diamond); "span" (an interval along a reference level, a thick pale band).
  std::string role = "data";
  // The panel it is drawn in ("target_rotation=30", its title): a figure with panels has one per
  // distinct value. Empty: in every panel (a reference level shared by all).
  std::string panel{};
};

struct Plot {
  std::string name;                   // file stem: <name>.png and .pdf, plot-data/<name>.csv
  std::string title, xlabel, ylabel;  // labels may hold matplotlib math: "$n\,\mathrm{SNR}^2$"
  bool logx = false, logy = false;
  std::optional<double> hline;  // a reference level, e.g. R = 1
  std::vector<PlotSeries> series;
  // "lines": curves of y against x. "images": a grid of square grey-level images, one per series,
  // its pixels in y (row-major) and its place in the label "row name|column name".
  std::string kind = "lines";
  std::string hline_label{};  // the reference level in the legend, e.g. "R = 1"
  // What the marks are (median, interval, replicates): under the figure in report.md and on it.
  std::string caption{};
  bool dodge = false;  // offset the rows' points slightly along a log x, so error bars show
  // A marker on every value, however many: a training curve's values are its logged steps, and
  // a reader must see where between them the line only interpolates.
  bool mark_every_value = false;
};

// Whether plot.py draws `plot` as lines on a colour scale, without markers or error bars: more
// than 12 curves (data series not points only) over two or more x values, as its LEGEND_CAP and
// on_scale decide (kept in step with them). Its caption must then promise no error bars.
bool drawn_without_error_bars(const Plot& plot);

// One row of summary.csv: a metric's spread over the rows sharing a group and an x value.
struct SummaryRow {
  std::string group;   // e.g. "model=diffusion n=200"
  std::string x_name;  // e.g. "nsnr2"
  double x = 0;
  std::string metric;
  Spread spread;
  Interval median_interval = no_interval();  // bootstrap over replicates
};

// One row of fits.csv: a power-law fit and the crossing of its median curve, with intervals.
struct FitRow {
  std::string group;
  std::string x_name, y_name;
  PowerLawFit fit;
  Interval slope = no_interval();
  std::optional<double> crossing{};  // where the median curve crosses 1
  Interval crossing_interval = no_interval();
  std::optional<double> width{};  // decades from 0.1 to 10
  Interval width_interval = no_interval();
  ReplicateCount replicates{};
  // The local log-log slopes at the range's two ends and their change, with intervals: what the
  // power-law verdict's curvature check read (NaN where it was not made).
  double slope_low = std::nan(""), slope_high = std::nan("");
  Interval slope_low_interval = no_interval(), slope_high_interval = no_interval(),
           slope_change_interval = no_interval();
};

// One row of comparisons.csv: a paired test of `a` against `b` on `metric` at `where`.
struct ComparisonRow {
  std::string where;  // e.g. "n_target=10"
  std::string metric, a, b;
  Comparison comparison;
};

// A claim as a results section states it: a heading, one paragraph of evidence, its figures.
struct Claim {
  std::string heading;
  std::string text;
  std::vector<std::string> figures;  // plot names
};

struct Report {
  std::string title;
  std::vector<std::string> verdicts;     // plain-word lines, printed on stdout and atop report.md
  std::vector<std::string> notes;        // caveats shown under the verdicts
  std::vector<Claim> claims;             // the results section, one claim each
  std::vector<std::string> cannot_tell;  // what this sweep's replicates or range cannot decide
  std::string body;                      // markdown tables, after the claims
  std::vector<SummaryRow> summary;
  std::vector<FitRow> fits;
  std::vector<ComparisonRow> comparisons;
  std::vector<Plot> plots;
};

// Number formatting shared by verdicts and tables: `digits` significant digits, but never an
// exponent for a number between 0.001 and 10^6 ("100", not "1e+02"); "n/a" for NaN.
std::string fmt(double value, int digits = 3);
// An interval as tables show it: "[0.91, 1.03]".
std::string interval_text(double lo, double hi);
// A value with its interval, "0.148 [0.09, 0.15]", or the value alone when there is none.
std::string with_interval(double value, const Interval& in, int digits = 3);
std::string markdown_table(const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows);
// "a, b and c", as a sentence lists things.
std::string word_list(const std::vector<std::string>& items);

}  // namespace diffsweep::analysis
