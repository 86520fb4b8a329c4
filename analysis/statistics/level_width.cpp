#include "analysis/statistics/level_width.hpp"

#include <cmath>

#include "analysis/report/curve_verdicts.hpp"
#include "analysis/report/report.hpp"
#include "analysis/statistics/crossing.hpp"

namespace diffsweep::analysis {

namespace {

struct Rise {
  std::optional<double> low_at, high_at;
};

Rise rise_of(const std::vector<CurvePoint>& curve, double low, double high) {
  return {upward_crossing(curve, low), upward_crossing(curve, high)};
}

}  // namespace

LevelWidth level_width(const std::vector<double>& x, const std::vector<double>& y,
                       const std::vector<std::string>& points, double low, double high,
                       const AnalysisParameters& p, const std::string& key) {
  LevelWidth w;
  w.low = low;
  w.high = high;
  const Strata strata = point_strata(x, points);
  std::vector<std::size_t> usable;
  for (const auto& st : strata) usable.insert(usable.end(), st.begin(), st.end());
  const auto curve = median_points(x, y, usable);
  const Rise r = rise_of(curve, low, high);
  w.low_at = r.low_at;
  w.high_at = r.high_at;
  if (r.low_at && r.high_at) {
    w.width = std::log10(*r.high_at / *r.low_at);
    std::vector<double> grid;
    for (const auto& c : curve) grid.push_back(c.x);
    w.within_step = within_one_step(grid, *r.low_at, *r.high_at);
  }
  w.enough_replicates =
      replicate_count(strata).median >= static_cast<std::size_t>(p.min_replicates);
  if (w.width && w.enough_replicates && !w.within_step)
    w.interval =
        bootstrap_intervals(
            strata,
            [&](const std::vector<std::size_t>& chosen) {
              const Rise b = rise_of(median_points(x, y, chosen), low, high);
              return std::vector<double>{b.low_at && b.high_at ? std::log10(*b.high_at / *b.low_at)
                                                               : std::nan("")};
            },
            1, p, key + "|level-width")
            .front();
  return w;
}

std::string level_width_text(const std::string& y_name, const std::string& x_name,
                             const LevelWidth& w) {
  const std::string levels = fmt(w.low) + " to " + fmt(w.high);
  if (!w.width) {
    std::string missing;
    if (!w.low_at) missing = fmt(w.low);
    if (!w.high_at) missing += (missing.empty() ? "" : " or ") + fmt(w.high);
    return "the median " + y_name + " does not rise through " + missing + " in the range: its " +
           levels + " width is not measurable";
  }
  if (w.within_step)
    return "the median " + y_name + " rises from " + levels + " within one grid step of " + x_name +
           ", " + fmt(w.within_step->first, 2) + " to " + fmt(w.within_step->second, 2) +
           " (at most " + fmt(std::log10(w.within_step->second / w.within_step->first), 2) +
           " decades): narrower than the grid resolves, so no width is measured";
  std::string s = "the median " + y_name + " rises from " + levels + " within " +
                  with_interval(*w.width, w.interval, 2) + " decades of " + x_name + " (" +
                  fmt(*w.low_at, 2) + " to " + fmt(*w.high_at, 2) + ")";
  if (!w.enough_replicates) s += "; too few replicates for an interval";
  return s;
}

}  // namespace diffsweep::analysis
