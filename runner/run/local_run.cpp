#include "runner/run/local_run.hpp"

#include <vector>

#include "runner/run/clock.hpp"
#include "runner/run/point_execution.hpp"
#include "runner/run/rounds.hpp"
#include "runner/run/stop_signal.hpp"

namespace diffsweep {

namespace {

// Finished points go to the store (one journal write) in batches: one write per point was a
// fifth of the run for points that take microseconds. A batch is held at most this long, so a
// kill re-runs at most that much work on resume; a point that takes longer is written alone.
constexpr double batch_seconds = 0.05;
constexpr std::size_t batch_points = 4096;

}  // namespace

bool run_local(Experiment& experiment, const Sweep& sweep, ResultsStore& store, Progress& progress,
               bool reseed) {
  ProgressCounts counts;
  const std::string host = host_name();
  std::vector<PointRecord> batch;
  double batch_start = 0;
  auto flush = [&] {
    if (batch.empty()) return;
    store.add(batch);
    batch.clear();
    counts.ran = store.run_counts();
    progress.update(counts);
  };
  // A [refine] sweep goes round after round: each pass runs what the rounds placed so far.
  for (bool ran = true; ran && !stop_requested();) {
    ran = false;
    advance_rounds(store);
    for (std::size_t k = 0; k < sweep.size() && store.planned_left() > batch.size(); ++k) {
      const std::size_t i = dispatch_index(sweep, k);
      if (is_finished(store.status(i)) || !store.selected(i)) continue;
      if (stop_requested()) break;
      const std::uint32_t attempt = store.next_attempt(i);
      store.mark_running(i, 0);
      if (batch.empty()) batch_start = now_seconds();
      batch.push_back(
          execute_point(experiment, sweep.point(i, attempt, reseed), sweep.spec.seed, 0, host));
      ran = store.adaptive();
      if (batch.size() >= batch_points || now_seconds() - batch_start >= batch_seconds) flush();
    }
    // The next round is planned from the results, so they are all in the store first.
    flush();
  }
  counts.ran = store.run_counts();
  progress.finish(counts);
  return store.planned_left() == 0;
}

}  // namespace diffsweep
