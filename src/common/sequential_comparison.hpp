// The stopping rule of a sequential sweep (docs/methods.md, "Sequential replicates"): two rows
// (two methods) compared on one metric, paired by replicate, get replicates in rounds until their
// verdict is determined or their budget is spent. Pure functions of the results so far, like the
// placement rule of [refine] sweeps: a resumed sweep places exactly the replicates an
// uninterrupted one did.
//
// Looking at the data after every round and stopping at the first clear verdict would inflate the
// error rate: with the fixed 95% interval at each of 5 looks (3, 6, 12, 24, 48 replicates), two
// equal rows are called different in 18% of comparisons, not 5% (this rule: 4.3%; measured in
// tests/common/test_sequential_comparison.cpp). So the looks are fixed before any data
// (`planned_looks`: start, start * growth, ..., budget) and alpha = 1 - confidence is spent over
// them in equal shares: each look's interval is the two-sided Student t interval of the mean
// paired difference at level 1 - alpha / L, for L planned looks. By the union bound, the L
// intervals all cover the true mean difference at once with probability at least `confidence`,
// whatever the dependence between looks (they share their first replicates). Hence, for one
// comparison:
//   - P(the interval reported at the stopping look misses the true difference) <= alpha, though
//     the stopping look depends on the data: every look's interval covers at once;
//   - a false verdict needs that interval to miss (a false "wins" or "loses" has the truth on the
//     other side of 0; a false "ties" has it outside +- margin), so P(any false verdict) <= alpha.
//     One side is sharper: a false "wins" needs some look's interval wholly on one side of the
//     truth, probability <= L * alpha / (2 L) = alpha / 2. When the true difference is not 0 only
//     one of "wins" and "loses" can be false: P(false wins or loses) <= alpha / 2; when it is
//     exactly 0 both can: <= alpha.
// This is a statement per comparison: over many comparisons the expected share of false claims
// is at most alpha, not the chance of any false claim among them.
//
// Why this rule: spending alpha over planned looks by the union bound is valid whatever the
// correlation between looks and needs no bound on the metric or its variance. An anytime-valid
// confidence sequence, which could look after every replicate, needs a known bound on the metric
// or on its variance, which our metrics do not have. The rule's price is the Bonferroni penalty,
// small because geometric looks keep L small: start 5, growth 2, budget 40 looks 4 times, each at
// level 1 - 0.05 / 4 = 0.9875 (t quantile 4.31 instead of 2.78 at 5 pairs, 2.62 instead of 2.02 at
// 40). Like the fixed-n t interval, it assumes the mean paired difference is near normal at each
// look (pairs independent across replicates), and that a point fails independently of its value.
//
// A setting with several comparisons (a reference row against each other row) gets replicates
// while any of its comparisons is not stopped; every unstopped comparison of a setting asks for
// the same count (the next planned look). A stopped comparison stays frozen at its stopping look:
// the later replicates, run for the others, are never used for it. Using them would be one more
// look, unplanned, and the error statement above would no longer hold.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "common/paired_difference.hpp"
#include "common/setting_error.hpp"

namespace diffsweep {

// The compared "axis" of a sweep whose rows are its [case.NAME] sections (the runner reads it
// from the sweep file, the analysis from the stored table of verdicts).
inline constexpr const char* sequential_case_axis = "case";

struct SequentialSettings {
  std::size_t start = 5;        // replicates at the first look (at least 2: a t interval needs 2)
  std::size_t budget = 40;      // replicates at the last look, most a comparison gets
  double growth = 2;            // each look's replicates are the previous look's times growth
  double confidence = 0.95;     // of the verdict: P(the reported interval misses) <= 1 - confidence
  double margin = 0.1;          // "ties": the interval within +- margin, or when relative within
  bool relative_margin = true;  // +- margin * |median of row b's values over the pairs used|
  bool higher_is_better = false;
};

// Settings no comparison can use; `setting` names the one at fault (start, budget, growth,
// confidence or margin).
using SequentialSettingsError = SettingError;

// Throws SequentialSettingsError for settings no comparison can use, including settings that
// plan more than 64 looks (growth too close to 1 for the budget: each look would get less than
// 1/64 of the error rate, and the intervals would be wide for nothing).
void check_sequential_settings(const SequentialSettings& settings);

// The replicate counts at which the data are looked at, fixed before any data:
// n_1 = start, n_{k+1} = min(budget, max(n_k + 1, ceil(n_k * growth))), the last one budget.
// start 5, growth 2, budget 40: 5, 10, 20, 40.
std::vector<std::size_t> planned_looks(const SequentialSettings& settings);

// The level of each look's two-sided interval: 1 - (1 - confidence) / L over L planned looks.
double look_level(const SequentialSettings& settings);

// wins, loses, ties, undetermined: the words and rule of the analysis's paired comparison, at
// each look's level.
using SequentialOutcome = PairedVerdict;

struct SequentialVerdict {
  bool stopped = false;     // no more replicates for this comparison: determined or at budget
  bool determined = false;  // wins, loses or ties
  SequentialOutcome outcome = SequentialOutcome::undetermined;
  // Of the stopping look when stopped, else of the last look reached (all 0 before the first):
  std::size_t replicates = 0;  // the look's replicate count n_k (pairs: those with both sides
  std::size_t pairs = 0;       // finite among the first n_k replicates)
  std::size_t looks_used = 0;  // the look's 1-based index among the planned looks
  std::size_t looks_planned = 0;
  double mean = 0;                  // of a - b over the pairs (NaN with none)
  double lo = 0, hi = 0;            // its interval at `level` (NaN under 2 pairs)
  double margin = 0;                // the tie margin, absolute (relative: NaN with no pairs)
  double level = 0;                 // of each look's interval
  std::size_t next_replicates = 0;  // not stopped: the replicates the next look needs; else 0
  std::string why;                  // stopped undetermined: "budget reached"
};

// a[r], b[r]: replicate r's values of the two rows, in replicate order, for a prefix of
// consecutive finished replicates (NaN or inf where a point failed: that pair is left out). Walks
// the planned looks n_k <= a.size(); the first whose verdict is determined stops and freezes the
// comparison. Reaching the last planned look undetermined stops it too. a and b must have the
// same size (std::invalid_argument); replicates past the budget are never used.
SequentialVerdict replay_sequential(const SequentialSettings& settings,
                                    const std::vector<double>& a, const std::vector<double>& b);

}  // namespace diffsweep
