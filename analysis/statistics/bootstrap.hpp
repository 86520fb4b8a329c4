// The bootstrap over replicates that every fitted slope, crossing, transition width and median in
// a report states as its interval.
//
// The unit that is resampled is the replicate: observations are grouped into strata, one per
// sweep point (its replicates differ only in their seed), and each resample redraws every point's
// replicates with replacement, so the design (which x values were swept, how many points each)
// stays as it was. A point with k replicates gets k - 1 draws (the "n - 1 bootstrap"): the
// variance of a resampled mean is then s^2 / k, the unbiased estimate, where k draws would give
// s^2 (k - 1) / k^2 -- too narrow by a factor 2/3 at the 3 replicates our sweeps have. A point with
// one replicate is kept as it is: it tells nothing about spread.
//
// The interval is the percentile interval of the resampled statistic. Each interval draws from its
// own stream, derive_seed(seed, fnv1a64(key)), keyed by what it is the interval of, so one
// verdict's numbers do not depend on which other verdicts were computed, or in which order.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "analysis/statistics/analysis_parameters.hpp"

namespace diffsweep::analysis {

struct Interval {
  double lo, hi;  // NaN when not computed
  // Share of resamples in which the statistic was defined (e.g. the curve still crossed 1).
  double defined_share = 0;
  bool valid() const;
  bool contains(double v) const { return valid() && lo <= v && v <= hi; }
};
Interval no_interval();

// Indices of observations, one vector per sweep point.
using Strata = std::vector<std::vector<std::size_t>>;

// Observations with equal keys share a stratum; strata in order of first appearance.
Strata strata_of(const std::vector<std::string>& keys);

// How many replicates the strata have.
struct ReplicateCount {
  std::size_t points = 0, fewest = 0, median = 0, most = 0;
};
ReplicateCount replicate_count(const Strata& strata);
// "3 replicates per point" or "2-5 replicates per point (median 3)".
std::string describe(const ReplicateCount& c);

// A statistic of the observations chosen by one resample (indices may repeat); NaN when it is not
// defined for that resample. Several statistics may come from one resample.
using Statistics = std::function<std::vector<double>(const std::vector<std::size_t>& chosen)>;

// One interval per statistic, from p.resamples resamples at p.level.
std::vector<Interval> bootstrap_intervals(const Strata& strata, const Statistics& statistics,
                                          std::size_t count, const AnalysisParameters& p,
                                          const std::string& key);

// The interval of the median of `values` (one stratum per distinct key).
Interval median_interval(const std::vector<double>& values, const Strata& strata,
                         const AnalysisParameters& p, const std::string& key);

// What a median_interval at p.level really covers with `replicates` replicates: the share of
// simulated samples (normal draws, a fixed seed) whose interval holds the true median. With few
// replicates the resampled medians take few values, and the interval is near their range (3
// replicates: about 75% where 95% is nominal).
double median_interval_coverage(std::size_t replicates, const AnalysisParameters& p);

// ", covering the true median in about 75% of sweeps at 3 replicates per point" where the
// coverage at the fewest replicates (two or more) is more than 2 points below p.level; else "".
std::string median_coverage_note(const ReplicateCount& c, const AnalysisParameters& p);
// The level a caption gives the medians' intervals: "95%", or "nominal 95%" where
// median_coverage_note says their real coverage falls short of it.
std::string median_interval_level(const ReplicateCount& c, const AnalysisParameters& p);

}  // namespace diffsweep::analysis
