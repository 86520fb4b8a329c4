// The experiment a sweep file names: one built in, by name; `external`, a program the file's
// `command` starts (runner/external/); or `plugin:PATH`, a shared library (runner/plugin/).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "common/experiment.hpp"
#include "runner/sweep/sweep_file.hpp"

namespace diffsweep {

// `declaration`: what an external program declared on another rank (rank 0), so this one runs
// points without starting the program now; empty: start it and read its declaration here.
// Throws SweepFileError (exit 2) for an unknown experiment, a command without `external` or the
// reverse, a program that does not declare itself, and a plugin that does not load.
std::unique_ptr<Experiment> make_sweep_experiment(const SweepSpec& spec,
                                                  const std::string& declaration = {});

// `experiment = plugin:PATH`: PATH as the file gives it, and resolved against the sweep file's
// folder (absolute, normalised), as the results file records both.
struct PluginLocation {
  std::string given;
  std::string resolved;
};
// nullopt for an experiment that is not a plugin.
std::optional<PluginLocation> plugin_location(const SweepSpec& spec);

// What another rank needs to make the same experiment without starting anything: an external
// program's declaration; "" for one built in.
std::string declaration_of(const Experiment& experiment);

// A process that will run no point (MPI's rank 0) ends an external program it started to read
// the declaration.
void release_program(Experiment& experiment);

}  // namespace diffsweep
