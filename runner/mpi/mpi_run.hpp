// `mpirun -n N diffsweep SWEEP`: rank 0 coordinates and writes, ranks 1..N-1 run points. With
// N = 1 the single-process run is used. The results equal the single-process run's for every
// metric of every point: points are seeded from their ids, never from the rank.
#pragma once

#include "runner/cli/cli_options.hpp"

namespace diffsweep {

int run_over_mpi(const CliOptions& options, int& argc, char**& argv);

}  // namespace diffsweep
