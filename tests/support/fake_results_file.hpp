// Writes a results file in the layout of docs/results-format.md from columns given by a test, so
// the analysis can be tested on experiments whose answer is chosen (or that do not exist yet).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "results_io/hdf5.hpp"

namespace diffsweep::test {

struct FakeColumn {
  std::string name, role;  // role: point, parameter or metric
  std::vector<double> reals;
  std::vector<std::int64_t> integers;
  std::vector<std::string> text;
};

struct FakeResults {
  std::string experiment;
  std::string axes;  // comma-separated
  bool with_format_version = true;
  std::vector<std::uint64_t> point_id;
  std::vector<std::string> status;
  std::vector<FakeColumn> columns;
  std::map<std::uint64_t, std::map<std::string, std::vector<double>>> series;
};

inline void write_fake_results(const std::string& path, const FakeResults& f) {
  h5::Handle file = h5::create_file(path);
  if (f.with_format_version) h5::write_attribute(file.get(), "format_version", std::int64_t{1});
  h5::write_attribute(file.get(), "experiment", f.experiment);
  h5::write_attribute(file.get(), "axes", f.axes);
  h5::write_attribute(file.get(), "sweep_name", std::string("fake"));
  h5::Handle points = h5::create_group(file.get(), "points");
  auto with_role = [&](const std::string& name, const std::string& role) {
    h5::Handle set(H5Dopen2(points.get(), name.c_str(), H5P_DEFAULT), H5Dclose, "open");
    h5::write_attribute(set.get(), "role", role);
  };
  h5::write(points.get(), "point_id", f.point_id);
  with_role("point_id", "point");
  h5::write(points.get(), "status", f.status);
  with_role("status", "point");
  for (const auto& c : f.columns) {
    if (!c.text.empty())
      h5::write(points.get(), c.name, c.text);
    else if (!c.integers.empty())
      h5::write(points.get(), c.name, c.integers);
    else
      h5::write(points.get(), c.name, c.reals);
    with_role(c.name, c.role);
  }
  h5::Handle series = h5::create_group(file.get(), "series");
  for (const auto& [id, named] : f.series) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(id));
    h5::Handle group = h5::create_group(series.get(), hex);
    for (const auto& [name, values] : named) h5::write(group.get(), name, values);
  }
}

}  // namespace diffsweep::test
