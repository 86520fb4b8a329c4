#include "analysis/statistics/log_curvature.hpp"

#include <cmath>
#include <set>

namespace diffsweep::analysis {

LogCurvature fit_log_curvature(const std::vector<double>& x, const std::vector<double>& y) {
  std::vector<double> u, v;
  std::set<double> distinct;
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
    if (std::isfinite(x[i]) && std::isfinite(y[i]) && x[i] > 0 && y[i] > 0) {
      u.push_back(std::log(x[i]));
      v.push_back(std::log(y[i]));
      distinct.insert(x[i]);
    }
  if (distinct.empty()) return {};
  return fit_log_curvature_logs(u, v, distinct.size(), *distinct.begin(), *distinct.rbegin());
}

LogCurvature fit_log_curvature_logs(const std::vector<double>& u, const std::vector<double>& v,
                                    std::size_t distinct_x, double x_low, double x_high) {
  LogCurvature out;
  if (distinct_x < 3 || u.size() < 4) return out;
  double mean = 0;
  for (double ui : u) mean += ui / static_cast<double>(u.size());
  // Normal equations of the three columns 1, c, c^2 (c = u - mean), solved by elimination.
  double m[3][4] = {};
  for (std::size_t i = 0; i < u.size(); ++i) {
    const double c = u[i] - mean, row[3] = {1.0, c, c * c};
    for (int r = 0; r < 3; ++r) {
      for (int k = 0; k < 3; ++k) m[r][k] += row[r] * row[k];
      m[r][3] += row[r] * v[i];
    }
  }
  for (int col = 0; col < 3; ++col) {
    if (!(std::abs(m[col][col]) > 0)) return out;
    for (int r = 0; r < 3; ++r) {
      if (r == col) continue;
      const double f = m[r][col] / m[col][col];
      for (int k = col; k < 4; ++k) m[r][k] -= f * m[col][k];
    }
  }
  const double coef[3] = {m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]};
  out.x_low = x_low;
  out.x_high = x_high;
  out.slope_low = coef[1] + 2 * coef[2] * (std::log(out.x_low) - mean);
  out.slope_high = coef[1] + 2 * coef[2] * (std::log(out.x_high) - mean);
  out.valid = std::isfinite(out.slope_low) && std::isfinite(out.slope_high);
  return out;
}

}  // namespace diffsweep::analysis
