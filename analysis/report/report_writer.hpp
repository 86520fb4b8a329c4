// Writes a Report into a directory: report.md (a results section: verdicts, one paragraph per
// claim with its figures, what the sweep cannot tell, tables, the analysis version and
// parameters), summary.csv, fits.csv, comparisons.csv, and each figure as PDF and PNG drawn by
// plot.py from the plot's data (kept in plot-data/ so a figure can be redrawn in any tool). A copy
// of plot.py goes into the folder, so `python3 plot.py` inside it redraws every figure.
#pragma once

#include <string>

#include "analysis/report/report.hpp"
#include "analysis/statistics/analysis_parameters.hpp"

namespace diffsweep::analysis {

struct WriterOptions {
  std::string python = "/usr/bin/python3";  // Debian's, where python3-matplotlib lives
  std::string plot_script;                  // plot.py; empty: none to copy or run
  bool draw = true;                         // false: write the plot data, draw nothing
  std::string version;                      // of diffsweep-analyze, recorded in report.md
  AnalysisParameters parameters;            // recorded in report.md
};

// Creates `dir` if needed. Figures that cannot be drawn (no python, no matplotlib) leave a note in
// report.md and on the returned report; the tables and verdicts are written regardless. Throws
// StorageError when the directory or a file cannot be written.
void write_report(Report& report, const std::string& dir, const WriterOptions& options);

}  // namespace diffsweep::analysis
