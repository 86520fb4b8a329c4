// Writes a Report into a directory: report.md, summary.csv, fits.csv, and one PNG per plot drawn
// by plot.py from the plot's data (kept in plot-data/ so a figure can be redrawn in any tool).
#pragma once

#include <string>

#include "analysis/report.hpp"

namespace diffsweep::analysis {

struct WriterOptions {
  std::string python = "/usr/bin/python3";  // Debian's, where python3-matplotlib lives
  std::string plot_script;                  // plot.py; empty: draw no figures
};

// Creates `dir` if needed. Figures that cannot be drawn (no python, no matplotlib) leave a note in
// report.md and on the returned report; the tables and verdicts are written regardless. Throws
// StorageError when the directory or a file cannot be written.
void write_report(Report& report, const std::string& dir, const WriterOptions& options);

}  // namespace diffsweep::analysis
