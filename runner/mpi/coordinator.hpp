// Rank 0 of an MPI run: hands out points to workers as they ask (dynamic scheduling, so slow and
// fast points mix well), and is the only writer of the results.
//
// Protocol (tags in transport.hpp, encoding in work_batch.hpp): a worker sends `ready` once,
// then a `result` after every batch of points (their records), which is also its next request.
// The coordinator answers with `work`, a batch of (point index, attempt) pairs, or holds the worker
// idle when nothing is left, and sends `stop` to every worker when the sweep ends. A batch is one
// point until points are seen to be short; then as many as take about 50 ms (at most a quarter of a
// worker's share of what is left), so rank 0 answers a few dozen messages a second per worker
// however short the points are. Idle workers wait in a sleeping probe loop, not in
// MPI_Finalize, which would spin.
#pragma once

#include "runner/cli/progress.hpp"
#include "runner/mpi/transport.hpp"
#include "runner/store/results_store.hpp"

namespace diffsweep {

struct CoordinatorOutcome {
  bool complete = false;       // every planned point finished
  std::size_t still_busy = 0;  // workers still running a point when a stop's grace ran out
  std::vector<int> lost;       // workers taken as lost (below) and not heard from again
};

struct CoordinatorTimes {
  // On SIGINT/SIGTERM: no more work goes out, and running points get this long to finish.
  double stop_grace_seconds = 20;
  // A worker that owes rank 0 a message (its first request, or the records of a batch) and has
  // sent nothing, not even a heartbeat, for this long is taken as lost: its node died. Its points
  // go to the other workers and nothing more waits for it; should it speak again, it is back
  // (its records count if no one finished those points first). Infinite when workers send no
  // heartbeats.
  double lost_after_seconds = 30;
};

// Workers still busy after a stop's grace, and lost ones, are left to the caller (who aborts the
// job: MPI_Finalize would wait for them). The workers are ranks 1..workers of `transport`.
CoordinatorOutcome coordinate(ResultsStore& store, Progress& progress, mpi::Transport& transport,
                              int workers, const CoordinatorTimes& times);

}  // namespace diffsweep
