// Ranks 1..N-1 of an MPI run: ask rank 0 for a point, run it, send back the record, repeat until
// told to stop. A point's exceptions and NaNs are caught here (execute_point) and sent back as
// failed or diverged records, so one bad point never ends the job.
#pragma once

#include "common/experiment.hpp"
#include "runner/mpi/transport.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

// `reseed`: a retried point runs with a seed of its own attempt (Sweep::point). `heartbeat`:
// points run on a second thread (always the same one, so a program's thread-local state lasts
// from point to point) while this one, the only one that talks to rank 0, sends a heartbeat
// every mpi::heartbeat_seconds; without it (MPI gave no second thread) points run on this one.
void serve_points(Experiment& experiment, const Sweep& sweep, int rank, bool reseed,
                  mpi::Transport& transport, bool heartbeat);

}  // namespace diffsweep
