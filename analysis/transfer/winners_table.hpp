// Which method wins where, by paired tests: every plain row a user can run, learned or not
// (source_only, which ignores the target data, can beat every learned method at small n_target),
// and beside it each reference row (exact_target, the oracles: what is reachable with exact
// knowledge) against that winner. Rows of different settings are never compared.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/transfer/transfer_rows.hpp"

namespace diffsweep::analysis {

struct Winner {
  std::optional<std::size_t> best;  // the candidate with the best median; none without values
  // The best row against each other candidate that has the metric, paired by replicate.
  std::vector<std::pair<std::size_t, Comparison>> against;
  bool wins_against_all() const;
};

// Among `candidates` at n on `metric`: the best median is a guess, the paired tests against every
// other candidate say whether it is a win.
Winner winner_at(const TransferRows& d, const std::vector<std::size_t>& candidates, double n,
                 const MetricInfo& metric);

// The table's markdown section, "" when no setting has two runnable rows to compare.
std::string winners_table(const TransferRows& d, Report& r);

}  // namespace diffsweep::analysis
