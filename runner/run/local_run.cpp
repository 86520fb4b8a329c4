#include "runner/run/local_run.hpp"

#include "runner/run/point_execution.hpp"
#include "runner/run/refinement.hpp"
#include "runner/run/stop_signal.hpp"

namespace diffsweep {

bool run_local(Experiment& experiment, const Sweep& sweep, ResultsStore& store, Progress& progress,
               bool reseed) {
  ProgressCounts counts;
  const std::string host = host_name();
  // A [refine] sweep goes round after round: each pass runs what the rounds placed so far.
  for (bool ran = true; ran && !stop_requested();) {
    ran = false;
    advance_rounds(store);
    for (std::size_t i = 0; i < sweep.size() && store.planned_left() > 0; ++i) {
      if (is_finished(store.status(i)) || !store.selected(i)) continue;
      if (stop_requested()) break;
      const std::uint32_t attempt = store.next_attempt(i);
      store.mark_running(i, 0);
      store.add(
          execute_point(experiment, sweep.point(i, attempt, reseed), sweep.spec.seed, 0, host));
      ran = sweep.refine.has_value();
      counts.ran = store.run_counts();
      progress.update(counts);
    }
  }
  counts.ran = store.run_counts();
  progress.finish(counts);
  return store.planned_left() == 0;
}

}  // namespace diffsweep
