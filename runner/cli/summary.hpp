// The table printed when a sweep ends: one row per grid point (replicates pooled), the axis
// values, how many replicates finished, and each metric's median over the finished ones, read
// back from the results file (only the rows the table shows); then the first failures.
#pragma once

#include <ostream>

#include "runner/store/results_store.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

void print_summary(std::ostream& out, const ResultsStore& store, const Sweep& sweep,
                   std::size_t max_rows = 24);

}  // namespace diffsweep
