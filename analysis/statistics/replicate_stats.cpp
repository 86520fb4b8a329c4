#include "analysis/statistics/replicate_stats.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <utility>

namespace diffsweep::analysis {

namespace {

// The "type 7" quantile q of n sorted values (R's and numpy's default) lies between the order
// statistics lo and hi, at share `frac` of the way.
struct OrderPosition {
  std::size_t lo, hi;
  double frac;
};

OrderPosition order_position(std::size_t n, double q) {
  const double pos = q * static_cast<double>(n - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  return {lo, std::min(lo + 1, n - 1), pos - static_cast<double>(lo)};
}

double interpolate(double lo, double hi, double frac) { return lo + frac * (hi - lo); }

// Up to this many values an insertion sort, as std::sort itself uses below 16, without its call.
constexpr std::size_t few = 16;

void insertion_sort(std::span<double> v) {
  for (std::size_t i = 1; i < v.size(); ++i) {
    const double a = v[i];
    std::size_t j = i;
    for (; j > 0 && a < v[j - 1]; --j) v[j] = v[j - 1];
    v[j] = a;
  }
}

// The order statistics either side of the median of 1 to 4 values, by compare-exchange: min and max
// leave no branch to mispredict, where a sort branches on every comparison of random values, and
// the bootstraps take 10^9 of these medians at 10^6 points (sorting them was a third of the time).
std::pair<double, double> middle_of_few(std::span<const double> v) {
  switch (v.size()) {
    case 1:
      return {v[0], v[0]};
    case 2:
      return {std::min(v[0], v[1]), std::max(v[0], v[1])};
    case 3: {
      const double low = std::min(v[0], v[1]), high = std::max(v[0], v[1]);
      return {std::max(low, std::min(high, v[2])), std::max(high, v[2])};
    }
    default: {
      // The middle two of four: the larger of the pairs' minima and the smaller of their maxima.
      const double a = std::max(std::min(v[0], v[1]), std::min(v[2], v[3]));
      const double b = std::min(std::max(v[0], v[1]), std::max(v[2], v[3]));
      return {std::min(a, b), std::max(a, b)};
    }
  }
}

}  // namespace

double quantile_sorted(std::span<const double> v, double q) {
  const OrderPosition o = order_position(v.size(), q);
  return interpolate(v[o.lo], v[o.hi], o.frac);
}

double quantile_in_place(std::span<double> v, double q) {
  if (v.size() <= few) {
    insertion_sort(v);
    return quantile_sorted(v, q);
  }
  const std::size_t n = v.size();
  const OrderPosition o = order_position(n, q);
  // A percentile interval's quantiles lie in the tails (the 50th of 2000 resamples): a heap of the
  // values beyond one (partial_sort) compares most values once with its top, a branch that is
  // rarely taken, where selection partitions them all, twice (an eighth of the analysis).
  const std::size_t below = o.hi + 1, above = n - o.lo;
  if (8 * below <= n) {
    std::partial_sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(below), v.end());
    return interpolate(v[o.lo], v[o.hi], o.frac);
  }
  if (8 * above <= n) {
    std::partial_sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(above), v.end(),
                      std::greater<>());
    return interpolate(v[n - 1 - o.lo], v[n - 1 - o.hi], o.frac);
  }
  const auto lo = v.begin() + static_cast<std::ptrdiff_t>(o.lo);
  std::nth_element(v.begin(), lo, v.end());
  // Everything after lo is at least *lo, so the next order statistic is their minimum.
  return interpolate(*lo, o.hi == o.lo ? *lo : *std::min_element(lo + 1, v.end()), o.frac);
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

double median_in_place(std::span<double> values) {
  values = values.first(static_cast<std::size_t>(
      std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }) -
      values.begin()));
  if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
  if (values.size() > 4) return quantile_in_place(values, 0.5);
  const auto [lo, hi] = middle_of_few(values);
  return interpolate(lo, hi, order_position(values.size(), 0.5).frac);
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
