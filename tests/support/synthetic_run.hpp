// A synthetic sweep run by this process into a results file, as `diffsweep` would run it, for the
// tests of what reads, merges or exports one.
#pragma once

#include <cstdio>
#include <string>
#include <utility>

#include "runner/cli/progress.hpp"
#include "runner/run/local_run.hpp"
#include "runner/run/point_selection.hpp"
#include "runner/run/rounds.hpp"
#include "runner/store/results_store.hpp"
#include "runner/sweep/sweep_expansion.hpp"
#include "runner/sweep/sweep_file.hpp"
#include "synthetic/synthetic_experiment.hpp"

namespace diffsweep::test {

// The sweep of a file named s.ini holding `text`.
inline Sweep synthetic_sweep(const Experiment& e, const std::string& text) {
  return expand_sweep(parse_sweep_text("s.ini", text), e);
}

// Runs the points `selection` picks into `out`; returns whether every one of them finished.
inline bool run_synthetic(const std::string& out, const Sweep& sweep,
                          PointSelection selection = {}) {
  SyntheticExperiment e;
  ResultsStore store(out, sweep, RunInfo{}, false);
  store.plan(std::move(selection), {});
  Progress progress(progress_total(store), 0, stderr, true);
  const bool complete = run_local(e, sweep, store, progress, false);
  store.snapshot(complete);
  return complete;
}

}  // namespace diffsweep::test
