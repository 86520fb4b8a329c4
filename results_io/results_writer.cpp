#include "results_io/results_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>

#include "common/errors.hpp"
#include "common/file_sync.hpp"
#include "results_io/point_status.hpp"

namespace diffsweep::results {

namespace {

// Rows per chunk: large enough that a column of 10^6 rows is 16 chunks, small enough that
// rewriting a few scattered rows touches little.
constexpr std::size_t column_chunk = 65536;
constexpr std::size_t series_chunk = 65536;
// Rows of one column filled per call while creating a file.
constexpr std::size_t fill_block = 65536;

h5::Element element_of(ColumnType t) {
  switch (t) {
    case ColumnType::real:
      return h5::Element::float64;
    case ColumnType::integer:
      return h5::Element::int64;
    case ColumnType::unsigned_integer:
      return h5::Element::uint64;
    case ColumnType::boolean:
      return h5::Element::boolean;
    case ColumnType::text:
    case ColumnType::status:
      return h5::Element::text;
  }
  return h5::Element::float64;
}

h5::Fill fill_of(ColumnType t) {
  switch (t) {
    case ColumnType::real:
      return std::numeric_limits<double>::quiet_NaN();
    case ColumnType::integer:
      return std::int64_t{0};
    case ColumnType::unsigned_integer:
      return std::uint64_t{0};
    case ColumnType::boolean:  // an enum takes no numeric fill: it starts all FALSE (0)
    case ColumnType::text:
      return {};
    case ColumnType::status:
      return std::string(to_string(PointStatus::pending));
  }
  return {};
}

}  // namespace

std::string_view to_string(Role role) {
  switch (role) {
    case Role::point:
      return "point";
    case Role::parameter:
      return "parameter";
    case Role::metric:
      return "metric";
  }
  return "?";
}

Role role_from_text(std::string_view text) {
  if (text == "parameter") return Role::parameter;
  if (text == "metric") return Role::metric;
  return Role::point;
}

ResultsFileWriter::ResultsFileWriter(std::string path, h5::Handle file)
    : path_(std::move(path)), file_(std::move(file)) {
  // The columns in the order created, parameters first, for readers that list them (pandas).
  points_ = h5::exists(file_.get(), group::points)
                ? h5::open_group(file_.get(), group::points)
                : h5::create_group(file_.get(), group::points, true);
  series_ = h5::exists(file_.get(), group::series) ? h5::open_group(file_.get(), group::series)
                                                   : h5::create_group(file_.get(), group::series);
}

ResultsFileWriter ResultsFileWriter::create(const std::string& path,
                                            const std::vector<ColumnSpec>& columns,
                                            std::size_t rows, const RowsFiller& fill) {
  ResultsFileWriter w(path, h5::create_file(path));
  w.rows_ = rows;
  h5::write_attribute(w.file_.get(), file_attribute::format_version, format_version);
  const h5::Handle point = h5::create_dimension(w.file_.get(), dimension::point, rows, false);
  std::vector<hid_t> sets;
  for (const ColumnSpec& spec : columns) {
    h5::Handle set = h5::create_vector(w.points_.get(), spec.name, element_of(spec.type), rows,
                                       std::min(rows, column_chunk), fill_of(spec.type));
    h5::attach_dimension(set.get(), point.get());
    h5::write_attribute(set.get(), attribute::role, std::string(to_string(spec.role)));
    h5::write_attribute(set.get(), attribute::long_name, spec.doc);
    if (spec.default_value)
      h5::write_attribute(set.get(), attribute::default_value, *spec.default_value);
    if (!spec.units.empty()) h5::write_attribute(set.get(), attribute::units, spec.units);
    if (spec.type == ColumnType::boolean)
      h5::write_attribute(set.get(), attribute::dtype, std::string("bool"));
    sets.push_back(set.get());
    w.open_columns_.emplace(spec.name, std::move(set));
  }
  for (std::size_t first = 0; first < rows; first += fill_block) {
    const std::size_t count = std::min(fill_block, rows - first);
    const std::vector<std::optional<ColumnValues>> values = fill(first, count);
    for (std::size_t c = 0; c < sets.size() && c < values.size(); ++c)
      if (values[c]) h5::write_block(sets[c], first, *values[c]);
  }
  return w;
}

ResultsFileWriter ResultsFileWriter::open(const std::string& path) {
  ResultsFileWriter w(path, h5::open_file_write(path));
  if (!h5::has_attribute(w.file_.get(), file_attribute::format_version) ||
      h5::read_int_attribute(w.file_.get(), file_attribute::format_version) != format_version)
    throw StorageError(path + ": not a results file of format_version " +
                       std::to_string(format_version));
  w.rows_ = h5::length(w.column(column::point_id));
  return w;
}

hid_t ResultsFileWriter::column(const std::string& name) {
  auto it = open_columns_.find(name);
  if (it == open_columns_.end())
    it = open_columns_.emplace(name, h5::open_dataset(points_.get(), name)).first;
  return it->second.get();
}

void ResultsFileWriter::write_rows(const std::string& name, const std::vector<std::uint64_t>& rows,
                                   const ColumnValues& values) {
  h5::write_rows(column(name), rows, values);
}

namespace {

// One series name's /series/<name> group: values (dimension `sample`), start and length
// (dimension `point`). `length` is the CF count variable of a contiguous ragged array, so the
// values are kept in row order; `end_row` (an attribute of the group) is one past the last row
// whose values are in `values`, so that rows arriving in order are appended, not rewritten.
struct SeriesGroup {
  h5::Handle group, values, sample, start, length;
};

constexpr const char* end_row_attribute = "end_row";

SeriesGroup open_series(hid_t series, hid_t file, const std::string& name, std::size_t rows) {
  SeriesGroup s;
  if (!h5::exists(series, name)) {
    s.group = h5::create_group(series, name, true);
    s.values =
        h5::create_vector(s.group.get(), "values", h5::Element::float64, 0, series_chunk, {}, true);
    s.sample = h5::create_dimension(s.group.get(), dimension::sample, 0, true);
    h5::attach_dimension(s.values.get(), s.sample.get());
    h5::write_attribute(s.values.get(), attribute::long_name, "series " + name + " of every point");
    s.start = h5::create_vector(s.group.get(), "start", h5::Element::int64, rows,
                                std::min(rows, column_chunk), std::int64_t{-1});
    s.length = h5::create_vector(s.group.get(), "length", h5::Element::int64, rows,
                                 std::min(rows, column_chunk), std::int64_t{0});
    const h5::Handle point = h5::open_dataset(file, dimension::point);
    for (const hid_t set : {s.start.get(), s.length.get()}) h5::attach_dimension(set, point.get());
    h5::write_attribute(s.start.get(), attribute::long_name,
                        "where the point's values begin in values (-1: none)");
    h5::write_attribute(s.length.get(), attribute::long_name, "how many values the point has");
    h5::write_attribute(s.length.get(), attribute::sample_dimension,
                        std::string(dimension::sample));
    h5::write_attribute(s.group.get(), end_row_attribute, std::int64_t{0});
    return s;
  }
  s.group = h5::open_group(series, name);
  s.values = h5::open_dataset(s.group.get(), "values");
  s.sample = h5::open_dataset(s.group.get(), dimension::sample);
  s.start = h5::open_dataset(s.group.get(), "start");
  s.length = h5::open_dataset(s.group.get(), "length");
  return s;
}

// Rows (distinct, ascending) with their values back to back.
struct SeriesBatch {
  std::vector<std::uint64_t> rows;
  std::vector<std::int64_t> start, length;  // into `values`
  std::vector<double> values;
  void add(std::uint64_t row, const double* first, std::size_t count) {
    rows.push_back(row);
    start.push_back(static_cast<std::int64_t>(values.size()));
    length.push_back(static_cast<std::int64_t>(count));
    values.insert(values.end(), first, first + count);
  }
};

// Rows after every row already stored: appended, the file's rows staying in order.
void append_series(SeriesGroup& s, SeriesBatch& b) {
  const auto offset = static_cast<std::int64_t>(h5::append(s.values.get(), b.values));
  h5::resize(s.sample.get(), h5::length(s.values.get()));
  for (auto& x : b.start) x += offset;
  h5::write_rows(s.start.get(), b.rows, b.start);
  h5::write_rows(s.length.get(), b.rows, b.length);
}

// Rows among those stored (points finished out of order, a retried point): the values of the
// batch's first row and every later row are written again in row order, the batch's replacing
// what a row had; earlier rows' values stay where they are. Costs O(values from that row on):
// little when points finish nearly in order (MPI batches), all of them for a retry of row 0.
void rewrite_series(SeriesGroup& s, const SeriesBatch& b) {
  const std::uint64_t first = b.rows.front();
  const std::size_t rows = h5::length(s.start.get()), stored = h5::length(s.values.get());
  const std::vector<std::int64_t> start = h5::read_i64(s.start.get(), first, rows - first);
  const std::vector<std::int64_t> length = h5::read_i64(s.length.get(), first, rows - first);
  // The values are in row order, so the rows from `first` on hold [offset, stored).
  std::size_t offset = stored;
  for (const std::int64_t x : start)
    if (x >= 0) {
      offset = static_cast<std::size_t>(x);
      break;
    }
  const std::vector<double> old = h5::read_doubles(s.values.get(), offset, stored - offset);
  SeriesBatch tail;
  std::size_t k = 0;
  for (std::uint64_t row = first; row < rows; ++row) {
    const std::size_t i = row - first;
    if (k < b.rows.size() && b.rows[k] == row) {
      tail.add(row, b.values.data() + b.start[k], static_cast<std::size_t>(b.length[k]));
      ++k;
    } else if (start[i] >= 0) {
      tail.add(row, old.data() + (static_cast<std::size_t>(start[i]) - offset),
               static_cast<std::size_t>(length[i]));
    }
  }
  for (auto& x : tail.start) x += static_cast<std::int64_t>(offset);
  h5::resize(s.values.get(), offset + tail.values.size());
  h5::resize(s.sample.get(), offset + tail.values.size());
  h5::write_block(s.values.get(), offset, tail.values);
  h5::write_rows(s.start.get(), tail.rows, tail.start);
  h5::write_rows(s.length.get(), tail.rows, tail.length);
}

}  // namespace

void ResultsFileWriter::add_series(
    const std::vector<std::pair<std::uint64_t, const NamedSeries*>>& rows) {
  std::vector<std::pair<std::uint64_t, const NamedSeries*>> by_row = rows;
  std::sort(by_row.begin(), by_row.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::map<std::string, SeriesBatch> batches;
  for (const auto& [row, named] : by_row)
    for (const auto& [name, values] : *named) batches[name].add(row, values.data(), values.size());
  for (auto& [name, b] : batches) {
    SeriesGroup s = open_series(series_.get(), file_.get(), name, rows_);
    const auto end_row =
        static_cast<std::uint64_t>(h5::read_int_attribute(s.group.get(), end_row_attribute));
    if (b.rows.front() >= end_row)
      append_series(s, b);
    else
      rewrite_series(s, b);
    h5::write_attribute(s.group.get(), end_row_attribute,
                        static_cast<std::int64_t>(std::max(end_row, b.rows.back() + 1)));
  }
}

void ResultsFileWriter::set_attributes(const Attributes& attributes) {
  for (const auto& [name, value] : attributes)
    std::visit([&, &name = name](const auto& v) { h5::write_attribute(file_.get(), name, v); },
               value);
}

void ResultsFileWriter::close() {
  h5::flush(file_.get(), "flush " + path_);
  open_columns_.clear();
  series_ = {};
  points_ = {};
  file_ = {};
  fsync_path(path_);
}

void sync_and_rename(const std::string& path, const std::string& target) {
  fsync_path(path);
  if (std::rename(path.c_str(), target.c_str()) != 0)
    throw StorageError("cannot rename " + path + " to " + target + ": " + std::strerror(errno));
  fsync_folder_of(target);
}

void write_results_file(const std::string& path, const ResultsContent& content) {
  const std::string tmp = path + ".tmp";
  std::vector<ColumnSpec> specs;
  for (const auto& [spec, values] : content.columns) specs.push_back(spec);
  const std::size_t rows =
      content.columns.empty()
          ? 0
          : std::visit([](const auto& v) { return v.size(); }, content.columns.front().second);
  // Small files: every column in one block.
  ResultsFileWriter w =
      ResultsFileWriter::create(tmp, specs, rows, [&](std::size_t first, std::size_t count) {
        std::vector<std::optional<ColumnValues>> out;
        for (const auto& column : content.columns)
          out.push_back(std::visit(
              [&](const auto& v) -> ColumnValues {
                using V = std::decay_t<decltype(v)>;
                return V(v.begin() + static_cast<std::ptrdiff_t>(first),
                         v.begin() + static_cast<std::ptrdiff_t>(first + count));
              },
              column.second));
        return out;
      });
  w.set_attributes(content.attributes);
  w.add_series(content.series);
  w.close();
  sync_and_rename(tmp, path);
}

}  // namespace diffsweep::results
