// A power law y = c x^slope fitted by least squares of log y on log x. The slope's interval is not
// computed here: Student's t would assume equal normal scatter around an exact line, so the
// verdicts quote a bootstrap over replicates instead, which assumes neither (curve_verdicts.hpp).
#pragma once

#include <cstddef>
#include <vector>

namespace diffsweep::analysis {

struct PowerLawFit {
  std::size_t points = 0;   // pairs used (x > 0, y > 0, both finite)
  std::size_t skipped = 0;  // pairs left out because their logarithm is undefined
  double slope = 0;         // exponent of x
  double intercept = 0;     // natural log of the prefactor c
  double r_squared = 0;     // of the log-log regression
  bool valid() const { return points >= 3; }
};

// Needs three usable points with at least two distinct x; with fewer, valid() is false and the
// numbers are not meaningful.
PowerLawFit fit_power_law(const std::vector<double>& x, const std::vector<double>& y);
// The same from the usable pairs' logarithms (lx = log x, ly = log y), `skipped` the pairs left
// out: for a bootstrap, which takes each pair's logarithms once rather than in every resample.
PowerLawFit fit_power_law_logs(const std::vector<double>& lx, const std::vector<double>& ly,
                               std::size_t skipped);

}  // namespace diffsweep::analysis
