// A power law y = c x^slope fitted by least squares of log y on log x, with the slope's 95%
// confidence interval: the verdicts quote the interval, so a reader sees how well the data pin
// the exponent down, not just a point estimate.
#pragma once

#include <cstddef>
#include <vector>

namespace diffsweep::analysis {

struct PowerLawFit {
  std::size_t points = 0;   // pairs used (x > 0, y > 0, both finite)
  std::size_t skipped = 0;  // pairs left out because their logarithm is undefined
  double slope = 0;         // exponent of x
  double intercept = 0;     // natural log of the prefactor c
  double slope_lo = 0;      // 95% confidence interval of the slope (Student t, points - 2 dof)
  double slope_hi = 0;
  double r_squared = 0;  // of the log-log regression
  bool valid() const { return points >= 3; }
};

// Needs three usable points with at least two distinct x for an interval; with fewer, valid()
// is false and the numbers are not meaningful.
PowerLawFit fit_power_law(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace diffsweep::analysis
