// The single-process run: this process runs the store's planned points itself, in index order.
#pragma once

#include "common/experiment.hpp"
#include "runner/cli/progress.hpp"
#include "runner/store/results_store.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

// Returns true when every planned point finished, false when a stop signal ended the run early.
// `reseed`: a retried point runs with a seed of its own attempt (Sweep::point).
bool run_local(Experiment& experiment, const Sweep& sweep, ResultsStore& store, Progress& progress,
               bool reseed);

}  // namespace diffsweep
