// The classifier's transition of R through 1 (docs/methods.md, section 1), from every finished
// run that trained: per curve first (with the accuracy-based width beside it), then how the
// crossing moves across curves, then pooled.
#pragma once

#include "analysis/feature_learning/fl_inputs.hpp"
#include "analysis/feature_learning/fl_tables.hpp"

namespace diffsweep::analysis {

void transition_section(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables);

}  // namespace diffsweep::analysis
