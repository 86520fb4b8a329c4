// What a [refine] sweep found, read from the file's `refine_table` attribute (written by the
// runner, docs/results-format.md): per combination of the other axes, the crossing's interval,
// the interval over data draws where the replicates shared them, the values and points it used
// against a uniform grid of the same resolution, and a figure of the placed points. Added to any
// experiment's report; the experiment's own verdicts see the placed points like grid points.
#pragma once

#include "analysis/report/report.hpp"
#include "analysis/report/results_table.hpp"
#include "analysis/statistics/analysis_parameters.hpp"

namespace diffsweep::analysis {

// Nothing for a file without `refine_table`. Throws InputError naming the file when the table
// is malformed.
void add_refine_findings(const ResultsTable& table, const AnalysisParameters& parameters,
                         Report& report);

}  // namespace diffsweep::analysis
