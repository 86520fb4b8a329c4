// Whether a crossing moves with an axis: each curve's crossing of 1 (its median over replicates,
// crossing.hpp), and the least-squares slope of log crossing on log `along` (n, say) across the
// curves, with one bootstrap over replicates for all of them: each resample redraws every curve's
// replicates and recomputes every crossing and the slope, so the slope's interval carries each
// crossing's uncertainty. The trend is its own verdict:
//   "rises" (interval above 0), "falls" (below 0), "flat within +-flat-trend" (the interval
//   inside that band, checked first), else "undetermined"; with fewer than two curves that cross,
//   or too few replicates, undetermined.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/statistics/analysis_parameters.hpp"
#include "analysis/statistics/bootstrap.hpp"

namespace diffsweep::analysis {

struct CrossingTrend {
  std::vector<double> along;                    // one per curve, ascending
  std::vector<std::optional<double>> crossing;  // each curve's median crossing of 1
  std::vector<Interval> crossing_interval;      // bootstrapped
  std::optional<double> slope;                  // d log crossing / d log along
  Interval slope_interval = no_interval();
  bool enough_replicates = false;
  std::string outcome;  // "rises", "falls", "flat within +-0.1", "undetermined (...)"
};

// Per observation: x, y, its sweep point's key (replicates share it) and its curve's `along`
// value (positive).
CrossingTrend crossing_trend(const std::vector<double>& x, const std::vector<double>& y,
                             const std::vector<std::string>& points,
                             const std::vector<double>& along, const AnalysisParameters& p,
                             const std::string& key);

// "<subject>: the crossing of 1 against n: rises: slope of log crossing on log n 0.17 [0.08,
// 0.25] over 3 curves (n = 32: 2.7; n = 64: 3.1; ...)". The crossings' own intervals are in each
// curve's transition verdict.
std::string trend_verdict(const std::string& subject, const std::string& along_name,
                          const CrossingTrend& t);

}  // namespace diffsweep::analysis
