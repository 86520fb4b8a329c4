#include "analysis/report/refine_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>

#include "analysis/report/attribute_table.hpp"
#include "analysis/report/curve_figures.hpp"
#include "analysis/report/curve_verdicts.hpp"
#include "analysis/report/row_groups.hpp"
#include "common/errors.hpp"
#include "common/number_text.hpp"
#include "common/printable_text.hpp"
#include "feature_learning/feature_learning_names.hpp"

namespace diffsweep::analysis {

namespace {

const std::vector<std::string> numeric_columns = {"level",          "lo",       "hi",
                                                  "estimate",       "draws_lo", "draws_hi",
                                                  "draws_coverage", "points",   "grid_points"};

double number(const TableRow& row, const std::string& name) { return table_number(row, name); }

std::string verdict(const TableRow& row) {
  const std::string& axis = row.at("axis");
  std::string v = "refine " +
                  (row.at("combination").empty() ? "all points" : row.at("combination")) + ": " +
                  row.at("metric") + " = " + row.at("level") + " ";
  const std::string& outcome = row.at("outcome");
  if (std::isfinite(number(row, "lo"))) {
    v += "is crossed at " + axis + " in " + interval_text(number(row, "lo"), number(row, "hi")) +
         " (" + outcome + (outcome == "located" ? " to " + row.at("tolerance") : "") +
         ", estimate " + fmt(number(row, "estimate"), 4) + ")";
    if (std::isfinite(number(row, "draws_lo")))
      v += "; over data draws in " +
           interval_text(number(row, "draws_lo"), number(row, "draws_hi")) + " (coverage " +
           fmt(number(row, "draws_coverage")) + ")";
  } else {
    v += outcome;
  }
  if (!row.at("why").empty()) v += " (" + row.at("why") + ")";
  const double share = number(row, "points") / number(row, "grid_points");
  v += "; " + row.at("values") + " values, " + row.at("points") + " points, against " +
       row.at("grid_values") + " values, " + row.at("grid_points") +
       " points for a uniform grid of the same resolution (" + fmt(100 * share, 2) + "%)";
  return v;
}

}  // namespace

void add_refine_findings(const ResultsTable& t, const AnalysisParameters& p, Report& report) {
  const std::vector<TableRow> rows = read_attribute_table(
      t, results::file_attribute::refine_table,
      {"combination", "axis", "metric", "level", "tolerance", "seeds", "outcome", "lo", "hi",
       "values", "points", "grid_values", "grid_points", "why"},
      numeric_columns);
  if (rows.empty()) return;
  const std::string& axis = rows.front().at("axis");
  const std::string& metric = rows.front().at("metric");
  const double level = number(rows.front(), "level");
  if (!t.has(axis) || !t.has(metric))
    throw InputError(t.path + ": refine_table names axis '" + axis + "' and metric '" + metric +
                     "', which are not both columns of /points");

  std::vector<std::string> others;
  for (const auto& a : t.axes)
    if (a != axis) others.push_back(a);
  const auto& x = t.numbers(axis);
  const auto& y = t.numbers(metric);
  const std::string x_label =
      axis == feature_learning::names::param::nsnr2 ? "$n\\,\\mathrm{SNR}^2$" : axis;
  const auto groups = group_rows(
      t, others, [&](std::size_t i) { return t.done(i) && std::isfinite(y[i]) && x[i] > 0; });

  bool positive = true;
  for (const auto& g : groups)
    for (auto i : g.rows) positive = positive && y[i] > 0;
  Plot plot{"refine_placed_points",
            "Points placed by the adaptive search: " + metric + " against " + x_label,
            x_label,
            metric,
            true,
            positive,
            level,
            {}};
  plot.hline_label = metric + " = " + fmt(level);
  std::vector<std::vector<std::string>> table;
  ReplicateCount replicates;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const TableRow& row = rows[k];
    report.verdicts.push_back(verdict(row));
    table.push_back({row.at("combination"), row.at("outcome"),
                     std::isfinite(number(row, "lo"))
                         ? interval_text(number(row, "lo"), number(row, "hi"))
                         : "-",
                     std::isfinite(number(row, "draws_lo"))
                         ? interval_text(number(row, "draws_lo"), number(row, "draws_hi"))
                         : "-",
                     row.at("values") + " (" + row.at("points") + ")",
                     row.at("grid_values") + " (" + row.at("grid_points") + ")"});
    if (k >= groups.size()) continue;
    const RowGroup& g = groups[k];
    // One legend entry per curve, its median line, naming what the search found; the
    // replicates, the estimate's diamond and the band are described by the caption.
    PlotSeries scatter{
        "_" + g.label + ": replicates", pick(x, g.rows), pick(y, g.rows), {}, {}, true};
    scatter.color = static_cast<int>(k);
    plot.series.push_back(std::move(scatter));
    const MedianCurve c = median_curve(pick(x, g.rows), pick(y, g.rows), point_keys(t, g.rows), p,
                                       "refine|" + g.label);
    replicates = c.replicates;
    // The interval over data draws first: it is the statement about the crossing; the located
    // one brackets it for the draws taken.
    std::string found;
    if (std::isfinite(number(row, "estimate")))
      found = ": crosses at " + fmt(number(row, "estimate"), 3);
    if (std::isfinite(number(row, "draws_lo")))
      found +=
          " " + interval_text(number(row, "draws_lo"), number(row, "draws_hi")) + " over draws";
    if (std::isfinite(number(row, "lo")))
      found += ", for these draws in " + interval_text(number(row, "lo"), number(row, "hi"));
    plot.series.push_back(median_series(g.label + found, c, static_cast<int>(k)));
    // The located interval is a few pixels wide on the range's scale: its estimate is marked,
    // and the interval over draws, the wider and more telling one, drawn along the level.
    if (std::isfinite(number(row, "estimate"))) {
      PlotSeries at{"_" + g.label + ": estimate", {number(row, "estimate")}, {level}, {}, {}, true};
      at.color = static_cast<int>(k);
      at.role = "marker";
      plot.series.push_back(std::move(at));
    }
    if (std::isfinite(number(row, "draws_lo"))) {
      PlotSeries draws{"_" + g.label + ": over data draws",
                       {number(row, "draws_lo"), number(row, "draws_hi")},
                       {level, level},
                       {},
                       {}};
      draws.color = static_cast<int>(k);
      draws.role = "span";
      plot.series.push_back(std::move(draws));
    }
  }
  const bool common = rows.front().count("seeds") && rows.front().at("seeds") == "common";
  std::vector<std::string> values;  // "25, 32 and 31"
  for (const auto& row : rows) values.push_back(row.at("values"));
  const std::string values_used = word_list(values);
  plot.caption =
      "Every value the search placed (" + values_used + " of the " +
      rows.front().at("grid_values") + " of a uniform grid of the same resolution" +
      (rows.size() > 1 ? ", per combination" : "") + "); crosses: its replicates. " +
      median_caption(p, replicates, plot) + " Lines join the medians. Dotted line: " + metric +
      " = " + fmt(level) + "; on it, each search's estimate (diamond, in its curve's colour)" +
      (common ? " and, as a thick band, its interval over data draws (the replicates share their "
                "draws along the axis, so neighbouring points are correlated); the bands sit a "
                "few points apart around the line so none hides another."
              : ".") +
      " The legend gives each curve's estimate, its interval over data draws (where the crossing "
      "lies for any draws) and, for the draws taken, the interval the search located.";
  std::string claim =
      "The sweep's [refine] section placed points in rounds to find where the median over "
      "replicates of " +
      metric + " crosses " + fmt(level) + " along " + axis +
      ", for each combination of the other axes, to a tolerance of " +
      rows.front().at("tolerance") + ". ";
  claim += common ? "The replicates shared their data draws along " + axis +
                        ", so each side is exact for those draws and the interval brackets the "
                        "crossing of their median; the interval over data draws (order "
                        "statistics of the replicates' own crossings) says where the crossing "
                        "over all draws lies. "
                  : "A value's side is decided by a t test over its replicates, so the "
                    "interval's width is limited by their spread. ";
  for (const auto& row : rows) claim += verdict(row).substr(7) + ". ";
  report.claims.push_back(
      {"Adaptive search: where " + metric + " crosses " + fmt(level), claim, {plot.name}});
  report.body += "## Adaptive search ([refine])\n\n" +
                 markdown_table({"combination", "outcome", "interval", "over data draws",
                                 "values (points)", "uniform grid: values (points)"},
                                table) +
                 "\n";
  report.plots.push_back(std::move(plot));
}

}  // namespace diffsweep::analysis
