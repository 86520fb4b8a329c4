// The map of a [sequential] sweep with references (a method against its baselines, say) over two
// swept axes: one panel per reference row, one cell per setting, coloured by the reference's
// verdict against the better of the other rows there, with a per-setting number printed in the
// cell (transfer: weight_ess). "Better" is the row the reference compares least favourably with
// (the largest mean paired difference when lower is better), so a cell says how the reference
// does against the strongest alternative that setting has.
#pragma once

#include <string>

#include "analysis/report/report.hpp"
#include "analysis/report/results_table.hpp"

namespace diffsweep::analysis {

// Adds the figure `sequential_map` and a markdown table per reference to `report`, when the file
// holds a sequential_table whose comparisons have references and whose settings span one or two
// axes; otherwise nothing. `annotation` names a metric whose median over a setting's finished
// points is printed in its cells ("" for none).
void add_sequential_map(const ResultsTable& table, const std::string& annotation, Report& report);

}  // namespace diffsweep::analysis
