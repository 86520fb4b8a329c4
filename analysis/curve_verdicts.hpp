// The two claims the theory makes about a curve y(x), measured and put in plain words:
// "y grows as a power of x" (a straight line on log-log axes, no jump), and "y crosses 1 sharply".
// Thresholds are stated here once so every experiment's verdicts mean the same thing.
#pragma once

#include <string>
#include <vector>

#include "analysis/crossing.hpp"
#include "analysis/power_law_fit.hpp"
#include "analysis/replicate_stats.hpp"

namespace diffsweep::analysis {

// A power law "holds" when the slope's 95% interval excludes 0, the log-log fit explains at least
// this share of the variance, and no median sits further than max_median_residual_decades from
// the line (a jump would).
inline constexpr double min_r_squared = 0.9;
inline constexpr double max_median_residual_decades = 0.5;
// A transition is "sharp" when y goes from 0.1 to 10 (two decades) within less than this many
// decades of x: an average log-log slope above 2, where a linear law (slope 1) takes 2 decades.
inline constexpr double sharp_width_decades = 1.0;

struct CurveAnalysis {
  std::vector<GroupedSpread> medians;  // y's spread over replicates, per x
  PowerLawFit fit;                     // of every (x, y) pair, not of the medians
  double max_median_residual_decades = 0;
  Transition transition;  // of the median curve through y = 1
  double x_min = 0, x_max = 0;
};

CurveAnalysis analyse_curve(const std::vector<double>& x, const std::vector<double>& y);

// "<subject>: <y> grows as a power of <x>: slope 0.97 [0.91, 1.03], R^2 0.98 over 36 <points>"
// or the matching negative verdict.
std::string power_law_verdict(const std::string& subject, const std::string& y_name,
                              const std::string& x_name, const CurveAnalysis& c,
                              const std::string& points_word);

// "<subject>: <y> crosses 1 at <x> = 2.3, from 0.1 to 10 within 0.8 decades: a sharp transition"
// or the matching negative verdict.
std::string transition_verdict(const std::string& subject, const std::string& y_name,
                               const std::string& x_name, const CurveAnalysis& c);

}  // namespace diffsweep::analysis
