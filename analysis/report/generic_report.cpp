// The report of any results file: how many points are in which state, and each metric's median
// over the replicates of each sweep point. Needs nothing but the file format. Rows are sweep
// points, never values of one axis pooled over the others: a median over different methods or
// sizes describes none of them.
#include <algorithm>
#include <cmath>

#include "analysis/report/experiment_reports.hpp"
#include "analysis/report/row_groups.hpp"

namespace diffsweep::analysis {

std::string status_table(const ResultsTable& t) {
  const auto& c = t.counts;
  return "## Status\n\n" +
         markdown_table({"done", "failed", "diverged", "missing"},
                        {{std::to_string(c.done), std::to_string(c.failed),
                          std::to_string(c.diverged), std::to_string(c.not_run())}});
}

Report generic_report(const ResultsTable& t, const ReportOptions&) {
  Report r;
  r.title = "diffsweep report: " + t.experiment + " (" + t.path + ")";
  r.body += status_table(t);
  std::vector<std::string> axes;
  for (const auto& a : t.axes)
    if (t.has(a)) axes.push_back(a);
  const auto metrics = t.names_with_role(Role::metric);
  std::vector<std::vector<std::string>> rows;
  for (const auto& g : group_rows(t, axes, [&](std::size_t i) { return t.done(i); })) {
    std::vector<std::string> row;
    for (const auto& a : axes) row.push_back(t.value_text(a, g.rows.front()));
    row.push_back(std::to_string(g.rows.size()));
    for (const auto& m : metrics) {
      const Spread s = spread_of(pick(t.numbers(m), g.rows));
      row.push_back(fmt(s.median));
      r.summary.push_back({g.label, "", std::nan(""), m, s});
    }
    rows.push_back(row);
  }
  std::vector<std::string> header = axes;
  header.push_back("replicates done");
  for (const auto& m : metrics) header.push_back("median " + m);
  r.body += "\n## Medians over replicates, per sweep point\n\n" + markdown_table(header, rows);
  return r;
}

}  // namespace diffsweep::analysis
