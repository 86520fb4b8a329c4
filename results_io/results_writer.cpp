#include "results_io/results_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

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
      return h5::Element::text;
    case ColumnType::status:
      return h5::Element::short_text;
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
  h5::write_attribute(w.file_.get(), "format_version", format_version);
  std::vector<hid_t> sets;
  for (const ColumnSpec& spec : columns) {
    h5::Handle set = h5::create_vector(w.points_.get(), spec.name, element_of(spec.type), rows,
                                       std::min(rows, column_chunk), fill_of(spec.type));
    h5::write_attribute(set.get(), attribute::role, std::string(to_string(spec.role)));
    h5::write_attribute(set.get(), attribute::doc, spec.doc);
    if (spec.default_value)
      h5::write_attribute(set.get(), attribute::default_value, *spec.default_value);
    if (!spec.units.empty()) h5::write_attribute(set.get(), attribute::units, spec.units);
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
  if (!h5::has_attribute(w.file_.get(), "format_version") ||
      h5::read_int_attribute(w.file_.get(), "format_version") != format_version)
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

void ResultsFileWriter::add_series(
    const std::vector<std::pair<std::uint64_t, const NamedSeries*>>& rows) {
  // Per series name: the rows that have it, their values back to back, and where each begins.
  struct Batch {
    std::vector<std::uint64_t> rows;
    std::vector<double> values;
    std::vector<std::int64_t> start, length;
  };
  std::map<std::string, Batch> batches;
  for (const auto& [row, named] : rows)
    for (const auto& [name, values] : *named) {
      Batch& b = batches[name];
      b.rows.push_back(row);
      b.start.push_back(static_cast<std::int64_t>(b.values.size()));
      b.length.push_back(static_cast<std::int64_t>(values.size()));
      b.values.insert(b.values.end(), values.begin(), values.end());
    }
  for (auto& [name, b] : batches) {
    if (!h5::exists(series_.get(), name)) {
      h5::Handle g = h5::create_group(series_.get(), name);
      h5::create_vector(g.get(), "values", h5::Element::float64, 0, series_chunk, {}, true);
      h5::create_vector(g.get(), "start", h5::Element::int64, rows_, std::min(rows_, column_chunk),
                        std::int64_t{-1});
      h5::create_vector(g.get(), "length", h5::Element::int64, rows_, std::min(rows_, column_chunk),
                        std::int64_t{0});
    }
    h5::Handle g = h5::open_group(series_.get(), name);
    h5::Handle values = h5::open_dataset(g.get(), "values");
    const auto offset = static_cast<std::int64_t>(h5::append(values.get(), b.values));
    for (auto& s : b.start) s += offset;
    h5::Handle start = h5::open_dataset(g.get(), "start");
    h5::Handle length = h5::open_dataset(g.get(), "length");
    h5::write_rows(start.get(), b.rows, b.start);
    h5::write_rows(length.get(), b.rows, b.length);
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
