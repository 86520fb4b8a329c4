#include "runner/run/local_run.hpp"

#include "runner/run/point_execution.hpp"
#include "runner/run/stop_signal.hpp"

namespace diffsweep {

bool run_local(Experiment& experiment, const Sweep& sweep, ResultsStore& store,
               Progress& progress) {
  ProgressCounts counts{store.counts()};
  for (std::size_t i = 0; i < sweep.size(); ++i) {
    if (is_finished(store.status(i))) continue;
    if (stop_requested()) return false;
    store.mark_running(i, 0);
    store.add(execute_point(experiment, sweep.point(i), sweep.spec.seed, 0));
    counts.statuses = store.counts();
    progress.update(counts);
  }
  counts.statuses = store.counts();
  progress.finish(counts);
  return true;
}

}  // namespace diffsweep
