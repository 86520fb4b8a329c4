// What an analysis produces, before it is written anywhere: verdict lines, markdown sections,
// tables for summary.csv and fits.csv, and plot data. Each experiment's report fills one of these;
// report_writer turns it into files, so the numbers can be tested without touching the disk.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/power_law_fit.hpp"
#include "analysis/replicate_stats.hpp"

namespace diffsweep::analysis {

struct PlotSeries {
  std::string label;
  std::vector<double> x, y;
  std::vector<double> lo, hi;  // spread band (e.g. quartiles); empty for none
  bool points_only = false;    // raw scatter rather than a curve
  bool dashed = false;
  int color = -1;  // index into the colour cycle, so paired curves (S and N) match; -1: next
};

struct Plot {
  std::string name;  // file stem: <name>.png, plot-data/<name>.csv
  std::string title, xlabel, ylabel;
  bool logx = false, logy = false;
  std::optional<double> hline;  // a reference level, e.g. R = 1
  std::vector<PlotSeries> series;
  // "lines": curves of y against x. "images": a grid of square grey-level images, one per series,
  // its pixels in y (row-major) and its place in the label "row name|column name".
  std::string kind = "lines";
};

// One row of summary.csv: a metric's spread over the rows sharing a group and an x value.
struct SummaryRow {
  std::string group;   // e.g. "model=diffusion n=200"
  std::string x_name;  // e.g. "nsnr2"
  double x = 0;
  std::string metric;
  Spread spread;
};

// One row of fits.csv.
struct FitRow {
  std::string group;
  std::string x_name, y_name;
  PowerLawFit fit;
  std::optional<double> crossing;  // where the median curve crosses 1
  std::optional<double> width;     // decades from 0.1 to 10
};

struct Report {
  std::string title;
  std::vector<std::string> verdicts;  // plain-word lines, printed on stdout and atop report.md
  std::vector<std::string> notes;     // caveats shown under the verdicts
  std::string body;                   // markdown sections
  std::vector<SummaryRow> summary;
  std::vector<FitRow> fits;
  std::vector<Plot> plots;
};

// Number formatting shared by verdicts and tables: `digits` significant digits, but never an
// exponent for a number between 0.001 and 10^6 ("100", not "1e+02"); "n/a" for NaN.
std::string fmt(double value, int digits = 3);
// An interval as tables show it: "[0.91, 1.03]".
std::string interval_text(double lo, double hi);
// A fit as verdicts quote it: "slope 0.97 [0.91, 1.03], R^2 0.98".
std::string describe_fit(const PowerLawFit& fit);
std::string markdown_table(const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows);

}  // namespace diffsweep::analysis
