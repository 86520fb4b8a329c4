#include "analysis/statistics/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>

#include "analysis/report/report.hpp"
#include "analysis/statistics/replicate_stats.hpp"
#include "common/seeding.hpp"

namespace diffsweep::analysis {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

}  // namespace

bool Interval::valid() const { return std::isfinite(lo) && std::isfinite(hi); }

Interval no_interval() { return {nan, nan, 0}; }

Strata strata_of(const std::vector<std::string>& keys) {
  std::map<std::string, std::size_t> index;
  Strata strata;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const auto [it, added] = index.try_emplace(keys[i], strata.size());
    if (added) strata.emplace_back();
    strata[it->second].push_back(i);
  }
  return strata;
}

ReplicateCount replicate_count(const Strata& strata) {
  ReplicateCount c;
  c.points = strata.size();
  if (strata.empty()) return c;
  std::vector<std::size_t> sizes;
  for (const auto& s : strata) sizes.push_back(s.size());
  std::sort(sizes.begin(), sizes.end());
  c.fewest = sizes.front();
  c.median = sizes[sizes.size() / 2];
  c.most = sizes.back();
  return c;
}

std::string describe(const ReplicateCount& c) {
  if (c.points == 0) return "no points";
  if (c.fewest == c.most)
    return std::to_string(c.most) + (c.most == 1 ? " replicate" : " replicates") + " per point";
  return std::to_string(c.fewest) + "-" + std::to_string(c.most) +
         " replicates per point (median " + std::to_string(c.median) + ")";
}

namespace {

// One resample: each stratum's draws (k - 1 of its k replicates; a lone replicate as it is),
// appended to `chosen`.
void draw_resample(const Strata& strata, std::mt19937_64& rng, std::vector<std::size_t>& chosen) {
  chosen.clear();
  for (const auto& s : strata) {
    if (s.size() == 1) {
      chosen.push_back(s.front());
      continue;
    }
    std::uniform_int_distribution<std::size_t> pick(0, s.size() - 1);
    for (std::size_t k = 0; k + 1 < s.size(); ++k) chosen.push_back(s[pick(rng)]);
  }
}

// The percentile interval of a statistic's defined (finite) draws out of p.resamples.
Interval percentile_interval(std::vector<double>& d, const AnalysisParameters& p) {
  Interval in = no_interval();
  in.defined_share = static_cast<double>(d.size()) / p.resamples;
  if (!d.empty()) {
    in.lo = quantile_in_place(d, (1 - p.level) / 2);
    in.hi = quantile_in_place(d, (1 + p.level) / 2);
  }
  return in;
}

}  // namespace

std::vector<Interval> bootstrap_intervals(const Strata& strata, const Statistics& statistics,
                                          std::size_t count, const AnalysisParameters& p,
                                          const std::string& key) {
  std::mt19937_64 rng(derive_seed(p.seed, fnv1a64(key)));
  std::vector<std::vector<double>> draws(count);
  std::vector<std::size_t> chosen;
  for (int b = 0; b < p.resamples; ++b) {
    draw_resample(strata, rng, chosen);
    const std::vector<double> values = statistics(chosen);
    for (std::size_t j = 0; j < count && j < values.size(); ++j)
      if (std::isfinite(values[j])) draws[j].push_back(values[j]);
  }
  std::vector<Interval> out;
  for (auto& d : draws) out.push_back(percentile_interval(d, p));
  return out;
}

// bootstrap_intervals of the median, without its per-resample allocations: a curve of many x
// values has one of these per value.
Interval median_interval(const std::vector<double>& values, const Strata& strata,
                         const AnalysisParameters& p, const std::string& key) {
  std::mt19937_64 rng(derive_seed(p.seed, fnv1a64(key)));
  std::vector<double> draws, v;
  std::vector<std::size_t> chosen;
  for (int b = 0; b < p.resamples; ++b) {
    draw_resample(strata, rng, chosen);
    v.clear();
    for (auto i : chosen) v.push_back(values[i]);
    const double m = median_in_place(v);
    if (std::isfinite(m)) draws.push_back(m);
  }
  return percentile_interval(draws, p);
}

double median_interval_coverage(std::size_t replicates, const AnalysisParameters& p) {
  constexpr int samples = 400;  // the share to about +-2 points
  std::mt19937_64 rng(derive_seed(p.seed, fnv1a64("median interval coverage")));
  std::normal_distribution<double> normal(0.0, 1.0);
  Strata one(1);
  for (std::size_t k = 0; k < replicates; ++k) one.front().push_back(k);
  int covered = 0;
  std::vector<double> values(replicates);
  for (int s = 0; s < samples; ++s) {
    for (auto& v : values) v = normal(rng);
    covered += median_interval(values, one, p, "coverage " + std::to_string(s)).contains(0.0);
  }
  return static_cast<double>(covered) / samples;
}

std::string median_coverage_note(const ReplicateCount& c, const AnalysisParameters& p) {
  // Points with a single replicate have no interval: the fewest that have one say the coverage.
  const std::size_t k = c.fewest >= 2 ? c.fewest : c.median;
  if (k < 2) return "";
  const double coverage = median_interval_coverage(k, p);
  if (coverage >= p.level - 0.02) return "";
  return ", covering the true median in about " + std::to_string(std::lround(100 * coverage)) +
         "% of sweeps at " + std::to_string(k) + " replicates per point";
}

std::string median_interval_level(const ReplicateCount& c, const AnalysisParameters& p) {
  return (median_coverage_note(c, p).empty() ? "" : "nominal ") + fmt(100 * p.level) + "%";
}

}  // namespace diffsweep::analysis
