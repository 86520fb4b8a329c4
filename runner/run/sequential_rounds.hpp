// The rounds of a [sequential] sweep, as the results so far give them: for every setting of the
// other axes, each comparison's stopping rule (common/sequential_comparison.hpp) replayed from
// the replicates that finished, so the replicates placed next are the same whether the sweep ran
// without a break or was killed and resumed, on any number of ranks. A comparison sees the
// replicates finished (done, failed or diverged) on both its rows, from the first on.
#pragma once

#include <string>
#include <vector>

#include "common/sequential_comparison.hpp"
#include "runner/store/results_store.hpp"

namespace diffsweep {

struct SettingReplay {
  std::size_t setting = 0;
  std::size_t placed = 0;  // replicates placed on each of its rows so far
  struct Comparison {
    std::size_t a = 0, b = 0;  // the rows compared (a - b), positions in the setting
    SequentialVerdict verdict;
  };
  std::vector<Comparison> comparisons;  // empty: a setting with nothing to compare
};

// The pairs a setting compares (verdicts not yet replayed): the reference row against each other
// row, or every pair, a before b in the order the rows appear.
std::vector<SettingReplay::Comparison> comparison_pairs(
    const SequentialSpec& spec, const std::vector<Sweep::SequentialRow>& rows);

// Every setting's comparisons, in setting order.
std::vector<SettingReplay> replay_comparisons(const ResultsStore& store);

// Plans the replicates the rounds placed so far on every row of every setting, and records each
// comparison's state in the store for the results file.
void advance_comparisons(ResultsStore& store);

// The points of a fixed design at the budget: every row of every setting at `budget` replicates
// (the sweep's size).
std::size_t comparisons_budget(const Sweep& sweep);

// One line per comparison: its setting, the rows, the outcome, after how many replicates (or that
// the budget was reached), the interval of the mean paired difference.
std::string describe_comparisons(const Sweep& sweep, const std::vector<SettingReplay>& replays);

// The same as a tab-separated table with a header line, for the file's `sequential_table`
// attribute (its columns: docs/results-format.md).
std::string comparisons_table(const Sweep& sweep, const std::vector<SettingReplay>& replays);

}  // namespace diffsweep
