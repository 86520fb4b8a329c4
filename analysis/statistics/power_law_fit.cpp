#include "analysis/statistics/power_law_fit.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace diffsweep::analysis {

PowerLawFit fit_power_law(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) throw std::invalid_argument("fit_power_law: x and y differ in length");
  std::vector<double> lx, ly;
  std::size_t skipped = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (std::isfinite(x[i]) && std::isfinite(y[i]) && x[i] > 0 && y[i] > 0) {
      lx.push_back(std::log(x[i]));
      ly.push_back(std::log(y[i]));
    } else {
      ++skipped;
    }
  }
  return fit_power_law_logs(lx, ly, skipped);
}

PowerLawFit fit_power_law_logs(const std::vector<double>& lx, const std::vector<double>& ly,
                               std::size_t skipped) {
  PowerLawFit fit;
  fit.skipped = skipped;
  fit.points = lx.size();
  const double n = static_cast<double>(lx.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < lx.size(); ++i) mx += lx[i] / n, my += ly[i] / n;
  double sxx = 0, sxy = 0, syy = 0;
  for (std::size_t i = 0; i < lx.size(); ++i) {
    sxx += (lx[i] - mx) * (lx[i] - mx);
    sxy += (lx[i] - mx) * (ly[i] - my);
    syy += (ly[i] - my) * (ly[i] - my);
  }
  if (fit.points < 3 || sxx <= 0) {
    fit.points = std::min<std::size_t>(fit.points, 2);  // not enough spread in x: invalid
    return fit;
  }
  fit.slope = sxy / sxx;
  fit.intercept = my - fit.slope * mx;
  const double sse = std::max(0.0, syy - fit.slope * sxy);
  // Exact data (sse = 0) explains everything; a flat y (syy = 0) is fitted exactly by slope 0.
  fit.r_squared = syy > 0 ? 1.0 - sse / syy : 1.0;
  return fit;
}

}  // namespace diffsweep::analysis
