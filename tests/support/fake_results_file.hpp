// Writes a results file in the layout of docs/results-format.md from columns given by a test, so
// the analysis can be tested on experiments whose answer is chosen (or that do not exist yet).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "results_io/hdf5.hpp"
#include "results_io/results_writer.hpp"

namespace diffsweep::test {

struct FakeColumn {
  FakeColumn() = default;
  FakeColumn(std::string name_, std::string role_, std::vector<double> reals_ = {},
             std::vector<std::int64_t> integers_ = {}, std::vector<std::string> text_ = {},
             std::string default_ = {})
      : name(std::move(name_)),
        role(std::move(role_)),
        reals(std::move(reals_)),
        integers(std::move(integers_)),
        text(std::move(text_)),
        default_value(std::move(default_)) {}
  std::string name, role;  // role: point, parameter or metric
  std::vector<double> reals;
  std::vector<std::int64_t> integers;
  std::vector<std::string> text;
  std::string default_value;  // parameters: recorded as the real writer records it
};

struct FakeResults {
  std::string experiment;
  std::string axes;  // comma-separated
  bool with_format_version = true;
  std::vector<std::uint64_t> point_id;
  std::vector<std::string> status;
  std::vector<FakeColumn> columns;
  std::map<std::uint64_t, std::map<std::string, std::vector<double>>> series;
  std::vector<std::pair<std::string, std::string>> attributes;  // beyond experiment, axes, name
};

// Written by the results library's own writer, so a fake file has exactly the real layout. A file
// without format_version (one that is not ours) is written by hand.
inline void write_fake_results(const std::string& path, const FakeResults& f) {
  if (!f.with_format_version) {
    h5::Handle file = h5::create_file(path);
    h5::write_attribute(file.get(), "experiment", f.experiment);
    h5::Handle points = h5::create_group(file.get(), results::group::points);
    return;
  }
  using results::ColumnSpec;
  using results::ColumnType;
  using results::Role;
  results::ResultsContent content;
  content.attributes = {{"experiment", f.experiment}, {"axes", f.axes}, {"sweep_name", "fake"}};
  content.attributes.insert(content.attributes.end(), f.attributes.begin(), f.attributes.end());
  content.columns.push_back(
      {ColumnSpec{results::column::point_id, Role::point, "", ColumnType::unsigned_integer, {}},
       f.point_id});
  content.columns.push_back(
      {ColumnSpec{results::column::status, Role::point, "", ColumnType::status, {}}, f.status});
  for (const auto& c : f.columns) {
    ColumnSpec spec{c.name, results::role_from_text(c.role), "", ColumnType::real, {}};
    if (!c.default_value.empty()) spec.default_value = c.default_value;
    results::ColumnValues values = c.reals;
    if (!c.text.empty()) {
      spec.type = ColumnType::text;
      values = c.text;
    } else if (!c.integers.empty()) {
      spec.type = ColumnType::integer;
      values = c.integers;
    }
    content.columns.emplace_back(spec, std::move(values));
  }
  for (const auto& [id, named] : f.series) {
    const auto row = std::find(f.point_id.begin(), f.point_id.end(), id) - f.point_id.begin();
    content.series.emplace_back(static_cast<std::uint64_t>(row), &named);
  }
  results::write_results_file(path, content);
}

}  // namespace diffsweep::test
