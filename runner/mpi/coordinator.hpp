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
};

// On SIGINT/SIGTERM: stops handing out work and waits up to `stop_grace_seconds` for running
// points. Workers still busy after that are left to the caller (who aborts the job). The workers
// are ranks 1..workers of `transport`.
CoordinatorOutcome coordinate(ResultsStore& store, Progress& progress, mpi::Transport& transport,
                              int workers, double stop_grace_seconds);

}  // namespace diffsweep
