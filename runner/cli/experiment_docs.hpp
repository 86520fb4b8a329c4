// What `--list-experiments`, `--describe` and `--dry-run` print.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/experiment.hpp"
#include "runner/run/point_selection.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

void list_experiments(std::ostream& out);
void describe_experiment(std::ostream& out, const Experiment& experiment);
// The points of `selection`; with `statuses` (a results file's status column), each one's.
void print_points(std::ostream& out, const Sweep& sweep, const PointSelection& selection,
                  const std::vector<std::string>* statuses);

}  // namespace diffsweep
