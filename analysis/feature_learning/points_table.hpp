// Per curve and n*SNR^2: the spread over replicates of every metric (summary.csv), the table of R
// per point with training's effect, and the curves of R and test accuracy.
#pragma once

#include "analysis/feature_learning/fl_inputs.hpp"
#include "analysis/feature_learning/fl_tables.hpp"

namespace diffsweep::analysis {

void points_table(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables);

}  // namespace diffsweep::analysis
