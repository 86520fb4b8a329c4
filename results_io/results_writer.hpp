// Writing a results file (layout: docs/results-format.md) from columns, attributes and series
// that the caller has gathered. The file is always written whole to `<path>.tmp`, synced, and
// renamed over `<path>`: a reader, or a crash, sees either the previous complete file or the new
// complete one, never a half-written one.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "results_io/results_format.hpp"

namespace diffsweep::results {

using ColumnValues = std::variant<std::vector<double>, std::vector<std::int64_t>,
                                  std::vector<std::uint64_t>, std::vector<std::string>>;

// One dataset of /points: one value per point, in row order.
struct ColumnData {
  std::string name;
  Role role = Role::point;
  std::string doc;
  ColumnValues values;
  std::optional<std::string> default_value;  // parameters: the experiment's default
};

using AttributeValue = std::variant<std::string, std::int64_t, double>;
using NamedSeries = std::map<std::string, std::vector<double>>;

struct ResultsContent {
  // Root attributes; format_version is the writer's own and is always added.
  std::vector<std::pair<std::string, AttributeValue>> attributes;
  std::vector<ColumnData> columns;
  // The series of each point that has any, by point id (not owned: they stay with the caller).
  std::vector<std::pair<std::uint64_t, const NamedSeries*>> series;
};

// Throws StorageError when HDF5 or the file system refuses, leaving any previous file in place.
void write_results_file(const std::string& path, const ResultsContent& content);

}  // namespace diffsweep::results
