#include "analysis/report/attribute_table.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

#include "common/errors.hpp"
#include "common/number_text.hpp"
#include "common/printable_text.hpp"

namespace diffsweep::analysis {

namespace {

// A number as the runner writes it (exact_number), NaN for an empty cell; nullopt for text.
std::optional<double> cell_number(const std::string& cell) {
  if (cell.empty() || cell == "nan") return std::nan("");
  return parse_decimal(cell);
}

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, '\t')) out.push_back(cell);
  if (!line.empty() && line.back() == '\t') out.emplace_back();
  return out;
}

}  // namespace

std::vector<TableRow> read_attribute_table(const ResultsTable& t, const std::string& name,
                                           const std::vector<std::string>& required,
                                           const std::vector<std::string>& numeric) {
  const auto text = t.attribute(name);
  if (!text) return {};
  const std::string where = printable(t.path, 200) + ": attribute " + name;
  std::istringstream lines(*text);
  std::string line;
  std::getline(lines, line);
  const std::vector<std::string> header = fields(line);
  std::vector<TableRow> rows;
  while (std::getline(lines, line)) {
    const std::vector<std::string> cells = fields(line);
    if (cells.size() != header.size())
      throw InputError(where + ": a row has " + std::to_string(cells.size()) +
                       " cells, the header " + std::to_string(header.size()));
    TableRow row;
    for (std::size_t c = 0; c < cells.size(); ++c) row[header[c]] = cells[c];
    for (const auto& column : numeric)
      if (const auto it = row.find(column); it != row.end() && !cell_number(it->second))
        throw InputError(where + ": column '" + column + "': value '" + printable(it->second, 60) +
                         "' is not a number");
    rows.push_back(std::move(row));
  }
  for (const auto& needed : required)
    if (!header.empty() && std::find(header.begin(), header.end(), needed) == header.end())
      throw InputError(where + " has no column '" + needed + "'");
  return rows;
}

double table_number(const TableRow& row, const std::string& column) {
  const auto it = row.find(column);
  if (it == row.end()) return std::nan("");
  return cell_number(it->second).value_or(std::nan(""));
}

}  // namespace diffsweep::analysis
