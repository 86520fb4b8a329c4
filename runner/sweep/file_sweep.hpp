// The sweep a results file was written by, rebuilt from the sweep text and overrides it records
// (merge checks files against it; the grid view takes its cases and axes from it).
#pragma once

#include <memory>
#include <string>

#include "common/experiment.hpp"
#include "results_io/results_reader.hpp"
#include "runner/sweep/sweep_expansion.hpp"
#include "runner/sweep/sweep_file.hpp"

namespace diffsweep {

struct FileSweep {
  SweepSpec spec;
  std::unique_ptr<Experiment> experiment;
  Sweep sweep;
};

// A file attribute; InputError naming the file and attribute when absent (`use` says what the
// attribute was wanted for, "a file diffsweep can merge").
std::string required_attribute(const results::ResultsTable& t, const std::string& name,
                               const std::string& use);

// Throws InputError (naming the file) for a file of format 1 (no sweep text) or of a newer
// diffsweep, and for a sweep text that does not give the hash the file records. `use`: what the
// sweep is rebuilt for, as the message names it ("merge").
FileSweep sweep_of(const results::ResultsTable& t, const std::string& use);

}  // namespace diffsweep
