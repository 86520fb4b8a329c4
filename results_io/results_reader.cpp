#include "results_io/results_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <sstream>

#include "common/errors.hpp"
#include "common/number_text.hpp"
#include "common/printable_text.hpp"
#include "results_io/hdf5.hpp"

namespace diffsweep::results {

namespace {

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

// Version 1 (before series were stored by name): one group per point, /series/<hex id>/<name>.
constexpr std::int64_t oldest_readable_version = 1;

// A results file that is HDF5 but does not open, or fails on a read, is damaged (a block
// overwritten, a copy cut short by a full disk): bad input, named like any other, with HDF5's
// own account of what failed. Only the reader knows the file: the HDF5 wrapper's errors do not.
[[noreturn]] void damaged(const std::string& path, const std::string& what) {
  throw InputError(path + ": cannot be read: it is damaged or cut short (" + printable(what, 300) +
                   ")");
}

// `read()`, its failures to read `path` turned into one line naming it.
template <class Read>
auto reading(const std::string& path, Read&& read) -> decltype(read()) {
  try {
    return read();
  } catch (const StorageError& e) {
    damaged(path, e.what());
  } catch (const std::length_error& e) {
    // A size read from a damaged header, too large for any vector.
    damaged(path, e.what());
  }
}

h5::Handle open_ours(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw InputError(path + ": no such file");
  h5::Handle file;
  try {
    file = h5::open_file_read(path);
  } catch (const StorageError& e) {
    if (h5::has_hdf5_signature(path)) damaged(path, e.what());
    throw InputError(path + ": not an HDF5 file (not a diffsweep results file)");
  }
  if (!h5::has_attribute(file.get(), file_attribute::format_version))
    throw InputError(path + ": not a diffsweep results file (no format_version attribute)");
  if (const auto v = h5::read_int_attribute(file.get(), file_attribute::format_version);
      v < oldest_readable_version || v > format_version)
    throw InputError(path + ": format_version " + std::to_string(v) +
                     " is not supported (this diffsweep reads versions " +
                     std::to_string(oldest_readable_version) + " to " +
                     std::to_string(format_version) + "; a newer file needs a newer diffsweep)");
  if (!h5::exists(file.get(), group::points))
    throw InputError(path + ": not a diffsweep results file (no /points group)");
  return file;
}

// Whether the table holds a /points column, given its name and the /points group.
using ColumnFilter = std::function<bool(const std::string& name, hid_t points)>;

bool every_column(const std::string&, hid_t) { return true; }

// The table with the columns `keep` says (its read errors are the caller's to name).
ResultsTable read_table(const std::string& path, std::size_t max_rows, const ColumnFilter& keep) {
  h5::Handle file = open_ours(path);
  ResultsTable t;
  t.path = path;
  t.format_version = h5::read_int_attribute(file.get(), file_attribute::format_version);
  t.experiment = h5::read_string_attribute(file.get(), file_attribute::experiment);
  if (h5::has_attribute(file.get(), file_attribute::sweep_name))
    t.sweep_name = h5::read_string_attribute(file.get(), file_attribute::sweep_name);
  if (h5::has_attribute(file.get(), file_attribute::axes))
    t.axes = split_commas(h5::read_string_attribute(file.get(), file_attribute::axes));

  t.attributes = h5::attributes_as_text(file.get());
  h5::Handle points = h5::open_group(file.get(), group::points);
  t.column_order = h5::children(points.get());
  std::erase_if(t.column_order, [&](const std::string& name) { return !keep(name, points.get()); });
  for (const auto& name : t.column_order) {
    h5::Handle set = h5::open_dataset(points.get(), name);
    const std::size_t rows = std::min(max_rows, h5::length(set.get()));
    Column c;
    c.is_text = h5::is_string_dataset(points.get(), name);
    if (c.is_text)
      c.text = h5::read_strings(set.get(), 0, rows);
    else
      c.numbers = h5::read_doubles(set.get(), 0, rows);
    t.columns.emplace(name, std::move(c));
  }
  for (auto& [name, column] : t.columns) {
    h5::Handle set = h5::open_dataset(points.get(), name);
    if (h5::has_attribute(set.get(), attribute::role))
      column.role = role_from_text(h5::read_string_attribute(set.get(), attribute::role));
    if (h5::has_attribute(set.get(), attribute::default_value))
      column.default_value = h5::read_string_attribute(set.get(), attribute::default_value);
    if (h5::has_attribute(set.get(), attribute::units))
      column.units = h5::read_string_attribute(set.get(), attribute::units);
    for (const char* name : {attribute::long_name, attribute::doc_before_format_4})
      if (column.long_name.empty() && h5::has_attribute(set.get(), name))
        column.long_name = h5::read_string_attribute(set.get(), name);
  }
  {
    h5::Handle ids = h5::open_dataset(points.get(), column::point_id);
    t.point_id = h5::read_u64(ids.get(), 0, std::min(max_rows, h5::length(ids.get())));
  }
  if (h5::exists(points.get(), column::seed)) {
    h5::Handle seeds = h5::open_dataset(points.get(), column::seed);
    t.seed = h5::read_u64(seeds.get(), 0, std::min(max_rows, h5::length(seeds.get())));
  }
  if (t.has(column::status)) {
    t.status = t.text(column::status);
  } else {
    h5::Handle statuses = h5::open_dataset(points.get(), column::status);
    t.status = h5::read_strings(statuses.get(), 0, std::min(max_rows, h5::length(statuses.get())));
  }
  t.rows = t.sweep_rows = t.status.size();
  // Columns of one table, each a row per point: one of another length was changed on disk.
  for (const auto& [name, c] : t.columns)
    if ((c.is_text ? c.text.size() : c.numbers.size()) != t.rows)
      damaged(path, "/points/" + name + " and /points/status differ in length");
  if (t.has(column::in_sweep)) {
    const auto& in = t.numbers(column::in_sweep);
    t.sweep_rows = static_cast<std::size_t>(std::find(in.begin(), in.end(), 0.0) - in.begin());
  }
  // A status this reader does not know is counted as not finished, never as a result.
  for (std::size_t r = 0; r < t.rows; ++r)
    (r < t.sweep_rows ? t.counts : t.outside_counts)
        .add(status_from_text(t.status[r]).value_or(PointStatus::pending));
  return t;
}

// One point's series (its read errors are the caller's to name).
std::vector<double> read_one_series(const ResultsTable& table, std::size_t row,
                                    const std::string& name) {
  h5::Handle file = open_ours(table.path);
  if (!h5::exists(file.get(), group::series)) return {};
  h5::Handle series = h5::open_group(file.get(), group::series);
  if (table.format_version == 1) {
    const std::string id = hex_id(table.point_id.at(row));
    if (!h5::exists(series.get(), id)) return {};
    h5::Handle point = h5::open_group(series.get(), id);
    if (!h5::exists(point.get(), name)) return {};
    return h5::read_doubles(point.get(), name);
  }
  if (!h5::exists(series.get(), name)) return {};
  h5::Handle g = h5::open_group(series.get(), name);
  h5::Handle start = h5::open_dataset(g.get(), "start");
  h5::Handle length = h5::open_dataset(g.get(), "length");
  const double first = h5::read_doubles(start.get(), row, 1).front();
  const double count = h5::read_doubles(length.get(), row, 1).front();
  if (first < 0 || count <= 0) return {};
  h5::Handle values = h5::open_dataset(g.get(), "values");
  return h5::read_doubles(values.get(), static_cast<std::size_t>(first),
                          static_cast<std::size_t>(count));
}

}  // namespace

std::optional<std::string> ResultsTable::attribute(const std::string& name) const {
  for (const auto& [k, v] : attributes)
    if (k == name) return v;
  return std::nullopt;
}

const std::vector<double>& ResultsTable::numbers(const std::string& name) const {
  const auto it = columns.find(name);
  if (it == columns.end() || it->second.is_text)
    throw InputError(path + ": no numeric column /points/" + name + " (experiment " + experiment +
                     ")");
  return it->second.numbers;
}

const std::vector<std::string>& ResultsTable::text(const std::string& name) const {
  const auto it = columns.find(name);
  if (it == columns.end() || !it->second.is_text)
    throw InputError(path + ": no text column /points/" + name + " (experiment " + experiment +
                     ")");
  return it->second.text;
}

std::vector<std::string> ResultsTable::names_with_role(Role role) const {
  std::vector<std::string> out;
  for (const auto& [name, column] : columns)
    if (column.role == role) out.push_back(name);
  return out;
}

std::string ResultsTable::value_text(const std::string& name, std::size_t row) const {
  const Column& c = columns.at(name);
  if (c.is_text) return c.text[row];
  const double v = c.numbers[row];
  return std::isnan(v) ? "nan" : display_number(v);
}

bool ResultsTable::at_default(const std::string& name, std::size_t row) const {
  const auto it = columns.find(name);
  if (it == columns.end()) return true;
  const Column& c = it->second;
  if (c.default_value.empty()) return false;
  if (c.is_text) return c.text[row] == c.default_value;
  // Booleans are stored as 0/1 and declared as true/false.
  const std::optional<double> d = c.default_value == "true"    ? 1.0
                                  : c.default_value == "false" ? 0.0
                                                               : parse_decimal(c.default_value);
  return d && c.numbers[row] == *d;
}

ResultsTable load_results(const std::string& path) {
  return load_results(path, std::numeric_limits<std::size_t>::max());
}

ResultsTable load_results(const std::string& path, std::size_t max_rows) {
  return reading(path, [&] { return read_table(path, max_rows, every_column); });
}

ResultsTable load_results(const std::string& path, const std::vector<std::string>& leave_out) {
  // Only the runner's own columns can be left out: a metric may share a name with one.
  const auto keep = [&](const std::string& name, hid_t points) {
    if (std::find(leave_out.begin(), leave_out.end(), name) == leave_out.end()) return true;
    h5::Handle set = h5::open_dataset(points, name);
    return h5::has_attribute(set.get(), attribute::role) &&
           role_from_text(h5::read_string_attribute(set.get(), attribute::role)) != Role::point;
  };
  return reading(path,
                 [&] { return read_table(path, std::numeric_limits<std::size_t>::max(), keep); });
}

ResultsTable load_columns(const std::string& path, const std::vector<std::string>& names) {
  const auto keep = [&](const std::string& name, hid_t) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  return reading(path,
                 [&] { return read_table(path, std::numeric_limits<std::size_t>::max(), keep); });
}

void drop_outside_rows(ResultsTable& t) {
  const std::size_t n = t.sweep_rows;
  if (n == t.rows) return;
  for (auto& [name, c] : t.columns) {
    if (c.is_text)
      c.text.resize(std::min(c.text.size(), n));
    else
      c.numbers.resize(std::min(c.numbers.size(), n));
  }
  t.point_id.resize(std::min(t.point_id.size(), n));
  t.seed.resize(std::min(t.seed.size(), n));
  t.status.resize(n);
  t.rows = n;
  t.outside_counts = StatusCounts();
}

std::vector<double> read_series(const ResultsTable& table, std::size_t row,
                                const std::string& name) {
  return reading(table.path, [&] { return read_one_series(table, row, name); });
}

std::vector<std::string> series_names(const ResultsTable& table) {
  return reading(table.path, [&]() -> std::vector<std::string> {
    h5::Handle file = open_ours(table.path);
    if (!h5::exists(file.get(), group::series) || table.format_version == 1) return {};
    h5::Handle series = h5::open_group(file.get(), group::series);
    return h5::children(series.get());
  });
}

SeriesColumn read_series_column(const ResultsTable& table, const std::string& name) {
  if (table.format_version == 1)
    throw InputError(table.path + ": a format 1 file: its series are read one point at a time");
  return reading(table.path, [&] {
    h5::Handle file = open_ours(table.path);
    h5::Handle g = h5::open_group(file.get(), std::string(group::series) + "/" + name);
    SeriesColumn c;
    c.values = h5::read_doubles(g.get(), "values");
    c.start = h5::read_doubles(g.get(), "start");
    c.length = h5::read_doubles(g.get(), "length");
    c.start.resize(table.rows, -1);
    c.length.resize(table.rows, 0);
    return c;
  });
}

std::vector<double> SeriesColumn::row(std::size_t r) const {
  if (r >= start.size() || start[r] < 0 || length[r] <= 0) return {};
  const auto first = static_cast<std::size_t>(start[r]),
             count = static_cast<std::size_t>(length[r]);
  if (first + count > values.size()) return {};
  return {values.begin() + static_cast<std::ptrdiff_t>(first),
          values.begin() + static_cast<std::ptrdiff_t>(first + count)};
}

std::vector<double> read_series(const std::string& path, std::uint64_t point_id,
                                const std::string& name) {
  const ResultsTable table = load_results(path);
  const auto it = std::find(table.point_id.begin(), table.point_id.end(), point_id);
  if (it == table.point_id.end()) return {};
  return read_series(table, static_cast<std::size_t>(it - table.point_id.begin()), name);
}

std::optional<FileSummary> read_file_summary(const std::string& path) {
  // A copy left half written by a failure may open and still fail on any read.
  try {
    h5::Handle file = h5::open_file_read(path);
    const auto text = [&](const char* name) {
      return h5::has_attribute(file.get(), name) ? h5::read_string_attribute(file.get(), name)
                                                 : std::string();
    };
    if (!h5::has_attribute(file.get(), file_attribute::format_version)) return std::nullopt;
    FileSummary s;
    s.format_version = h5::read_int_attribute(file.get(), file_attribute::format_version);
    s.sweep_hash = text(file_attribute::sweep_hash);
    s.ended = text(file_attribute::ended);
    s.overrides = text(file_attribute::overrides);
    if (h5::has_attribute(file.get(), file_attribute::n_extensions))
      s.extensions = h5::read_int_attribute(file.get(), file_attribute::n_extensions);
    if (h5::has_attribute(file.get(), file_attribute::journal_bytes))
      s.journal_bytes = h5::read_int_attribute(file.get(), file_attribute::journal_bytes);
    return s;
  } catch (const StorageError&) {
    return std::nullopt;
  }
}

std::vector<std::string> read_statuses(const std::string& path) {
  h5::Handle file = h5::open_file_read(path);
  h5::Handle points = h5::open_group(file.get(), group::points);
  return h5::read_strings(points.get(), column::status);
}

std::vector<std::pair<std::uint64_t, std::int64_t>> rows_with_status(const std::string& path,
                                                                     PointStatus status) {
  h5::Handle file = h5::open_file_read(path);
  h5::Handle points = h5::open_group(file.get(), group::points);
  h5::Handle statuses = h5::open_dataset(points.get(), column::status);
  h5::Handle workers = h5::open_dataset(points.get(), column::worker);
  std::vector<std::pair<std::uint64_t, std::int64_t>> rows;
  const std::string_view wanted = to_string(status);
  // A piece at a time: a million statuses read whole would take more memory than the run.
  constexpr std::size_t piece = 8192;
  const std::size_t n = h5::length(statuses.get());
  for (std::size_t first = 0; first < n; first += piece) {
    const std::size_t count = std::min(piece, n - first);
    const auto s = h5::read_strings(statuses.get(), first, count);
    std::vector<std::int64_t> w;
    for (std::size_t i = 0; i < count; ++i)
      if (s[i] == wanted) {
        if (w.empty()) w = h5::read_i64(workers.get(), first, count);
        rows.emplace_back(first + i, w[i]);
      }
  }
  return rows;
}

std::size_t unplaced_points(const ResultsTable& table) {
  const auto text = table.attribute(file_attribute::n_unplaced);
  if (!text) return 0;
  const auto n = parse_whole_number(*text, std::numeric_limits<std::uint64_t>::max());
  if (!n)
    throw InputError(printable(table.path, 200) + ": attribute n_unplaced: value '" +
                     printable(*text, 60) + "' is not a whole number");
  return static_cast<std::size_t>(std::min<std::uint64_t>(*n, table.counts.not_run()));
}

std::string describe_counts(const ResultsTable& table) {
  const auto& c = table.counts;
  const auto unplaced_text = table.attribute(file_attribute::n_unplaced);
  const std::size_t unplaced = unplaced_points(table);
  const std::size_t missing = c.not_run() - unplaced;
  std::string s = std::to_string(table.sweep_rows) + " points: " + std::to_string(c.done) +
                  " done, " + std::to_string(c.failed) + " failed, " + std::to_string(c.diverged) +
                  " diverged, " + std::to_string(missing) + " missing (pending or running)";
  if (unplaced_text)
    s += ", " + std::to_string(unplaced) +
         " never placed by the adaptive search (not run, by design)";
  if (table.rows > table.sweep_rows)
    s += "; " + std::to_string(table.rows - table.sweep_rows) +
         " more points of earlier sweeps of this file, outside the current one";
  if (missing > 0) s += ": the sweep is unfinished; verdicts use the finished points only";
  return s;
}

}  // namespace diffsweep::results
