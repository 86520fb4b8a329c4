#include "analysis/report/sequential_map.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/report/attribute_table.hpp"
#include "analysis/statistics/replicate_stats.hpp"
#include "common/number_text.hpp"

namespace diffsweep::analysis {

namespace {

// "target_rotation=10, n_target=30" as (name, value) pairs; "all points" has none.
std::vector<std::pair<std::string, std::string>> setting_values(const std::string& setting) {
  std::vector<std::pair<std::string, std::string>> out;
  if (setting == "all points") return out;
  std::size_t start = 0;
  while (start <= setting.size()) {
    const std::size_t end = std::min(setting.find(", ", start), setting.size());
    const std::string piece = setting.substr(start, end - start);
    const std::size_t eq = piece.find('=');
    out.emplace_back(piece.substr(0, eq), eq == std::string::npos ? "" : piece.substr(eq + 1));
    start = end + 2;
  }
  return out;
}

// The median of `metric` over the finished sweep rows of a setting (NaN when none).
double setting_median(const ResultsTable& t, const std::string& metric,
                      const std::vector<std::pair<std::string, std::string>>& where) {
  if (metric.empty() || !t.has(metric)) return std::nan("");
  const std::vector<double>& values = t.numbers(metric);
  std::vector<double> found;
  for (std::size_t row = 0; row < t.sweep_rows; ++row) {
    if (!t.done(row)) continue;
    const bool matches = std::all_of(where.begin(), where.end(), [&](const auto& kv) {
      if (!t.has(kv.first)) return false;
      if (t.columns.at(kv.first).is_text) return t.text(kv.first)[row] == kv.second;
      const auto v = parse_decimal(kv.second);
      const double x = t.numbers(kv.first)[row];
      return v && std::abs(x - *v) <= 1e-9 * std::max(1.0, std::abs(*v));
    });
    if (matches && std::isfinite(values[row])) found.push_back(values[row]);
  }
  return found.empty() ? std::nan("") : spread_of(found).median;
}

// Plot codes of plot.py's verdict map.
double verdict_code(const TableRow& row) {
  if (row.at("state") == "running") return 4;
  const std::string& o = row.at("outcome");
  return o == "wins" ? 0 : o == "ties" ? 1 : o == "loses" ? 2 : 3;
}

}  // namespace

void add_sequential_map(const ResultsTable& t, const std::string& annotation, Report& report) {
  const std::vector<TableRow> rows = read_attribute_table(
      t, results::file_attribute::sequential_table,
      {"setting", "a", "b", "state", "outcome", "mean", "better", "metric"}, {"mean"});
  if (rows.empty()) return;
  // Each reference's comparisons per setting, in the table's order.
  std::vector<std::string> references, settings;
  std::map<std::pair<std::string, std::string>, std::vector<const TableRow*>> cells;
  for (const auto& row : rows) {
    if (std::find(references.begin(), references.end(), row.at("a")) == references.end())
      references.push_back(row.at("a"));
    if (std::find(settings.begin(), settings.end(), row.at("setting")) == settings.end())
      settings.push_back(row.at("setting"));
    cells[{row.at("a"), row.at("setting")}].push_back(&row);
  }
  // Without references every row is compared with every other: no row is "the method".
  const bool referenced = std::none_of(rows.begin(), rows.end(), [&](const TableRow& r) {
    return std::find(references.begin(), references.end(), r.at("b")) != references.end();
  });
  const auto first_values = setting_values(settings.front());
  if (!referenced || first_values.empty() || first_values.size() > 2) return;
  const std::string row_axis = first_values.front().first;
  const std::string column_axis = first_values.size() == 2 ? first_values.back().first : "";
  const bool lower_better = rows.front().at("better") == "lower";

  Plot plot;
  plot.name = "sequential_map";
  // One axis runs along x, as n_target does in the two-axis map and in every other figure.
  const bool one_axis = column_axis.empty();
  plot.xlabel = one_axis ? row_axis : column_axis;
  plot.ylabel = one_axis ? "" : row_axis;
  plot.kind = "verdict_map";
  plot.title = "Where each reference row wins: verdict on " + rows.front().at("metric") +
               " against the better other row";
  std::string tables;
  for (const auto& reference : references) {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> body;
    for (const auto& setting : settings) {
      const auto it = cells.find({reference, setting});
      if (it == cells.end()) continue;
      const auto values = setting_values(setting);
      const std::string row_value = values.front().second;
      const std::string column_value = values.size() == 2 ? values.back().second : "";
      // The other row the reference does worst against, by mean paired difference.
      const TableRow* against = it->second.front();
      for (const TableRow* c : it->second) {
        const double m = table_number(*c, "mean"), best = table_number(*against, "mean");
        if (std::isfinite(m) && (!std::isfinite(best) || (lower_better ? m > best : m < best)))
          against = c;
      }
      const double note = setting_median(t, annotation, values);
      PlotSeries cell;
      cell.label = reference + "|" + (one_axis ? "" : row_value) + "|" +
                   (one_axis ? row_value : column_value) + "|" + against->at("b") + "|" +
                   annotation;
      cell.x = {verdict_code(*against)};
      cell.y = {note};
      plot.series.push_back(cell);
      if (std::find(columns.begin(), columns.end(), column_value) == columns.end())
        columns.push_back(column_value);
      if (body.empty() || body.back().front() != row_value) body.push_back({row_value});
      const std::string word = against->at("state") == "running" ? "running"
                               : against->at("outcome").empty()  ? "undetermined"
                                                                 : against->at("outcome");
      body.back().push_back(word + " (" + against->at("b") + ")" +
                            (std::isfinite(note) ? ", " + annotation + " " + fmt(note) : ""));
    }
    std::vector<std::string> header = {column_axis.empty() ? row_axis
                                                           : row_axis + " \\ " + column_axis};
    if (column_axis.empty())
      header.push_back("verdict");
    else
      header.insert(header.end(), columns.begin(), columns.end());
    tables += "**" + reference + "** against the better other row:\n\n" +
              markdown_table(header, body) + "\n";
  }
  plot.caption =
      "Each cell: the reference row's verdict (sequential replicates, paired by "
      "replicate, 95% per comparison whatever the looks) against the other row it "
      "compares least favourably with there (named in the cell)" +
      (annotation.empty()
           ? std::string(".")
           : "; the number is the median " + annotation + " of the setting's points.");
  report.plots.push_back(std::move(plot));
  report.body += "## Map of verdicts ([sequential] references)\n\n" + tables;
}

}  // namespace diffsweep::analysis
