// The seam between a results file and what is checked in it: one report function per experiment,
// chosen by the file's `experiment` attribute. An experiment without one (a new experiment, such
// as transfer learning before its report exists) gets the generic report, never an error.
#pragma once

#include "report.hpp"
#include "results_table.hpp"

namespace diffsweep::analysis {

// The report of `table`, its first verdict line saying how complete the file is.
Report build_report(const ResultsTable& table);

// Per experiment; each is also usable alone.
Report synthetic_report(const ResultsTable& table);
Report feature_learning_report(const ResultsTable& table);
Report generic_report(const ResultsTable& table);

}  // namespace diffsweep::analysis
