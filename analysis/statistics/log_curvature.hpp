// Whether a log-log relation bends: a least-squares fit of log y = a + b u + c u^2, u = log x
// minus its mean, and the local slopes it gives at the two ends of the swept range,
// b + 2 c (u_end). A power law has c = 0 and the same local slope everywhere; before the words
// "a power of" are used, the bootstrap interval of the change in local slope across the range
// (curve_verdicts.cpp) must contain 0 or lie within +- `max-slope-change`, else the curve is
// "curved" and its end slopes are reported instead of one exponent.
#pragma once

#include <vector>

namespace diffsweep::analysis {

struct LogCurvature {
  bool valid = false;  // needs 3 distinct usable x and 4 usable points
  double x_low = 0, x_high = 0;
  double slope_low = 0, slope_high = 0;  // the local slopes d log y / d log x at the two ends
  double change() const { return slope_high - slope_low; }
};

LogCurvature fit_log_curvature(const std::vector<double>& x, const std::vector<double>& y);
// The same from the usable pairs' logarithms (u = log x, v = log y), given how many distinct x
// they have and the least and greatest: for a bootstrap, which takes logarithms once.
LogCurvature fit_log_curvature_logs(const std::vector<double>& u, const std::vector<double>& v,
                                    std::size_t distinct_x, double x_low, double x_high);

}  // namespace diffsweep::analysis
