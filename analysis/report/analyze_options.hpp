// The diffsweep-analyze command line.
#pragma once

#include <string>
#include <vector>

#include "analysis/statistics/analysis_parameters.hpp"

namespace diffsweep::analysis {

struct AnalyzeOptions {
  std::string results;     // RESULTS.h5
  std::string report_dir;  // default: RESULTS without .h5, plus -report, beside it
  bool plots = true;
  std::string python = "/usr/bin/python3";  // Debian's, where python3-matplotlib lives
  std::string plot_script;                  // default: the installed plot.py (shared_data_dir())
  std::vector<double> dynamics_at;
  // Rows of earlier sweeps of the file that the current sweep no longer names: left out unless
  // asked for.
  bool include_outside = false;
  AnalysisParameters parameters;  // --seed, --tie-margin, ... (analysis_parameters.hpp)
  bool help = false;
  bool version = false;
};

// Throws InputError (exit status 2) naming the option on an unknown option, a missing value or a
// value out of its range.
AnalyzeOptions parse_analyze_options(int argc, const char* const* argv);
std::string analyze_usage();

}  // namespace diffsweep::analysis
