// A results table built in memory, for tests that give a verdict function a few hand-chosen rows
// without writing a file.
#pragma once

#include <string>
#include <vector>

#include "results_io/results_reader.hpp"

namespace diffsweep::test {

// `rows` finished points of `experiment` swept over `axes`; add their columns with the functions
// below.
inline results::ResultsTable table_of(const std::string& experiment, std::size_t rows,
                                      std::vector<std::string> axes) {
  results::ResultsTable t;
  t.experiment = experiment;
  t.axes = std::move(axes);
  t.rows = t.sweep_rows = rows;
  t.status.assign(rows, "done");
  return t;
}

inline void add_numbers(results::ResultsTable& t, const std::string& name, results::Role role,
                        std::vector<double> values, const std::string& default_value = "") {
  results::Column c;
  c.role = role;
  c.default_value = default_value;
  c.numbers = std::move(values);
  t.columns[name] = std::move(c);
  t.column_order.push_back(name);
}

inline void add_text(results::ResultsTable& t, const std::string& name, results::Role role,
                     std::vector<std::string> values, const std::string& default_value = "") {
  results::Column c;
  c.role = role;
  c.default_value = default_value;
  c.is_text = true;
  c.text = std::move(values);
  t.columns[name] = std::move(c);
  t.column_order.push_back(name);
}

}  // namespace diffsweep::test
