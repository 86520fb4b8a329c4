#include "analysis/replicate_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace diffsweep::analysis {

// Linear interpolation between order statistics (the "type 7" quantile of R and numpy).
double quantile_sorted(const std::vector<double>& v, double q) {
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

Spread spread_of(std::vector<double> values) {
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  Spread s;
  s.count = values.size();
  if (values.empty()) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    s.median = s.q25 = s.q75 = s.min = s.max = nan;
    return s;
  }
  std::sort(values.begin(), values.end());
  s.median = quantile_sorted(values, 0.5);
  s.q25 = quantile_sorted(values, 0.25);
  s.q75 = quantile_sorted(values, 0.75);
  s.min = values.front();
  s.max = values.back();
  return s;
}

double median_in_place(std::vector<double>& values) {
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  return quantile_sorted(values, 0.5);
}

std::vector<GroupedSpread> spread_by_x(const std::vector<double>& x, const std::vector<double>& y) {
  std::map<double, std::vector<double>> groups;
  for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
    if (std::isfinite(x[i])) groups[x[i]].push_back(y[i]);
  std::vector<GroupedSpread> out;
  for (auto& [gx, ys] : groups) out.push_back({gx, spread_of(std::move(ys))});
  return out;
}

}  // namespace diffsweep::analysis
