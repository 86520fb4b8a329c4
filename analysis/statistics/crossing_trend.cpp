#include "analysis/statistics/crossing_trend.hpp"

#include <cmath>
#include <map>

#include "analysis/report/report.hpp"
#include "analysis/statistics/crossing.hpp"
#include "analysis/statistics/replicate_stats.hpp"

namespace diffsweep::analysis {

namespace {

// Each curve's crossing of 1 by its median curve over the chosen observations.
std::vector<std::optional<double>> crossings_of(const std::vector<double>& x,
                                                const std::vector<double>& y,
                                                const std::vector<std::size_t>& curve_of,
                                                std::size_t curves,
                                                const std::vector<std::size_t>& chosen) {
  std::vector<std::vector<std::size_t>> by_curve(curves);
  for (auto i : chosen) by_curve[curve_of[i]].push_back(i);
  std::vector<std::optional<double>> out;
  for (const auto& rows : by_curve)
    out.push_back(find_transition(median_points(x, y, rows), 1.0).at);
  return out;
}

// Least-squares slope of log crossing on log along over the curves that cross; nullopt with
// fewer than two.
std::optional<double> log_slope(const std::vector<double>& along,
                                const std::vector<std::optional<double>>& crossing) {
  std::vector<double> u, v;
  for (std::size_t k = 0; k < along.size(); ++k)
    if (crossing[k]) {
      u.push_back(std::log(along[k]));
      v.push_back(std::log(*crossing[k]));
    }
  if (u.size() < 2) return std::nullopt;
  double mu = 0, mv = 0;
  for (std::size_t k = 0; k < u.size(); ++k) mu += u[k] / u.size(), mv += v[k] / u.size();
  double suu = 0, suv = 0;
  for (std::size_t k = 0; k < u.size(); ++k) {
    suu += (u[k] - mu) * (u[k] - mu);
    suv += (u[k] - mu) * (v[k] - mv);
  }
  if (suu <= 0) return std::nullopt;
  return suv / suu;
}

}  // namespace

CrossingTrend crossing_trend(const std::vector<double>& x, const std::vector<double>& y,
                             const std::vector<std::string>& points,
                             const std::vector<double>& along, const AnalysisParameters& p,
                             const std::string& key) {
  CrossingTrend t;
  std::map<double, std::size_t> index;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i]) && along[i] > 0) index[along[i]] = 0;
  for (auto& [value, k] : index) {
    k = t.along.size();
    t.along.push_back(value);
  }
  std::vector<std::size_t> curve_of(x.size(), 0);
  std::vector<std::string> keys;
  std::vector<std::size_t> usable;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::isfinite(x[i]) && along[i] > 0) {
      curve_of[i] = index[along[i]];
      usable.push_back(i);
      keys.push_back(points.empty() ? fmt(along[i], 17) + "|" + fmt(x[i], 17) : points[i]);
    }
  Strata strata = strata_of(keys);
  for (auto& s : strata)
    for (auto& i : s) i = usable[i];
  t.crossing = crossings_of(x, y, curve_of, t.along.size(), usable);
  t.slope = log_slope(t.along, t.crossing);
  t.crossing_interval.assign(t.along.size(), no_interval());
  const ReplicateCount replicates = replicate_count(strata);
  t.enough_replicates = replicates.median >= static_cast<std::size_t>(p.min_replicates);
  const std::size_t curves = t.along.size();
  if (t.enough_replicates && curves > 0) {
    const auto statistics = [&](const std::vector<std::size_t>& chosen) {
      const auto c = crossings_of(x, y, curve_of, curves, chosen);
      std::vector<double> out;
      for (const auto& v : c) out.push_back(v.value_or(std::nan("")));
      out.push_back(log_slope(t.along, c).value_or(std::nan("")));
      // A resample in which a curve that crosses in the data does not cross has no slope
      // comparable with the data's: it counts as undefined.
      for (std::size_t k = 0; k < curves; ++k)
        if (t.crossing[k] && !c[k]) out.back() = std::nan("");
      return out;
    };
    const auto in = bootstrap_intervals(strata, statistics, curves + 1, p, key + "|trend");
    for (std::size_t k = 0; k < curves; ++k)
      if (t.crossing[k]) t.crossing_interval[k] = in[k];
    if (t.slope) t.slope_interval = in[curves];
  }
  std::size_t crossing_curves = 0;
  for (const auto& c : t.crossing) crossing_curves += c.has_value();
  const Interval& s = t.slope_interval;
  if (crossing_curves < 2)
    t.outcome = "undetermined (" + std::to_string(crossing_curves) + " of " +
                std::to_string(curves) + " curves cross 1; a trend needs 2)";
  else if (!t.enough_replicates)
    t.outcome = "undetermined (" + describe(replicates) + ": too few for an interval)";
  else if (!s.valid())
    t.outcome = "undetermined (no slope in the resamples)";
  else if (s.defined_share < 1 - (1 - p.level) / 2)
    t.outcome = "undetermined (every curve crosses in only " + fmt(100 * s.defined_share, 2) +
                "% of resamples)";
  else if (s.lo >= -p.flat_trend && s.hi <= p.flat_trend)
    t.outcome = "flat within +-" + fmt(p.flat_trend);
  else if (s.lo > 0)
    t.outcome = "rises";
  else if (s.hi < 0)
    t.outcome = "falls";
  else
    t.outcome =
        "undetermined (the interval contains 0 and reaches past +-" + fmt(p.flat_trend) + ")";
  return t;
}

std::string trend_verdict(const std::string& subject, const std::string& along_name,
                          const CrossingTrend& t) {
  std::string s = subject + ": the crossing of 1 against " + along_name + ": " + t.outcome;
  if (t.slope)
    s += ": slope of log crossing on log " + along_name + " " +
         with_interval(*t.slope, t.slope_interval, 2);
  s += " over " + std::to_string(t.along.size()) + " curves (";
  for (std::size_t k = 0; k < t.along.size(); ++k) {
    s += (k ? "; " : "") + along_name + " = " + fmt(t.along[k]) + ": ";
    s += t.crossing[k] ? fmt(*t.crossing[k], 2) : "no crossing";
  }
  return s + ")";
}

}  // namespace diffsweep::analysis
