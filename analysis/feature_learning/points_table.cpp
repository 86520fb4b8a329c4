#include "analysis/feature_learning/points_table.hpp"

#include <cmath>

#include "analysis/report/curve_figures.hpp"
#include "analysis/statistics/replicate_stats.hpp"
#include "feature_learning/feature_learning_names.hpp"

namespace diffsweep::analysis {

namespace fl = feature_learning::names;

namespace {

// One curve as the table and figures read it: `whole` every done run with an R, trained or not;
// `finished` those that trained; `used` those the verdicts read (converged runs for the power
// law, every finished run for the transition).
struct CurveRows {
  std::string label, group;  // "n=16", "model=diffusion n=16"
  std::vector<std::size_t> whole, finished, used;
  MedianCurve r_used, acc;
};

CurveRows curve_rows(const ModelRows& rows, const RowGroup& whole) {
  CurveRows c{whole.label, "model=" + rows.model + " " + whole.label, whole.rows, {}, {}, {}, {}};
  for (auto i : whole.rows)
    if (contains(rows.finished, i)) c.finished.push_back(i);
  for (auto i : c.finished)
    if (contains(rows.curve_rows(), i)) c.used.push_back(i);
  return c;
}

// summary.csv: every metric's median per point, over the curve's finished runs.
void add_summary_rows(const FlInputs& in, const CurveRows& c, Report& r) {
  for (const char* metric : {fl::metric::R, fl::metric::S, fl::metric::N, fl::metric::train_loss,
                             fl::metric::test_loss, fl::metric::test_acc}) {
    if (!in.t.has(metric)) continue;
    const MedianCurve m =
        in.medians(c.finished, in.t.numbers(metric), "fl|summary|" + c.group + "|" + metric);
    for (std::size_t k = 0; k < m.medians.size(); ++k)
      if (m.medians[k].y.count > 0)
        r.summary.push_back(
            {c.group, fl::param::nsnr2, m.medians[k].x, metric, m.medians[k].y, m.intervals[k]});
  }
}

// The median with its interval at x = at, "-" where the curve has none.
std::string cell_at(const MedianCurve& c, double at, int digits) {
  for (std::size_t k = 0; k < c.medians.size(); ++k)
    if (c.medians[k].x == at && c.medians[k].y.count > 0)
      return with_interval(c.medians[k].y.median, c.intervals[k], digits);
  return "-";
}

// The point's training columns, and its growths and decades moved into summary.csv.
void add_training_cells(const FlInputs& in, const CurveRows& c, double at,
                        const std::vector<RunGrowth>& growths, std::vector<std::string>& cells,
                        Report& r) {
  const PointTraining pt =
      point_training(growths, in.p, "fl|training|" + c.group + "|" + fmt(at, 17));
  cells.push_back(fmt(pt.signal.median, 2));
  cells.push_back(fmt(pt.noise.median, 2));
  cells.push_back(fmt(pt.norm.median, 2));
  cells.push_back(training_word(pt.verdict) + " (" +
                  with_interval(pt.decades.median, pt.interval, 2) + ")");
  // The growths' spread over the point's runs (every run, trained or not), and the decades
  // moved with the interval the verdict reads.
  for (const auto& [name, spread] :
       {std::pair{"S/S0", pt.signal}, {"N/N0", pt.noise}, {"|W|/|W0|", pt.norm}})
    r.summary.push_back({c.group, fl::param::nsnr2, at, name, spread, no_interval()});
  r.summary.push_back({c.group, fl::param::nsnr2, at, "training_decades", pt.decades, pt.interval});
}

std::vector<std::string> point_cells(const FlInputs& in, const ModelRows& rows, const CurveRows& c,
                                     const GroupedSpread& point, Report& r) {
  const double at = point.x;
  std::size_t converged = 0, untrained = 0;
  std::vector<RunGrowth> growths;
  for (auto i : c.whole) {
    if (in.x[i] != at) continue;
    if (contains(rows.untrained, i))
      ++untrained;
    else if (in.converged(i))
      ++converged;
    if (in.has_growth) growths.push_back(in.growth[i]);
  }
  std::vector<std::string> cells = {rows.model,
                                    c.label,
                                    fmt(at),
                                    std::to_string(point.y.count),
                                    std::to_string(converged),
                                    std::to_string(untrained),
                                    cell_at(c.r_used, at, 3),
                                    cell_at(c.acc, at, 2)};
  if (in.has_growth) add_training_cells(in, c, at, growths, cells, r);
  return cells;
}

// Every run the curve leaves out is drawn too, as a cross: unconverged runs (the power law reads
// converged ones) and untrained ones (at initialisation, or stopped within few steps).
void add_excluded_runs(const FlInputs& in, const ModelRows& rows, const CurveRows& c,
                       const std::string& shown, int color, Plot& plot) {
  PlotSeries loose{"", {}, {}, {}, {}, true};
  loose.color = color;
  bool unconverged = false, untrained = false;
  for (auto i : c.whole)
    if (!contains(c.used, i) && std::isfinite(in.ratio[i])) {
      loose.x.push_back(in.x[i]);
      loose.y.push_back(in.ratio[i]);
      (contains(rows.untrained, i) ? untrained : unconverged) = true;
    }
  loose.label = rows.model + ", " + shown + ": " +
                (unconverged && untrained ? "unconverged or untrained"
                 : untrained              ? "untrained"
                                          : "unconverged") +
                " (excluded)";
  if (!loose.x.empty()) plot.series.push_back(std::move(loose));
}

}  // namespace

void points_table(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables) {
  const std::string& m = rows.model;
  for (const auto& whole : group_rows(in.t, in.curve_by, [&](std::size_t i) {
         return contains(rows.finished, i) || contains(rows.untrained, i);
       })) {
    CurveRows c = curve_rows(rows, whole);
    Plot& plot = tables.ratio_plot(in.panel_of(c.whole.front()));
    // One colour per curve (the same in every panel and figure), so curves that cross stay
    // apart; plot.py adds a marker per series.
    const std::string shown = in.label_in_panel(c.whole.front());
    const int color = tables.curve_color(m + " " + shown);
    add_summary_rows(in, c, r);
    c.r_used = in.medians(c.used, in.ratio, "fl|" + m + "|" + c.label + "|used");
    if (in.t.has(fl::metric::test_acc))
      c.acc = in.medians(c.finished, in.t.numbers(fl::metric::test_acc),
                         "fl|summary|" + c.group + "|test_acc");
    for (const auto& point : spread_by_x(pick(in.x, c.whole), pick(in.ratio, c.whole)))
      tables.points.push_back(point_cells(in, rows, c, point, r));
    plot.series.push_back(median_series(
        m + ", " + shown + (rows.transition_model ? "" : " (converged runs)"), c.r_used, color));
    add_excluded_runs(in, rows, c, shown, color, plot);
    if (!c.acc.medians.empty()) {
      PlotSeries a = median_series(m + ", " + c.label, c.acc, color);
      if (!a.x.empty()) tables.acc_plot.series.push_back(std::move(a));
    }
  }
}

}  // namespace diffsweep::analysis
