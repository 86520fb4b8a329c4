// Memorisation (docs/methods.md, 2.9): nn_ratio, the median distance of generated samples to their
// nearest target training point over the same for fresh true samples, per row and n_target, with
// its control nn_heldout_ratio (the same distance over that to as many fresh true points), which
// separates copying from mere concentration: samples more concentrated than the target's are
// nearer to every typical point, training points or not.
#pragma once

#include <optional>

#include "analysis/transfer/transfer_rows.hpp"

namespace diffsweep::analysis {

enum class Memorisation {
  does_not,              // nn_ratio's interval at or above the threshold
  memorises,             // nn_ratio's interval below it, and the control's too
  concentrated,          // nn_ratio's below, the control's at or above: not copying
  undetermined,          // an interval reaches across the threshold
  control_undetermined,  // nn_ratio's below, the control's across the threshold
  too_few,               // fewer replicates than min_replicates: no interval
};

// The outcome from the geometric means' intervals (Student's t on the log ratio); `control`
// absent in a file written before nn_heldout_ratio, where copying and concentration look alike.
Memorisation memorisation_outcome(const MeanInterval& ratio,
                                  const std::optional<MeanInterval>& control, double threshold);

struct MemorisationAt {
  MeanInterval ratio;                   // nn_ratio's geometric mean and interval (n: replicates)
  std::optional<MeanInterval> control;  // nn_heldout_ratio's, when the file has it
  Memorisation outcome = Memorisation::too_few;
};

// Method row k at n_target n; ratio.n == 0 when it has no nn_ratio there.
MemorisationAt memorisation_at(const TransferRows& d, std::size_t k, double n);

// The verdicts per row and n_target, their count, the claim and the notes of a file without the
// ratios.
void memorisation_verdicts(const TransferRows& d, Report& r);

}  // namespace diffsweep::analysis
