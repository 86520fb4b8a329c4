// The table printed when a sweep ends: one row per grid point (replicates pooled), the axis
// values, how many replicates finished, and each metric's median over the finished ones.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "common/experiment.hpp"
#include "runner/store/point_record.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

void print_summary(std::ostream& out, const std::string& output, const Sweep& sweep,
                   const Experiment& experiment, const std::vector<PointRecord>& records,
                   std::size_t max_rows = 24);

}  // namespace diffsweep
