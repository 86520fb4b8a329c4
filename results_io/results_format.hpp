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

// Attributes of the file's root (docs/results-format.md lists what each holds): written by the
// snapshot, read by the reader, status, merge, export and the analysis.
namespace file_attribute {
inline constexpr const char* conventions = "Conventions";
inline constexpr const char* title = "title";
inline constexpr const char* source = "source";
inline constexpr const char* history = "history";
inline constexpr const char* experiment = "experiment";
inline constexpr const char* sweep_name = "sweep_name";
inline constexpr const char* sweep_file = "sweep_file";
inline constexpr const char* sweep_text = "sweep_text";
inline constexpr const char* sweep_hash = "sweep_hash";
inline constexpr const char* axes = "axes";
inline constexpr const char* diffsweep_version = "diffsweep_version";
inline constexpr const char* git_commit = "git_commit";
inline constexpr const char* hdf5_version = "hdf5_version";
inline constexpr const char* mpi_version = "mpi_version";
inline constexpr const char* host = "host";
inline constexpr const char* rank_hosts = "rank_hosts";
inline constexpr const char* launcher = "launcher";
inline constexpr const char* job_id = "job_id";
inline constexpr const char* array_task_id = "array_task_id";
inline constexpr const char* started = "started";
inline constexpr const char* run_started = "run_started";
inline constexpr const char* ended = "ended";
inline constexpr const char* sweep_seed = "sweep_seed";
inline constexpr const char* replicates = "replicates";
inline constexpr const char* ranks = "ranks";
inline constexpr const char* n_points = "n_points";
inline constexpr const char* n_pending = "n_pending";
inline constexpr const char* n_done = "n_done";
inline constexpr const char* n_failed = "n_failed";
inline constexpr const char* n_diverged = "n_diverged";
inline constexpr const char* journal_bytes = "journal_bytes";
inline constexpr const char* overrides = "overrides";
inline constexpr const char* selection = "selection";
inline constexpr const char* writer_cpu_seconds = "writer_cpu_seconds";
inline constexpr const char* n_outside = "n_outside";
inline constexpr const char* n_outside_finished = "n_outside_finished";
inline constexpr const char* sweep_history = "sweep_history";
inline constexpr const char* n_extensions = "n_extensions";
inline constexpr const char* refine = "refine";
inline constexpr const char* sequential = "sequential";
inline constexpr const char* refine_table = "refine_table";
inline constexpr const char* sequential_table = "sequential_table";
inline constexpr const char* n_unplaced = "n_unplaced";
inline constexpr const char* worker_utilisation = "worker_utilisation";
inline constexpr const char* round_wait_worker_seconds = "round_wait_worker_seconds";
inline constexpr const char* tail_worker_seconds = "tail_worker_seconds";
inline constexpr const char* format_version = "format_version";
inline constexpr const char* plugin = "plugin";            // experiment = plugin:PATH, as given
inline constexpr const char* plugin_path = "plugin_path";  // and resolved
}  // namespace file_attribute

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
