#include "runner/run/rounds.hpp"

#include "runner/run/refinement.hpp"
#include "runner/run/sequential_rounds.hpp"

namespace diffsweep {

void advance_rounds(ResultsStore& store) {
  if (store.sweep().refine) advance_searches(store);
  if (store.sweep().sequential) advance_comparisons(store);
}

std::size_t dispatch_index(const Sweep& sweep, std::size_t position) {
  if (!sweep.sequential) return position;
  // Every block has the sweep's replicates, so point g * R + r is replicate r of grid point g.
  const auto replicates = static_cast<std::size_t>(sweep.spec.replicates);
  const std::size_t grid_points = sweep.size() / replicates;
  return (position % grid_points) * replicates + position / grid_points;
}

std::size_t progress_total(const ResultsStore& store) {
  const Sweep& sweep = store.sweep();
  if (sweep.refine) return searches_budget(sweep);
  if (sweep.sequential) return comparisons_budget(sweep);
  return store.planned_count();
}

}  // namespace diffsweep
