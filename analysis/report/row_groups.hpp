// Splitting a results table's rows into groups by the values of some columns (e.g. every axis but
// the one a curve is drawn against), keeping the groups in sweep order.
#pragma once

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/report/results_table.hpp"

namespace diffsweep::analysis {

struct RowGroup {
  std::string label;  // "exponent=1.7 y=1", or "all" when grouping by nothing
  std::vector<std::size_t> rows;
};

// The rows passing `keep`, grouped by the values of `by`, in one pass (an index from label to
// group: a sweep of many curves has as many groups).
template <class Keep>
std::vector<RowGroup> group_rows(const ResultsTable& t, const std::vector<std::string>& by,
                                 Keep keep) {
  std::vector<RowGroup> groups;
  std::unordered_map<std::string, std::size_t> index;
  std::string label;
  for (std::size_t i = 0; i < t.rows; ++i) {
    if (!keep(i)) continue;
    label.clear();
    for (const auto& name : by)
      label.append(label.empty() ? "" : " ").append(name).append("=").append(t.value_text(name, i));
    if (label.empty()) label = "all";
    const auto [it, added] = index.try_emplace(label, groups.size());
    if (added) groups.push_back(RowGroup{label, {}});
    groups[it->second].rows.push_back(i);
  }
  return groups;
}

// Each row's sweep point, as the values of every swept axis: the rows of one point are its
// replicates, the unit every bootstrap and paired test resamples.
inline std::vector<std::string> point_keys(const ResultsTable& t,
                                           const std::vector<std::size_t>& rows) {
  std::vector<std::string> keys;
  keys.reserve(rows.size());
  for (auto i : rows) {
    std::string key;
    for (const auto& axis : t.axes)
      if (t.has(axis)) key += axis + "=" + t.value_text(axis, i) + " ";
    keys.push_back(std::move(key));
  }
  return keys;
}

inline std::vector<double> pick(const std::vector<double>& column,
                                const std::vector<std::size_t>& rows) {
  std::vector<double> out;
  out.reserve(rows.size());
  for (auto i : rows) out.push_back(column[i]);
  return out;
}

}  // namespace diffsweep::analysis
