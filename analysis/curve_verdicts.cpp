#include "analysis/curve_verdicts.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/report.hpp"

namespace diffsweep::analysis {

CurveAnalysis analyse_curve(const std::vector<double>& x, const std::vector<double>& y) {
  CurveAnalysis c;
  c.medians = spread_by_x(x, y);
  c.fit = fit_power_law(x, y);
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
  return c;
}

std::string power_law_verdict(const std::string& subject, const std::string& y_name,
                              const std::string& x_name, const CurveAnalysis& c,
                              const std::string& points_word) {
  const auto& f = c.fit;
  const std::string head = subject + ": " + y_name;
  if (!f.valid())
    return head + ": too few usable points for a fit (" + std::to_string(f.points) + " " +
           points_word + ", need 3 at 2 or more " + x_name + " values)";
  const std::string numbers =
      describe_fit(f) + " over " + std::to_string(f.points) + " " + points_word;
  if (f.slope_lo <= 0 && f.slope_hi >= 0)
    return head + " does not change measurably with " + x_name + ": " + numbers +
           " (the interval contains 0)";
  const std::string direction = f.slope > 0 ? "grows" : "falls";
  if (f.r_squared < min_r_squared)
    return head + " " + direction + " with " + x_name + " but not as one power law: " + numbers +
           " (R^2 below " + fmt(min_r_squared) + ")";
  if (c.max_median_residual_decades > max_median_residual_decades)
    return head + " " + direction + " with " + x_name + " but with a jump: a median sits " +
           fmt(c.max_median_residual_decades, 2) + " decades off the power law; " + numbers;
  return head + " " + direction + " as a power of " + x_name + ": " + numbers;
}

std::string transition_verdict(const std::string& subject, const std::string& y_name,
                               const std::string& x_name, const CurveAnalysis& c) {
  const Transition& t = c.transition;
  const std::string head = subject + ": " + y_name;
  const std::string range = "median " + y_name + " spans [" + fmt(t.y_min, 2) + ", " +
                            fmt(t.y_max, 2) + "] over " + x_name + " in [" + fmt(c.x_min, 2) +
                            ", " + fmt(c.x_max, 2) + "]";
  if (!t.at) {
    if (t.crossings > 0)
      return head + " only falls through 1 (" + range + "): no upward transition";
    return head + " never crosses 1 (" + range + "): no transition in this range";
  }
  std::string s = head + " crosses 1 at " + x_name + " = " + fmt(*t.at, 2);
  if (t.width) {
    s += ", from 0.1 to 10 within " + fmt(*t.width, 2) + " decades: ";
    s += *t.width < sharp_width_decades ? "a sharp transition"
                                        : "a gradual change, not a sharp transition";
  } else {
    const double x_decades = std::log10(c.x_max / c.x_min);
    s += "; " + range;
    s += x_decades > sharp_width_decades
             ? ", short of 0.1 to 10 over " + fmt(x_decades, 2) + " decades: not a sharp transition"
             : ": the swept range is too narrow to measure the transition's width";
  }
  if (t.crossings > 1)
    s += " (the median curve passes 1 " + std::to_string(t.crossings) + " times: not monotone)";
  return s;
}

}  // namespace diffsweep::analysis
