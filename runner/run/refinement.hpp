// The rounds of a [refine] sweep, as the results so far give them: for every combination of the
// other axes, the crossing search (common/crossing_search.hpp) replayed from the points that
// finished, so the points placed next are the same whether the sweep ran without a break or
// was killed and resumed, on any number of ranks. A lattice value counts once every replicate
// of it has finished (done, failed or diverged).
#pragma once

#include <vector>

#include "common/crossing_search.hpp"
#include "runner/store/results_store.hpp"

namespace diffsweep {

struct GroupSearch {
  std::size_t group = 0;
  RoundReplay replay;
};

// Every combination's search, in combination order.
std::vector<GroupSearch> replay_searches(const ResultsStore& store);

// Plans every point (each replicate of each lattice value) the rounds placed so far, finished or
// not, and records each search's state in the store for the results file (a [refine] sweep).
void advance_searches(ResultsStore& store);

// The most points the searches' budget allows (their rounds end sooner when the searches do).
std::size_t searches_budget(const Sweep& sweep);

// One line per combination: its other axes' values, the outcome, the interval and estimate,
// how many lattice values and rounds it used, and what a grid of equal resolution would take.
std::string describe_searches(const Sweep& sweep, const std::vector<GroupSearch>& searches);

// The same as a tab-separated table with a header line, for the file's `refine_table` attribute
// (its columns: docs/results-format.md).
std::string searches_table(const Sweep& sweep, const std::vector<GroupSearch>& searches);

}  // namespace diffsweep
