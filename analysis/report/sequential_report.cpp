#include "analysis/report/sequential_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "analysis/report/attribute_table.hpp"
#include "common/sequential_comparison.hpp"
#include "results_io/results_reader.hpp"

namespace diffsweep::analysis {

namespace {

// "determined after 10 replicates", "budget reached at 40 replicates", "running (...)".
std::string stopping(const TableRow& row) {
  const std::string& state = row.at("state");
  if (state == "determined") return "determined after " + row.at("replicates") + " replicates";
  if (state == "budget") return "budget reached at " + row.at("replicates") + " replicates";
  return "still running (" + row.at("placed") + " replicates placed)";
}

std::string difference(const TableRow& row) {
  if (!std::isfinite(table_number(row, "lo"))) return "no interval yet";
  return fmt(table_number(row, "mean")) + " " +
         interval_text(table_number(row, "lo"), table_number(row, "hi"));
}

}  // namespace

void add_sequential_findings(const ResultsTable& t, Report& report) {
  const std::vector<TableRow> rows = read_attribute_table(
      t, results::file_attribute::sequential_table,
      {"setting",    "axis",  "a",       "b",          "metric", "better", "margin",
       "confidence", "state", "outcome", "replicates", "pairs",  "look",   "looks",
       "mean",       "lo",    "hi",      "tie_margin", "level",  "placed", "budget"},
      {"confidence", "replicates", "pairs", "look", "looks", "mean", "lo", "hi", "tie_margin",
       "level", "placed", "budget"});
  if (rows.empty()) return;
  const TableRow& first = rows.front();
  const std::string& metric = first.at("metric");
  std::size_t determined = 0, at_budget = 0, running = 0;
  std::vector<std::vector<std::string>> table;
  std::vector<std::vector<std::string>> per_setting;  // setting, replicates placed, budget
  std::set<std::size_t> stopped_at;
  for (const auto& row : rows) {
    const std::string& state = row.at("state");
    determined += state == "determined";
    at_budget += state == "budget";
    running += state == "running";
    if (state == "determined")
      stopped_at.insert(static_cast<std::size_t>(table_number(row, "replicates")));
    if (per_setting.empty() || per_setting.back().front() != row.at("setting"))
      per_setting.push_back({row.at("setting"), row.at("placed"), row.at("budget")});
    const std::string word = state == "running" ? "running" : row.at("outcome");
    report.verdicts.push_back("sequential " + row.at("setting") + ": " + row.at("a") + " vs " +
                              row.at("b") + " on " + metric + ": " + word + ", " + stopping(row) +
                              " (difference " + difference(row) + ", tie margin +-" +
                              fmt(table_number(row, "tie_margin")) + ")");
    table.push_back({row.at("setting"), row.at("a") + " - " + row.at("b"), word,
                     state == "determined" ? row.at("replicates")
                     : state == "budget"   ? "budget (" + row.at("replicates") + ")"
                                           : "running",
                     difference(row), fmt(table_number(row, "tie_margin"))});
  }
  const std::size_t unplaced = results::unplaced_points(t);
  const std::size_t used = t.sweep_rows - unplaced;

  std::string range;
  if (!stopped_at.empty())
    range = " (after " + std::to_string(*stopped_at.begin()) +
            (stopped_at.size() > 1 ? " to " + std::to_string(*stopped_at.rbegin()) : "") +
            " replicates)";
  const std::string level = fmt(table_number(first, "level"), 4);
  std::string claim =
      "The sweep's [sequential] section compared the rows of " +
      (first.at("axis") == sequential_case_axis ? "its cases" : first.at("axis")) +
      " pairwise on " + metric + " (" + first.at("better") +
      " is better) within each setting of the other axes, paired by replicate, adding replicates "
      "in rounds to every setting whose comparisons were undetermined. Each comparison's error "
      "rate holds whatever the looks: the " +
      first.at("looks") + " planned looks each use a Student-t interval at level " + level +
      ", so all of them cover the true mean difference at once with probability at least " +
      first.at("confidence") +
      "; a comparison stops at the first look whose interval excludes 0 "
      "(wins or loses) or lies within the tie margin (+-" +
      first.at("margin") + ", ties), or at its budget of " + first.at("budget") +
      " replicates. Of " + std::to_string(rows.size()) + " comparisons, " +
      std::to_string(determined) + " were determined" + range + ", " + std::to_string(at_budget) +
      " reached the budget undetermined" +
      (running ? ", " + std::to_string(running) + " are still running" : std::string()) + ". " +
      std::to_string(used) + " points were placed, against " + std::to_string(t.sweep_rows) +
      " for a fixed design at the budget (" + fmt(100.0 * double(used) / double(t.sweep_rows), 2) +
      "%). The experiment's own tables below use every finished replicate of a row at a fixed "
      "level; the verdicts of this section are the ones whose error rate the repeated looks keep.";
  report.claims.push_back(
      {"Sequential replicates: " +
           (first.at("axis") == sequential_case_axis ? "cases" : first.at("axis")) +
           " compared on " + metric,
       claim,
       {}});
  report.body +=
      "## Sequential replicates ([sequential])\n\n" +
      markdown_table(
          {"setting", "comparison", "verdict", "replicates", "difference [interval]", "tie margin"},
          table) +
      "\n" +
      markdown_table({"setting", "replicates placed", "fixed design (budget)"}, per_setting) + "\n";
}

}  // namespace diffsweep::analysis
