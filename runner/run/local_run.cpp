#include "runner/run/local_run.hpp"

#include <vector>

#include "runner/run/clock.hpp"
#include "runner/run/point_execution.hpp"
#include "runner/run/rounds.hpp"
#include "runner/run/stop_signal.hpp"

namespace diffsweep {

namespace {

// Finished points go to the store (one journal write) in batches: one write per point was a
// fifth of the run for points that take microseconds. A batch is written once this long has
// passed since its first point started, so a kill loses at most that much finished work besides
// the point then running (which may be a slow one that the batch's fast points wait behind).
constexpr double batch_seconds = 0.05;
constexpr std::size_t batch_points = 4096;
// Points announced to the experiment at once (Experiment::announce): an external program then
// works through their requests while this process stores the replies before them.
constexpr std::size_t points_ahead = 256;

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
    std::vector<SweepPoint> upcoming;
    for (std::size_t next = 0; !stop_requested();) {
      upcoming.clear();
      for (; next < sweep.size() && upcoming.size() < points_ahead &&
             store.planned_left() > batch.size() + upcoming.size();
           ++next) {
        const std::size_t i = dispatch_index(sweep, next);
        if (!is_finished(store.status(i)) && store.selected(i))
          upcoming.push_back(sweep.point(i, store.next_attempt(i), reseed));
      }
      if (upcoming.empty()) break;
      announce_points(experiment, upcoming, sweep.spec.seed);
      for (const SweepPoint& point : upcoming) {
        if (stop_requested()) break;
        store.mark_running(point.index, 0);
        if (batch.empty()) batch_start = now_seconds();
        batch.push_back(execute_point(experiment, point, sweep.spec.seed, 0, host));
        ran = store.adaptive();
        if (batch.size() >= batch_points || now_seconds() - batch_start >= batch_seconds) flush();
      }
    }
    // The next round is planned from the results, so they are all in the store first.
    flush();
  }
  counts.ran = store.run_counts();
  progress.finish(counts);
  return store.planned_left() == 0;
}

}  // namespace diffsweep
