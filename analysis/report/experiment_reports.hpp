// The seam between a results file and what is checked in it: one report function per experiment,
// chosen by the file's `experiment` attribute. An experiment without one (a new experiment) gets
// the generic report, never an error.
#pragma once

#include <vector>

#include "analysis/report/report.hpp"
#include "analysis/report/results_table.hpp"
#include "analysis/statistics/analysis_parameters.hpp"

namespace diffsweep::analysis {

// What a researcher may choose about a report from the command line.
struct ReportOptions {
  // Feature learning: the n*SNR^2 values whose training dynamics are drawn (per model, the
  // largest n's first replicate nearest each in log scale). Empty: the smallest, middle and
  // largest.
  std::vector<double> dynamics_at;
  // Every threshold, interval level and bootstrap setting the verdicts use.
  AnalysisParameters parameters;
};

// The report of `table`, its first verdict line saying how complete the file is.
Report build_report(const ResultsTable& table, const ReportOptions& options = {});

// Per experiment; each is also usable alone.
Report synthetic_report(const ResultsTable& table, const ReportOptions& options);
Report feature_learning_report(const ResultsTable& table, const ReportOptions& options);
Report transfer_report(const ResultsTable& table, const ReportOptions& options);
Report generic_report(const ResultsTable& table, const ReportOptions& options);

// The status counts as a markdown section, for reports that do not start from the generic one.
std::string status_table(const ResultsTable& table);

}  // namespace diffsweep::analysis
