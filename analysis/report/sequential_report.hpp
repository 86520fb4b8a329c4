// What a [sequential] sweep decided, read from the file's `sequential_table` attribute (written
// by the runner, docs/results-format.md): per comparison of two rows within a setting of the
// other axes, its verdict, after how many replicates it was determined or that its budget was
// reached, the interval of the mean paired difference at the stopping look, and the points the
// sweep used against a fixed design at the budget. Added to any experiment's report.
#pragma once

#include "analysis/report/report.hpp"
#include "analysis/report/results_table.hpp"

namespace diffsweep::analysis {

// Nothing for a file without `sequential_table`. Throws InputError naming the file when the
// table is malformed.
void add_sequential_findings(const ResultsTable& table, Report& report);

}  // namespace diffsweep::analysis
