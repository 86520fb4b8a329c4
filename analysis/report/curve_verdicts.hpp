// The two claims the theory makes about a curve y(x), measured with their uncertainty and put in
// plain words: "y grows as a power of x" (a straight line on log-log axes, no jump), and "y crosses
// 1 sharply". Every number a verdict quotes comes with its bootstrap interval over replicates
// (bootstrap.hpp); the thresholds are the named analysis parameters (analysis_parameters.hpp), so
// every experiment's verdicts mean the same thing.
#pragma once

#include <string>
#include <vector>

#include "analysis/report/report.hpp"
#include "analysis/statistics/analysis_parameters.hpp"
#include "analysis/statistics/bootstrap.hpp"
#include "analysis/statistics/crossing.hpp"
#include "analysis/statistics/log_curvature.hpp"
#include "analysis/statistics/power_law_fit.hpp"
#include "analysis/statistics/replicate_stats.hpp"

namespace diffsweep::analysis {

struct CurveAnalysis {
  std::vector<GroupedSpread> medians;      // y's spread over replicates, per x
  std::vector<Interval> median_intervals;  // the bootstrap interval of each of those medians
  PowerLawFit fit;                         // of every (x, y) pair, not of the medians
  Interval slope = no_interval();          // the fit's slope, bootstrapped
  double max_median_residual_decades = 0;
  // The quadratic in log-log (log_curvature.hpp): local slopes at the range's ends, bootstrapped.
  LogCurvature curvature;
  Interval slope_low = no_interval(), slope_high = no_interval(), slope_change = no_interval();
  Transition transition;  // of the median curve through y = 1
  Interval crossing = no_interval(), width = no_interval();
  ReplicateCount replicates;
  bool enough_replicates = false;  // the median point has at least min_replicates
  double x_min = 0, x_max = 0;
};

// The bootstrap's strata for observations at x: one per sweep point named in `points` (its
// replicates), or per distinct x when `points` is empty; observations without a finite x are in
// none.
Strata point_strata(const std::vector<double>& x, const std::vector<std::string>& points);

// `points` names each observation's sweep point (its axes' values; replicates of one point share
// it); empty: every distinct x is one point. `key` names the curve, seeding its bootstraps.
CurveAnalysis analyse_curve(const std::vector<double>& x, const std::vector<double>& y,
                            const std::vector<std::string>& points, const AnalysisParameters& p,
                            const std::string& key);

// The medians over replicates per x and their bootstrap intervals only (no fit): what a table or
// a figure of a curve shows. Same arguments as analyse_curve; the intervals are the ones
// analyse_curve(x, y, points, p, key) gives its medians.
struct MedianCurve {
  std::vector<GroupedSpread> medians;
  std::vector<Interval> intervals;
  ReplicateCount replicates;
};
MedianCurve median_curve(const std::vector<double>& x, const std::vector<double>& y,
                         const std::vector<std::string>& points, const AnalysisParameters& p,
                         const std::string& key);

// "<subject>: <y> grows as a power of <x>: slope 0.97 [0.91, 1.03], R^2 0.98 over 36 <points>,
// 3 replicates per point; no curvature: ..." or the matching negative or undetermined verdict.
// A curve whose local log-log slope changes across the range (the interval of the change
// excludes 0 and reaches past +- max-slope-change) is "curved", with its end slopes, never "a
// power of"; this is checked before R^2 and the jump.
std::string power_law_verdict(const std::string& subject, const std::string& y_name,
                              const std::string& x_name, const CurveAnalysis& c,
                              const std::string& points_word, const AnalysisParameters& p);

// "<subject>: <y> crosses 1 at <x> = 2.3 [2.1, 2.6], from 0.1 to 10 within 0.8 [0.6, 0.9] decades:
// a sharp transition" or the matching negative or undetermined verdict. A curve that crosses 1
// but does not reach both 0.1 and 10 in the range gets one statement: its width is not
// measurable (nothing is said about sharpness).
std::string transition_verdict(const std::string& subject, const std::string& y_name,
                               const std::string& x_name, const CurveAnalysis& c,
                               const AnalysisParameters& p);

// The row of fits.csv for this curve; its crossing and width only when `with_transition`.
FitRow fit_row(const std::string& group, const std::string& x_name, const std::string& y_name,
               const CurveAnalysis& c, bool with_transition);

// "0.970 [0.910, 1.03]" (the interval left out when there is none).
std::string slope_text(const PowerLawFit& fit, const Interval& slope);
// "slope 0.970 [0.910, 1.03], R^2 0.980".
std::string describe_fit(const PowerLawFit& fit, const Interval& slope);

}  // namespace diffsweep::analysis
