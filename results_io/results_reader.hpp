// A results file (docs/results-format.md) loaded into columns: one row per sweep point, its
// parameters, metrics and status. Analysis never writes the file: a sweep still running can be
// read while it runs (the runner replaces the file atomically).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "results_io/point_status.hpp"
#include "results_io/results_format.hpp"

namespace diffsweep::results {

// One /points dataset. Numbers (float64, int64, booleans as 0/1) are held as double; choices
// and status as text.
struct Column {
  Role role = Role::point;
  std::string default_value;  // parameters: the experiment's default, as the file records it
  std::string units;          // CF units ("1", "s"); empty where the file gives none
  std::string long_name;      // its description
  bool is_text = false;
  std::vector<double> numbers;
  std::vector<std::string> text;
};

struct ResultsTable {
  std::string path;
  std::int64_t format_version = 0;
  std::string experiment;
  std::string sweep_name;
  std::vector<std::string> axes;  // swept parameters, in sweep-file order
  std::size_t rows = 0;
  // Rows 0 .. sweep_rows - 1 are the sweep's points; the rest are points of earlier sweeps of the
  // file that the current one no longer names (`in_sweep` false; format 3).
  std::size_t sweep_rows = 0;
  std::vector<std::uint64_t> point_id;
  std::vector<std::uint64_t> seed;  // exact (a double column would round it)
  std::vector<std::string> status;
  std::map<std::string, Column> columns;                        // every /points dataset by name
  std::vector<std::string> column_order;                        // their names in the file's order
  std::vector<std::pair<std::string, std::string>> attributes;  // the file's, as text
  StatusCounts counts;  // of the sweep's rows; pending and running: not finished (yet)
  StatusCounts outside_counts;

  bool has(const std::string& name) const { return columns.count(name) > 0; }
  // A file attribute as text; nullopt when the file has none of that name.
  std::optional<std::string> attribute(const std::string& name) const;
  // A numeric column; throws InputError naming the file and column if absent or text.
  const std::vector<double>& numbers(const std::string& name) const;
  // A text column; throws InputError naming the file and column if absent or numeric.
  const std::vector<std::string>& text(const std::string& name) const;
  // Names of the columns with the given role, in name order.
  std::vector<std::string> names_with_role(Role role) const;
  // A row's value of a column as text, as a report shows it: whole numbers in full, others with
  // 4 significant digits.
  std::string value_text(const std::string& name, std::size_t row) const;
  bool done(std::size_t row) const { return status[row] == "done"; }
  // Whether a row holds a parameter's default as the file records it. A column the file lacks was
  // not varied, so it is at its default; a column without a recorded default (a file of an older
  // diffsweep) is not known to be, so false.
  bool at_default(const std::string& name, std::size_t row) const;
};

// Refuses (InputError, exit 2) a missing file, a file that is not HDF5, and an HDF5 file that is
// not a diffsweep results file (no format_version attribute, an unknown version, or no /points).
// A file that fails to read (damaged, cut short) is refused the same way, in one line naming it;
// so is a failed read by the functions below that take a table.
ResultsTable load_results(const std::string& path);
// Only the first `max_rows` rows (the runner's summary of a large sweep).
ResultsTable load_results(const std::string& path, std::size_t max_rows);
// Without the runner's own /points columns (role point) named in `leave_out`; the table neither
// has them nor lists them. A reader that needs some columns only does not hold the others (a
// million rows' text column takes 32 MB or more). point_id, seed and status left out are still
// the table's members of those names: only their copies among the columns are not held.
ResultsTable load_results(const std::string& path, const std::vector<std::string>& leave_out);
// Only the /points columns named in `names` (those the file has): what reads a few columns of a
// large file (`diffsweep status` at 10^6 points) holds no others. point_id, seed and status are
// the table's members whether named or not.
ResultsTable load_columns(const std::string& path, const std::vector<std::string>& names);

// A finished point's series `name`; empty when the point has no such series (not finished, or the
// experiment does not record it).
std::vector<double> read_series(const ResultsTable& table, std::size_t row,
                                const std::string& name);
// Leaves out the rows outside the current sweep, as every reader that analyses the sweep does
// unless asked (their points were kept when the sweep was extended without them).
void drop_outside_rows(ResultsTable& table);

// The same by point id (loads the table: for a few lookups, not for many).
std::vector<double> read_series(const std::string& path, std::uint64_t point_id,
                                const std::string& name);

// What a results file says about itself, read without its columns; nullopt when `path` is not a
// readable HDF5 file with a format_version.
struct FileSummary {
  std::int64_t format_version = 0;
  std::string sweep_hash;
  std::int64_t journal_bytes = -1;  // -1: not recorded (format 1)
  std::string ended;
  std::string overrides;        // the run's KEY=VALUE overrides, one per line
  std::int64_t extensions = 0;  // how many times the file's sweep was extended in place
};
std::optional<FileSummary> read_file_summary(const std::string& path);

// Every row's status, as the file shows it (the runner's; throws StorageError).
std::vector<std::string> read_statuses(const std::string& path);

// The rows of a (format 2) file whose status is `status`, each with its worker.
std::vector<std::pair<std::uint64_t, std::int64_t>> rows_with_status(const std::string& path,
                                                                     PointStatus status);

// The names of the series a file holds (/series/<name>).
std::vector<std::string> series_names(const ResultsTable& table);

// One series name for every row at once (format 2): for reading many rows, where read_series
// would open the file once per row.
struct SeriesColumn {
  std::vector<double> values;
  std::vector<double> start, length;  // per row; length 0 where the row has none
  std::vector<double> row(std::size_t r) const;
};
SeriesColumn read_series_column(const ResultsTable& table, const std::string& name);

// How many of the points not run a [refine] sweep's search never placed, by design (the
// n_unplaced attribute; 0 without one). A value that is not a whole number is refused
// (InputError naming the file, attribute and value).
std::size_t unplaced_points(const ResultsTable& table);

// The one-line account of how complete the file is, e.g. "40 points: 30 done, 2 failed, 0
// diverged, 8 missing (pending or running)".
std::string describe_counts(const ResultsTable& table);

}  // namespace diffsweep::results
