// Plain TGDP against its baselines (target_only, finetune, source_only) and the exact ratio, per
// n_target: mmd as verdicts, every metric both rows have in a table.
#pragma once

#include <string>
#include <vector>

#include "analysis/transfer/transfer_rows.hpp"

namespace diffsweep::analysis {

struct BaselineComparison {
  std::string column, value;  // how the baseline row is found: ("method", "target_only")
  std::size_t row = 0;        // its method row
  Comparison mmd;             // plain TGDP minus the baseline, paired by replicate
};

// Plain TGDP (method row `tgdp`) against each baseline of its own setting at n_target n, on mmd.
// Rows of another setting saw other target data, so they are never paired with it.
std::vector<BaselineComparison> baseline_comparisons(const TransferRows& d, std::size_t tgdp,
                                                     double n);

// The verdicts, their claim, and the table of every metric.
void baseline_verdicts(const TransferRows& d, Report& r);

}  // namespace diffsweep::analysis
