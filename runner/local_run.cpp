#include "local_run.hpp"

#include "point_execution.hpp"
#include "stop_signal.hpp"

namespace diffsweep {

ProgressCounts count_progress(const std::vector<PointRecord>& records) {
  ProgressCounts c;
  for (const auto& r : records) {
    c.finished += is_finished(r.status);
    c.failed += r.status == PointStatus::failed;
    c.diverged += r.status == PointStatus::diverged;
  }
  return c;
}

bool run_local(Experiment& experiment, const Sweep& sweep, ResultsStore& store,
               Progress& progress) {
  ProgressCounts counts = count_progress(store.records());
  for (const auto& point : sweep.points) {
    if (is_finished(store.records()[point.index].status)) continue;
    if (stop_requested()) return false;
    store.mark_running(point.index, 0);
    const PointRecord record = execute_point(experiment, point, sweep.spec.seed, 0);
    store.add(record);
    ++counts.finished;
    counts.failed += record.status == PointStatus::failed;
    counts.diverged += record.status == PointStatus::diverged;
    progress.update(counts);
  }
  progress.finish(counts);
  return true;
}

}  // namespace diffsweep
