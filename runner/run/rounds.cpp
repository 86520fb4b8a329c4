#include "runner/run/rounds.hpp"

#include "runner/run/refinement.hpp"
#include "runner/run/sequential_rounds.hpp"

namespace diffsweep {

void advance_rounds(ResultsStore& store) {
  if (store.sweep().refine) advance_searches(store);
  if (store.sweep().sequential) advance_comparisons(store);
}

std::size_t progress_total(const ResultsStore& store) {
  const Sweep& sweep = store.sweep();
  if (sweep.refine) return searches_budget(sweep);
  if (sweep.sequential) return comparisons_budget(sweep);
  return store.planned_count();
}

}  // namespace diffsweep
