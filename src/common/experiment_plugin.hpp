// The one symbol a C++ experiment built outside diffsweep defines, so that a sweep file's
// `experiment = plugin:PATH` runs it from a shared library (docs/plugins.md). Installed with
// experiment.hpp and params.hpp as <diffsweep/...>, which is why the includes here and there name
// no folder: they are found beside each other in both trees.
#pragma once

#include <memory>

#include "experiment.hpp"

namespace diffsweep {

// The version of the interface a plugin is compiled against: experiment.hpp, params.hpp and this
// file. Raised whenever a change to them would make a plugin built before it misread the runner
// (a class's layout, a virtual function, a signature); the runner loads a plugin of its own
// version only, so a stale plugin is refused by name instead of crashing.
inline constexpr int plugin_interface_version = 2;

// What the entry point returns. `interface_version` stays the first member in every version, so
// any runner can read it before anything else.
struct PluginEntry {
  int interface_version;
  // A new experiment, for each process that runs points (each MPI rank loads the library itself).
  std::unique_ptr<Experiment> (*make)();
};

// The entry point's name: the runner looks up this symbol, and nothing else, in the library.
inline constexpr const char* plugin_entry_point = "diffsweep_plugin_v1";

}  // namespace diffsweep

extern "C" __attribute__((visibility("default"))) const diffsweep::PluginEntry*
diffsweep_plugin_v1();

// Defines the entry point for an experiment class that has a default constructor:
//   DIFFSWEEP_PLUGIN(MyExperiment)
// at namespace scope in one source file of the library.
#define DIFFSWEEP_PLUGIN(ExperimentClass)                                                      \
  extern "C" const diffsweep::PluginEntry* diffsweep_plugin_v1() {                             \
    static const diffsweep::PluginEntry entry{diffsweep::plugin_interface_version,             \
                                              []() -> std::unique_ptr<diffsweep::Experiment> { \
                                                return std::make_unique<ExperimentClass>();    \
                                              }};                                              \
    return &entry;                                                                             \
  }
