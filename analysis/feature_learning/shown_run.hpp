// The one run per grid point that the feature-learning figures show: the largest n's first
// replicate, so every shown run saw the most data and the same seed.
#pragma once

#include <algorithm>
#include <vector>

#include "analysis/report/results_table.hpp"
#include "feature_learning/feature_learning_names.hpp"

namespace diffsweep::analysis {

// Its n and replicate, and its row at each grid point.
struct ShownRun {
  double n = 0, replicate = 0;
  std::vector<std::size_t> rows;
};

inline ShownRun largest_n_first_replicate(const ResultsTable& t,
                                          const std::vector<std::size_t>& rows) {
  const auto& n = t.numbers(feature_learning::names::param::n);
  const auto& rep = t.numbers(results::column::replicate);
  ShownRun s{-1, 1e300, {}};
  for (auto i : rows) s.n = std::max(s.n, n[i]);
  for (auto i : rows)
    if (n[i] == s.n) s.replicate = std::min(s.replicate, rep[i]);
  for (auto i : rows)
    if (n[i] == s.n && rep[i] == s.replicate) s.rows.push_back(i);
  return s;
}

}  // namespace diffsweep::analysis
