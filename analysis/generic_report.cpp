// The report of any results file: how many points are in which state, and each metric's median
// over finished points for each value of each swept axis. Needs nothing but the file format.
#include <algorithm>
#include <cmath>

#include "analysis/experiment_reports.hpp"

namespace diffsweep::analysis {

namespace {

// The rows of a finished point having the axis at `value`, for each value in file order.
std::vector<std::pair<std::string, std::vector<std::size_t>>> rows_by_value(
    const ResultsTable& t, const std::string& axis) {
  std::vector<std::pair<std::string, std::vector<std::size_t>>> groups;
  for (std::size_t i = 0; i < t.rows; ++i) {
    if (!t.done(i)) continue;
    const std::string v = t.value_text(axis, i);
    auto it = std::find_if(groups.begin(), groups.end(), [&](auto& g) { return g.first == v; });
    if (it == groups.end()) {
      groups.push_back({v, {}});
      it = groups.end() - 1;
    }
    it->second.push_back(i);
  }
  return groups;
}

}  // namespace

Report generic_report(const ResultsTable& t, const ReportOptions&) {
  Report r;
  r.title = "diffsweep report: " + t.experiment + " (" + t.path + ")";
  const auto& c = t.counts;
  r.body +=
      "## Status\n\n" + markdown_table({"done", "failed", "diverged", "missing"},
                                       {{std::to_string(c.done), std::to_string(c.failed),
                                         std::to_string(c.diverged), std::to_string(c.not_run())}});
  const auto metrics = t.names_with_role(Role::metric);
  for (const auto& axis : t.axes) {
    if (!t.has(axis)) continue;
    std::vector<std::vector<std::string>> rows;
    for (const auto& [value, members] : rows_by_value(t, axis)) {
      std::vector<std::string> row = {value, std::to_string(members.size())};
      for (const auto& m : metrics) {
        std::vector<double> ys;
        for (auto i : members) ys.push_back(t.numbers(m)[i]);
        const Spread s = spread_of(ys);
        row.push_back(fmt(s.median));
        const auto& col = t.columns.at(axis);
        r.summary.push_back({"axis " + axis + "=" + value, axis,
                             col.is_text ? std::nan("") : col.numbers[members.front()], m, s});
      }
      rows.push_back(row);
    }
    std::vector<std::string> header = {axis, "done points"};
    for (const auto& m : metrics) header.push_back("median " + m);
    r.body += "\n## Medians by " + axis + "\n\n" + markdown_table(header, rows);
  }
  return r;
}

}  // namespace diffsweep::analysis
