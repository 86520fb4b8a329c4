// What `--list-experiments`, `--describe` and `--dry-run` print.
#pragma once

#include <ostream>
#include <string_view>

#include "common/experiment.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

void list_experiments(std::ostream& out);
void describe_experiment(std::ostream& out, const Experiment& experiment);
void print_points(std::ostream& out, const Sweep& sweep, const Experiment& experiment);

}  // namespace diffsweep
