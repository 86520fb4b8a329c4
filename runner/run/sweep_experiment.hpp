// The experiment a sweep file names: one built in, by name, or `external`, a program the file's
// `command` starts (runner/external/).
#pragma once

#include <memory>
#include <string>

#include "common/experiment.hpp"
#include "runner/sweep/sweep_file.hpp"

namespace diffsweep {

// `declaration`: what an external program declared on another rank (rank 0), so this one runs
// points without starting the program now; empty: start it and read its declaration here.
// Throws SweepFileError (exit 2) for an unknown experiment, a command without `external` or the
// reverse, and a program that does not declare itself.
std::unique_ptr<Experiment> make_sweep_experiment(const SweepSpec& spec,
                                                  const std::string& declaration = {});

// What another rank needs to make the same experiment without starting anything: an external
// program's declaration; "" for one built in.
std::string declaration_of(const Experiment& experiment);

// A process that will run no point (MPI's rank 0) ends an external program it started to read
// the declaration.
void release_program(Experiment& experiment);

}  // namespace diffsweep
