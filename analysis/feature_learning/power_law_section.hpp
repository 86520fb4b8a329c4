// The power law of R on converged runs, pooled and per curve: the diffusion model's prediction
// (docs/methods.md, section 1). Verdicts for a power-law model only; the classifier's fits are
// tabulated.
#pragma once

#include "analysis/feature_learning/fl_inputs.hpp"
#include "analysis/feature_learning/fl_tables.hpp"

namespace diffsweep::analysis {

void power_law_section(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables);

}  // namespace diffsweep::analysis
