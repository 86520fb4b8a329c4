// The single-process run: this process runs every pending point itself, in index order.
#pragma once

#include "common/experiment.hpp"
#include "runner/cli/progress.hpp"
#include "runner/store/results_store.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

// Returns true when every point finished, false when a stop signal ended the run early.
bool run_local(Experiment& experiment, const Sweep& sweep, ResultsStore& store, Progress& progress);

}  // namespace diffsweep
