// A table the runner keeps in a file attribute as tab-separated text with a header line
// (`refine_table`, `sequential_table`; docs/results-format.md), read into rows by column name.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/report/results_table.hpp"

namespace diffsweep::analysis {

using TableRow = std::map<std::string, std::string>;

// The rows of attribute `name`, empty when the file has none. Throws InputError naming the file,
// the attribute and the cell at fault when a row's cells do not match the header, a column of
// `required` is missing, or a cell of a column in `numeric` is not a number (empty and "nan"
// read as NaN).
std::vector<TableRow> read_attribute_table(const ResultsTable& table, const std::string& name,
                                           const std::vector<std::string>& required,
                                           const std::vector<std::string>& numeric);

// A cell of a column read_attribute_table checked as numeric; NaN where the row has no such
// column or the cell is empty.
double table_number(const TableRow& row, const std::string& column);

}  // namespace diffsweep::analysis
