// The noise floor: exact_target and TGDP with the exact guidance should be as close to the target
// as a second true sample is, so their mmd is tested against mmd_floor, paired by replicate.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "analysis/transfer/transfer_rows.hpp"

namespace diffsweep::analysis {

// Comparisons of one pair at every n_target, collapsed into one when they are all the same (rows
// that do not use the target data give the same numbers at every n_target).
struct PerN {
  std::vector<std::pair<double, Comparison>> at;
  bool same_everywhere() const;
};

// Method row k's mmd against its own mmd_floor at each n_target with pairs: "ties" is at the
// floor, "loses" above it.
PerN floor_comparisons(const TransferRows& d, std::size_t k);

// "at the floor", "above the floor", "below the floor", else the outcome's own word.
std::string floor_word(Outcome o);

// The floor verdicts, their claim and what they leave undetermined.
void floor_verdicts(const TransferRows& d, Report& r);

}  // namespace diffsweep::analysis
