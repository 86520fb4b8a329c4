// The single-process run: this process runs every pending point itself, in index order.
#pragma once

#include "experiment.hpp"
#include "progress.hpp"
#include "results_store.hpp"
#include "sweep_expansion.hpp"

namespace diffsweep {

// Returns true when every point finished, false when a stop signal ended the run early.
bool run_local(Experiment& experiment, const Sweep& sweep, ResultsStore& store, Progress& progress);

}  // namespace diffsweep
