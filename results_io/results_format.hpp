// The names of the results file's layout (docs/results-format.md), in one place for the runner
// that writes it and the analysis that reads it.
#pragma once

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

namespace diffsweep::results {

// Bumped whenever a reader of the previous version would misread a new file. 3: rows after
// n_points hold points outside the current sweep (`in_sweep` false), kept when it was extended.
// 4: also a netCDF-4 file (dimensions, variable-length status, a named boolean type, each
// series' values in row order).
inline constexpr std::int64_t format_version = 4;

// The netCDF dimensions: `point` (at the root, so that /points and /series both see it) and,
// in each /series/<name> group, `sample` (that series' values).
namespace dimension {
inline constexpr const char* point = "point";
inline constexpr const char* sample = "sample";
}  // namespace dimension

namespace group {
inline constexpr const char* points = "points";  // one dataset per column, one row per point
inline constexpr const char* series = "series";  // /series/<name>/{values,start,length}
}  // namespace group

// The runner's own columns of /points, beside every parameter and metric.
namespace column {
inline constexpr const char* point_id = "point_id";
inline constexpr const char* replicate = "replicate";
inline constexpr const char* seed = "seed";
inline constexpr const char* status = "status";
inline constexpr const char* error = "error";
inline constexpr const char* worker = "worker";
inline constexpr const char* wall_seconds = "wall_seconds";
inline constexpr const char* host = "host";
inline constexpr const char* attempts = "attempts";
inline constexpr const char* earlier_errors = "earlier_errors";
inline constexpr const char* in_sweep = "in_sweep";
}  // namespace column
inline constexpr std::array<const char*, 11> point_columns = {
    column::point_id, column::replicate,      column::seed,         column::status,
    column::error,    column::worker,         column::wall_seconds, column::host,
    column::attempts, column::earlier_errors, column::in_sweep};

// Whether a name an experiment declares (parameter, metric, series) can be a sweep key and a
// column: 1 to 64 letters, digits or '_', not starting with a digit. No dot (a sweep file's
// [case.NAME.key] ends at the last one), nothing a file or a shell would trip on.
inline bool usable_column_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && !std::isdigit(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

// Attributes of every /points dataset.
namespace attribute {
inline constexpr const char* role = "role";
inline constexpr const char* long_name = "long_name";  // CF's
inline constexpr const char* doc_before_format_4 = "doc";
// Parameters only: the experiment's default in sweep-file syntax, empty for an optional one.
inline constexpr const char* default_value = "default";
// Where a column has units (CF's: "s" for seconds, "1" for a dimensionless number).
inline constexpr const char* units = "units";
// xarray's mark of a boolean: it reads the column as bool with either netCDF engine.
inline constexpr const char* dtype = "dtype";
// A series' length variable: CF's mark of a count variable of a contiguous ragged array.
inline constexpr const char* sample_dimension = "sample_dimension";
}  // namespace attribute

// What a /points column is: the runner's bookkeeping, an experiment parameter or a metric.
enum class Role { point, parameter, metric };
std::string_view to_string(Role role);
// Unknown text (a file of another writer) reads as Role::point: neither a parameter nor a metric.
Role role_from_text(std::string_view text);

// A point id as 16 lowercase hex digits, as `status` lists it (and format 1 named its groups).
inline void hex_id_digits(std::uint64_t id, char (&out)[16]) {
  for (int k = 0; k < 16; ++k) out[k] = "0123456789abcdef"[(id >> (60 - 4 * k)) & 15];
}
inline std::string hex_id(std::uint64_t id) {
  char text[16];
  hex_id_digits(id, text);
  return std::string(text, sizeof text);
}

}  // namespace diffsweep::results
