#include "analysis/report/curve_figures.hpp"

#include <algorithm>
#include <cmath>

namespace diffsweep::analysis {

PlotSeries median_series(const std::string& label, const CurveAnalysis& c, int color) {
  return median_series(label, MedianCurve{c.medians, c.median_intervals, c.replicates}, color);
}

PlotSeries median_series(const std::string& label, const MedianCurve& c, int color) {
  PlotSeries s;
  s.label = label;
  s.color = color;
  bool intervals = false;
  for (std::size_t k = 0; k < c.medians.size(); ++k)
    intervals = intervals || c.intervals[k].valid();
  for (std::size_t k = 0; k < c.medians.size(); ++k) {
    const auto& m = c.medians[k];
    if (m.y.count == 0) continue;
    s.x.push_back(m.x);
    s.y.push_back(m.y.median);
    if (!intervals) continue;
    s.lo.push_back(c.intervals[k].lo);
    s.hi.push_back(c.intervals[k].hi);
  }
  return s;
}

PlotSeries fit_series(const std::string& label, const CurveAnalysis& c, int color) {
  PlotSeries s;
  s.label = label + ": slope " + slope_text(c.fit, c.slope);
  s.role = "fit";
  s.color = color;
  // Through fewer than three x values any monotone law fits: no line is drawn to suggest one.
  const auto x_values = std::count_if(c.medians.begin(), c.medians.end(),
                                      [](const GroupedSpread& m) { return m.y.count > 0; });
  if (!c.fit.valid() || !(c.x_min > 0) || x_values < 3) return s;
  const int steps = 20;
  for (int k = 0; k <= steps; ++k) {
    const double x = c.x_min * std::pow(c.x_max / c.x_min, static_cast<double>(k) / steps);
    s.x.push_back(x);
    s.y.push_back(std::exp(c.fit.intercept) * std::pow(x, c.fit.slope));
  }
  return s;
}

std::string median_caption(const AnalysisParameters& p, const ReplicateCount& replicates,
                           const Plot& plot) {
  const std::string counts = describe(replicates);
  if (drawn_without_error_bars(plot))
    return "Lines: medians over replicates, one per curve (" + counts +
           "); with this many curves, no markers or error bars: the medians' " +
           fmt(100 * p.level, 3) + "% bootstrap intervals (" + std::to_string(p.resamples) +
           " resamples" + median_coverage_note(replicates, p) + ") are computed, not drawn.";
  if (replicates.median < static_cast<std::size_t>(p.min_replicates))
    return "Points: medians over replicates (" + counts +
           "); no error bars: too few replicates for an interval (--min-replicates " +
           std::to_string(p.min_replicates) + ").";
  const std::string none_where = replicates.fewest < static_cast<std::size_t>(p.min_replicates)
                                     ? "; none where a point has fewer than " +
                                           std::to_string(p.min_replicates) + " replicates"
                                     : "";
  return "Points: medians over replicates; error bars: " + median_interval_level(replicates, p) +
         " bootstrap intervals of the medians over replicates (" + counts + ", " +
         std::to_string(p.resamples) + " resamples" + median_coverage_note(replicates, p) +
         none_where + ").";
}

}  // namespace diffsweep::analysis
