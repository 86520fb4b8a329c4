#include "analysis/report/curve_verdicts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <span>

#include "analysis/report/report.hpp"

namespace diffsweep::analysis {

namespace {

std::string with_zeros(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%#.3g", v);
  return text;
}

std::string too_few_text(const CurveAnalysis& c, const AnalysisParameters& p) {
  return describe(c.replicates) + ": too few for an interval (--min-replicates " +
         std::to_string(p.min_replicates) + ")";
}

// Resamples in which a statistic was undefined are not in its interval: say how many there were
// when they are more than the interval's own tail.
std::string defined_note(const Interval& in, const AnalysisParameters& p, const std::string& what) {
  if (in.defined_share >= 1 - (1 - p.level) / 2) return "";
  return " (" + what + " in only " + fmt(100 * in.defined_share, 2) + "% of resamples)";
}

}  // namespace

Strata point_strata(const std::vector<double>& x, const std::vector<std::string>& points) {
  std::vector<std::string> keys;
  std::vector<std::size_t> usable;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i])) {
      usable.push_back(i);
      keys.push_back(points.empty() ? fmt(x[i], 17) : points[i]);
    }
  Strata strata = strata_of(keys);
  for (auto& s : strata)
    for (auto& i : s) i = usable[i];
  return strata;
}

MedianCurve median_curve(const std::vector<double>& x, const std::vector<double>& y,
                         const std::vector<std::string>& points, const AnalysisParameters& p,
                         const std::string& key) {
  MedianCurve m;
  m.medians = spread_by_x(x, y);
  const Strata strata = point_strata(x, points);
  m.replicates = replicate_count(strata);
  const bool enough = m.replicates.median >= static_cast<std::size_t>(p.min_replicates);
  // Per x: the median's interval, from that x's points alone (the strata grouped by x once), and
  // none at an x whose points have fewer replicates than --min-replicates (the captions say so).
  std::map<double, Strata> by_x;
  if (enough)
    for (const auto& s : strata) by_x[x[s.front()]].push_back(s);
  for (const auto& at_x : m.medians) {
    const Strata& here = by_x[at_x.x];
    m.intervals.push_back(enough && replicate_count(here).median >=
                                        static_cast<std::size_t>(p.min_replicates)
                              ? median_interval(y, here, p, key + "|median@" + fmt(at_x.x, 17))
                              : no_interval());
  }
  return m;
}

CurveAnalysis analyse_curve(const std::vector<double>& x, const std::vector<double>& y,
                            const std::vector<std::string>& points, const AnalysisParameters& p,
                            const std::string& key) {
  CurveAnalysis c;
  MedianCurve m = median_curve(x, y, points, p, key);
  c.medians = std::move(m.medians);
  c.median_intervals = std::move(m.intervals);
  c.replicates = m.replicates;
  c.enough_replicates = c.replicates.median >= static_cast<std::size_t>(p.min_replicates);
  c.fit = fit_power_law(x, y);
  c.curvature = fit_log_curvature(x, y);
  const Strata strata = point_strata(x, points);

  std::vector<CurvePoint> curve;
  c.x_min = c.x_max = std::nan("");
  for (const auto& m : c.medians) {
    if (m.y.count == 0) continue;
    curve.push_back({m.x, m.y.median});
    if (m.x > 0 && m.y.median > 0 && c.fit.valid()) {
      const double predicted = c.fit.intercept + c.fit.slope * std::log(m.x);
      c.max_median_residual_decades = std::max(
          c.max_median_residual_decades, std::abs(std::log(m.y.median) - predicted) / std::log(10));
    }
  }
  if (!curve.empty()) {
    c.x_min = curve.front().x;
    c.x_max = curve.back().x;
  }
  c.transition = find_transition(curve, 1.0);

  if (!c.enough_replicates) return c;

  // What every resample needs of an observation, taken once: whether its logarithms are defined,
  // the logarithms, and its x's place among the curve's x values (median_points' order).
  const std::size_t n = x.size(), none = c.medians.size();
  std::vector<char> usable(n, 0);
  std::vector<double> log_x(n), log_y(n);
  std::vector<std::size_t> place(n, none);
  {
    std::map<double, std::size_t> place_of;
    for (std::size_t k = 0; k < c.medians.size(); ++k) place_of.emplace(c.medians[k].x, k);
    for (const auto& s : strata)
      for (auto i : s) {
        place[i] = place_of.at(x[i]);
        usable[i] = std::isfinite(y[i]) && x[i] > 0 && y[i] > 0;
        if (usable[i]) log_x[i] = std::log(x[i]), log_y[i] = std::log(y[i]);
      }
  }
  // One resample's buffers, reused (analyse_curve runs on one thread). Its y values are grouped by
  // place in one array, place k's from start[k] on: a vector per place cost more in push_back than
  // the medians themselves. The loop over the chosen observations has no branch: an unusable
  // one's logarithms are written and then overwritten, not counted.
  std::vector<double> cx, cy, grouped;
  std::vector<std::size_t> start(none + 1), next(none), usable_at(none);
  std::vector<CurvePoint> medians;
  const auto statistics = [&](const std::vector<std::size_t>& chosen) {
    // The same numbers as fit_power_law, median_points and fit_log_curvature of the chosen pairs.
    std::fill(start.begin(), start.end(), 0);
    std::fill(usable_at.begin(), usable_at.end(), 0);
    for (auto i : chosen) ++start[place[i] + 1];
    for (std::size_t k = 0; k < none; ++k) start[k + 1] += start[k];
    std::copy(start.begin(), start.end() - 1, next.begin());
    grouped.resize(chosen.size()), cx.resize(chosen.size()), cy.resize(chosen.size());
    std::size_t used = 0;
    for (auto i : chosen) {
      grouped[next[place[i]]++] = y[i];
      cx[used] = log_x[i], cy[used] = log_y[i];
      used += usable[i];
      usable_at[place[i]] += usable[i];
    }
    cx.resize(used), cy.resize(used);
    const std::size_t skipped = chosen.size() - used;
    std::size_t distinct = 0, low = none, high = 0;
    medians.clear();
    for (std::size_t k = 0; k < none; ++k) {
      if (usable_at[k] > 0) ++distinct, low = std::min(low, k), high = k;
      if (start[k] == start[k + 1]) continue;
      const double median =
          median_in_place(std::span<double>(grouped).subspan(start[k], start[k + 1] - start[k]));
      // NaN where no y at this x is finite: no median there in this resample.
      if (!std::isnan(median)) medians.push_back({c.medians[k].x, median});
    }
    const PowerLawFit f = fit_power_law_logs(cx, cy, skipped);
    const Transition t = find_transition(medians, 1.0);
    const LogCurvature q =
        distinct == 0
            ? LogCurvature{}
            : fit_log_curvature_logs(cx, cy, distinct, c.medians[low].x, c.medians[high].x);
    const double nan = std::nan("");
    return std::vector<double>{f.valid() ? f.slope : nan,    t.at.value_or(nan),
                               t.width.value_or(nan),        q.valid ? q.slope_low : nan,
                               q.valid ? q.slope_high : nan, q.valid ? q.change() : nan};
  };
  const auto intervals = bootstrap_intervals(strata, statistics, 6, p, key);
  if (c.fit.valid()) c.slope = intervals[0];
  if (c.transition.at) c.crossing = intervals[1];
  if (c.transition.width) c.width = intervals[2];
  if (c.curvature.valid) {
    c.slope_low = intervals[3];
    c.slope_high = intervals[4];
    c.slope_change = intervals[5];
  }
  return c;
}

FitRow fit_row(const std::string& group, const std::string& x_name, const std::string& y_name,
               const CurveAnalysis& c, bool with_transition) {
  FitRow row{group, x_name, y_name, c.fit, c.slope};
  row.replicates = c.replicates;
  if (c.curvature.valid) {
    row.slope_low = c.curvature.slope_low;
    row.slope_high = c.curvature.slope_high;
    row.slope_low_interval = c.slope_low;
    row.slope_high_interval = c.slope_high;
    row.slope_change_interval = c.slope_change;
  }
  if (with_transition) {
    row.crossing = c.transition.at;
    row.crossing_interval = c.crossing;
    row.width = c.transition.width;
    row.width_interval = c.width;
  }
  return row;
}

std::string slope_text(const PowerLawFit& fit, const Interval& slope) {
  // Trailing zeros kept ("1.00", not "1"): a reader compares these numbers with each other.
  std::string s = with_zeros(fit.slope);
  if (slope.valid()) s += " [" + with_zeros(slope.lo) + ", " + with_zeros(slope.hi) + "]";
  return s;
}

std::string describe_fit(const PowerLawFit& fit, const Interval& slope) {
  // R^2 to three decimals ("0.999", not "1").
  std::string s = "slope " + slope_text(fit, slope);
  char r2[32];
  std::snprintf(r2, sizeof r2, "%.3f", fit.r_squared);
  return s + ", R^2 " + r2;
}

std::string power_law_verdict(const std::string& subject, const std::string& y_name,
                              const std::string& x_name, const CurveAnalysis& c,
                              const std::string& points_word, const AnalysisParameters& p) {
  const auto& f = c.fit;
  const std::string head = subject + ": " + y_name;
  if (!f.valid())
    return head + ": too few usable points for a fit (" + std::to_string(f.points) + " " +
           points_word + ", need 3 at 2 or more " + x_name + " values)";
  const std::string numbers = describe_fit(f, c.slope) + " over " + std::to_string(f.points) + " " +
                              points_word + ", " + describe(c.replicates);
  if (!c.enough_replicates)
    return head + " against " + x_name + ": undetermined: " + describe_fit(f, c.slope) + " over " +
           std::to_string(f.points) + " " + points_word + "; " + too_few_text(c, p);
  if (!c.slope.valid())
    return head + " against " + x_name + ": undetermined: no slope in the resamples; " + numbers;
  if (c.slope.lo <= 0 && c.slope.hi >= 0)
    return head + " does not change measurably with " + x_name + ": " + numbers +
           " (the interval contains 0)";
  const std::string direction = f.slope > 0 ? "grows" : "falls";
  // Through two x values every monotone law is a power law: the fit's R^2 then only measures the
  // replicates' spread, so the shape is not claimed.
  const auto x_values = std::count_if(c.medians.begin(), c.medians.end(),
                                      [](const GroupedSpread& m) { return m.y.count > 0; });
  if (x_values < 3)
    return head + " " + direction + " with " + x_name + ": " + numbers + "; only " +
           std::to_string(x_values) + " " + x_name +
           " values, too few to tell a power law from any other monotone law";
  std::string curvature_text;
  if (c.curvature.valid && c.slope_change.valid()) {
    const Interval& d = c.slope_change;
    const std::string ends = "local slope " + with_interval(c.curvature.slope_low, c.slope_low) +
                             " at " + x_name + " = " + fmt(c.curvature.x_low, 2) + " and " +
                             with_interval(c.curvature.slope_high, c.slope_high) + " at " +
                             fmt(c.curvature.x_high, 2) + " (change " +
                             with_interval(c.curvature.change(), d) + ")";
    const bool contains_zero = d.lo <= 0 && d.hi >= 0;
    const bool within = d.lo >= -p.max_slope_change && d.hi <= p.max_slope_change;
    const bool beyond = d.lo > p.max_slope_change || d.hi < -p.max_slope_change;
    if (beyond)
      return head + " " + direction + " with " + x_name +
             " but curved, not one power law: " + ends + ", beyond +-" + fmt(p.max_slope_change) +
             "; " + numbers;
    if (!contains_zero && !within)
      return head + " " + direction + " with " + x_name +
             "; undetermined whether as one power law: " + ends + ", an interval across +-" +
             fmt(p.max_slope_change) + "; " + numbers;
    curvature_text =
        "; no curvature: " + ends +
        (contains_zero ? ", interval contains 0" : ", within +-" + fmt(p.max_slope_change));
  }
  if (f.r_squared < p.min_r_squared)
    return head + " " + direction + " with " + x_name + " but not as one power law: " + numbers +
           " (R^2 below " + fmt(p.min_r_squared) + ")";
  if (c.max_median_residual_decades > p.max_jump_decades)
    return head + " " + direction + " with " + x_name + " but with a jump: a median sits " +
           fmt(c.max_median_residual_decades, 2) + " decades off the power law; " + numbers;
  return head + " " + direction + " as a power of " + x_name + ": " + numbers + curvature_text;
}

std::string transition_verdict(const std::string& subject, const std::string& y_name,
                               const std::string& x_name, const CurveAnalysis& c,
                               const AnalysisParameters& p) {
  const Transition& t = c.transition;
  const std::string head = subject + ": " + y_name;
  const std::string range = "median " + y_name + " spans [" + fmt(t.y_min, 2) + ", " +
                            fmt(t.y_max, 2) + "] over " + x_name + " in [" + fmt(c.x_min, 2) +
                            ", " + fmt(c.x_max, 2) + "]";
  std::vector<double> grid;
  for (const auto& m : c.medians)
    if (m.y.count > 0) grid.push_back(m.x);
  if (grid.empty()) return head + ": no finished runs, nothing to tell";
  if (!t.at) {
    if (t.crossings > 0)
      return head + " only falls through 1 (" + range + "): no upward transition";
    return head + " never crosses 1 (" + range + "): no transition in this range";
  }
  // Through two x values the crossing is where a straight line puts it: only the step is data.
  if (grid.size() < 3) {
    const auto step = within_one_step(grid, *t.at, *t.at);
    return head + " crosses 1 between " + x_name + " = " + fmt(step->first, 2) + " and " +
           fmt(step->second, 2) + " (" + range + "; only " + std::to_string(grid.size()) + " " +
           x_name + " values: where in between, and how sharply, is not measured)";
  }
  std::string s = head + " crosses 1 at " + x_name + " = " + with_interval(*t.at, c.crossing, 2);
  if (c.enough_replicates) s += defined_note(c.crossing, p, "it crosses");
  const std::string threshold =
      fmt(p.sharp_width_decades) + " decade" + (p.sharp_width_decades == 1 ? "" : "s");
  const auto step = t.width ? within_one_step(grid, *t.low_at, *t.high_at) : std::nullopt;
  if (step) {
    s += ", from 0.1 to 10 within one grid step, " + fmt(step->first, 2) + " to " +
         fmt(step->second, 2) + " (at most " + fmt(std::log10(step->second / step->first), 2) +
         " decades): sharper than the grid resolves";
  } else if (t.width) {
    s += ", from 0.1 to 10 within " + with_interval(*t.width, c.width, 2) + " decades";
    if (!c.enough_replicates) {
      s += ": undetermined whether sharp: " + too_few_text(c, p);
    } else {
      if (c.width.defined_share < 1 - (1 - p.level) / 2)
        s += ": undetermined whether sharp" + defined_note(c.width, p, "it spans 0.1 to 10");
      else if (c.width.hi < p.sharp_width_decades)
        s += ": a sharp transition (the interval is below " + threshold + ")";
      else if (c.width.lo >= p.sharp_width_decades)
        s += ": a gradual change, not a sharp transition (the interval is above " + threshold + ")";
      else
        s += ": undetermined whether sharp (the interval straddles " + threshold + ")";
      s += ", " + describe(c.replicates);
    }
  } else {
    // Whether it levels off or the range ends, the width is simply not measured here: nothing
    // is said about sharpness.
    std::string short_of;
    if (!t.low_at) short_of = "0.1";
    if (!t.high_at) short_of += (short_of.empty() ? "" : " or ") + std::string("10");
    s += "; " + range + ", without rising through " + short_of +
         ": the 0.1-to-10 width is not measurable in this range";
    if (!c.enough_replicates) s += "; " + too_few_text(c, p);
  }
  if (t.crossings > 1)
    s += " (the median curve passes 1 " + std::to_string(t.crossings) + " times: not monotone)";
  return s;
}

}  // namespace diffsweep::analysis
