// Rank 0 of an MPI run: hands out points to workers as they ask (dynamic scheduling, so slow and
// fast points mix well), and is the only writer of the results.
//
// Protocol (tags in mpi_session.hpp): a worker sends `ready` once, then a `result` (an encoded
// PointRecord) after every point, which is also its next request. The coordinator answers each
// with `work` (the point's index, 8 bytes) or holds the worker idle when nothing is left, and sends
// `stop` to every worker when the sweep ends. Idle workers wait in a sleeping probe loop, not in
// MPI_Finalize, which would spin.
#pragma once

#include "runner/cli/progress.hpp"
#include "runner/store/results_store.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

struct CoordinatorOutcome {
  bool complete = false;       // every point finished
  std::size_t still_busy = 0;  // workers still running a point when a stop's grace ran out
};

// On SIGINT/SIGTERM: stops handing out work and waits up to `stop_grace_seconds` for running
// points. Workers still busy after that are left to the caller (who aborts the job).
CoordinatorOutcome coordinate(const Sweep& sweep, ResultsStore& store, Progress& progress,
                              int workers, double stop_grace_seconds);

}  // namespace diffsweep
