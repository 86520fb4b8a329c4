// The transfer experiment's metrics as the report presents them: titles, axis labels, which
// direction is better, and the reference level drawn beside some of them.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace diffsweep::analysis {

struct MetricInfo {
  std::string name;
  std::string title;   // the figure's subject
  std::string label;   // the figure's y axis, with math
  bool higher_better;  // for comparisons
  bool log_axis;
  bool compared = true;  // false: reported, not a score to rank rows by (loglik, nn_ratio)
};

// Every metric the report knows, in the order its tables and figures show them.
const std::vector<MetricInfo>& metric_infos();

// nn_ratio and its control: summarised by geometric means, as the memorisation verdict reads them.
bool memorisation_ratio(const MetricInfo& m);

// A metric's reference level drawn beside it, from the same rows.
struct ReferenceLevel {
  std::string metric;  // the column holding the level, "mmd_floor"
  std::string label;   // "floor: two true-target samples"
};
const std::map<std::string, ReferenceLevel>& reference_levels();

}  // namespace diffsweep::analysis
