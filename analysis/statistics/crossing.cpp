#include "analysis/statistics/crossing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "analysis/statistics/replicate_stats.hpp"

namespace diffsweep::analysis {

namespace {

std::vector<CurvePoint> usable_sorted(std::vector<CurvePoint> curve) {
  std::erase_if(curve, [](const CurvePoint& p) {
    return !(std::isfinite(p.x) && std::isfinite(p.y) && p.x > 0 && p.y > 0);
  });
  const auto by_x = [](const CurvePoint& a, const CurvePoint& b) { return a.x < b.x; };
  // A bootstrap's median curves come in x order already, and sorting them anyway was 4% of the
  // analysis at 10^6 points; with no equal x, sorting could not have changed the order.
  const auto strictly_increasing =
      std::adjacent_find(curve.begin(), curve.end(), [](const CurvePoint& a, const CurvePoint& b) {
        return a.x >= b.x;
      }) == curve.end();
  if (!strictly_increasing) std::sort(curve.begin(), curve.end(), by_x);
  return curve;
}

}  // namespace

namespace {

std::optional<double> upward_crossing_sorted(const std::vector<CurvePoint>& curve, double level) {
  const double ll = std::log(level);
  for (std::size_t i = 0; i + 1 < curve.size(); ++i) {
    const auto& a = curve[i];
    const auto& b = curve[i + 1];
    if (a.y < level && b.y >= level) {
      const double la = std::log(a.y), lb = std::log(b.y);
      const double f = (ll - la) / (lb - la);
      return std::exp(std::log(a.x) + f * (std::log(b.x) - std::log(a.x)));
    }
  }
  return std::nullopt;
}

int crossing_count_sorted(const std::vector<CurvePoint>& curve, double level) {
  int count = 0;
  for (std::size_t i = 0; i + 1 < curve.size(); ++i)
    if ((curve[i].y < level) != (curve[i + 1].y < level)) ++count;
  return count;
}

}  // namespace

std::optional<double> upward_crossing(std::vector<CurvePoint> curve, double level) {
  return upward_crossing_sorted(usable_sorted(std::move(curve)), level);
}

int crossing_count(std::vector<CurvePoint> curve, double level) {
  return crossing_count_sorted(usable_sorted(std::move(curve)), level);
}

Transition find_transition(const std::vector<CurvePoint>& curve, double level) {
  // Sorted once: a bootstrap finds a transition in every resample.
  const auto usable = usable_sorted(curve);
  Transition t;
  t.at = upward_crossing_sorted(usable, level);
  t.low_at = upward_crossing_sorted(usable, level / 10);
  t.high_at = upward_crossing_sorted(usable, level * 10);
  if (t.low_at && t.high_at) t.width = std::abs(std::log10(*t.high_at / *t.low_at));
  t.crossings = crossing_count_sorted(usable, level);
  t.y_min = std::numeric_limits<double>::quiet_NaN();
  t.y_max = t.y_min;
  if (!usable.empty()) {
    auto [lo, hi] = std::minmax_element(usable.begin(), usable.end(),
                                        [](const auto& a, const auto& b) { return a.y < b.y; });
    t.y_min = lo->y;
    t.y_max = hi->y;
  }
  return t;
}

std::vector<CurvePoint> median_points(const std::vector<double>& x, const std::vector<double>& y,
                                      const std::vector<std::size_t>& chosen) {
  std::map<double, std::vector<double>> by_x;
  for (auto i : chosen) by_x[x[i]].push_back(y[i]);
  std::vector<CurvePoint> curve;
  for (auto& [at, ys] : by_x) {
    const Spread s = spread_of(std::move(ys));
    if (s.count > 0) curve.push_back({at, s.median});
  }
  return curve;
}

std::optional<std::pair<double, double>> within_one_step(const std::vector<double>& xs, double a,
                                                         double b) {
  std::optional<double> below, above;
  for (double x : xs) {
    if (x > a && x < b) return std::nullopt;
    if (x <= a && (!below || x > *below)) below = x;
    if (x >= b && (!above || x < *above)) above = x;
  }
  if (!below || !above) return std::nullopt;
  return std::make_pair(*below, *above);
}

}  // namespace diffsweep::analysis
