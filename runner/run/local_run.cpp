#include "runner/run/local_run.hpp"

#include "runner/run/point_execution.hpp"
#include "runner/run/stop_signal.hpp"

namespace diffsweep {

bool run_local(Experiment& experiment, const Sweep& sweep, ResultsStore& store,
               Progress& progress) {
  ProgressCounts counts{count_statuses(store.records())};
  for (const auto& point : sweep.points) {
    if (is_finished(store.records()[point.index].status)) continue;
    if (stop_requested()) return false;
    store.mark_running(point.index, 0);
    const PointRecord record = execute_point(experiment, point, sweep.spec.seed, 0);
    store.add(record);
    counts.statuses.add(record.status);
    progress.update(counts);
  }
  progress.finish(counts);
  return true;
}

}  // namespace diffsweep
