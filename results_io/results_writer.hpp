// Writing a results file (layout: docs/results-format.md): created with every row of every
// column, then updated in place, row by row, as points finish. Crash safety is the caller's (the
// runner writes a copy that no reader sees and publishes it whole; runner/store/).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "results_io/hdf5.hpp"
#include "results_io/results_format.hpp"

namespace diffsweep::results {

using ColumnValues = h5::Values;

// What a /points column holds: reals, integers, unsigned integers (ids, seeds), text, or a point
// status (pending, running, done, failed, diverged).
enum class ColumnType { real, integer, unsigned_integer, boolean, text, status };

struct ColumnSpec {
  ColumnSpec(std::string name_, Role role_, std::string doc_, ColumnType type_,
             std::optional<std::string> default_ = std::nullopt, std::string units_ = {})
      : name(std::move(name_)),
        role(role_),
        doc(std::move(doc_)),
        type(type_),
        default_value(std::move(default_)),
        units(std::move(units_)) {}
  std::string name;
  Role role = Role::point;
  std::string doc;
  ColumnType type = ColumnType::real;
  std::optional<std::string> default_value;  // parameters: the experiment's default
  std::string units;                         // the `units` attribute ("s"); none when empty
};

// Every column's values for rows [first, first + count), in column order; nothing for a column
// that starts at its fill (NaN, 0, "" or "pending") and is written as points finish.
using RowsFiller =
    std::function<std::vector<std::optional<ColumnValues>>(std::size_t first, std::size_t count)>;

using AttributeValue = std::variant<std::string, std::int64_t, double>;
using Attributes = std::vector<std::pair<std::string, AttributeValue>>;
using NamedSeries = std::map<std::string, std::vector<double>>;

class ResultsFileWriter {
 public:
  // Creates `path` (truncating it) with `rows` rows, filled block by block from `fill` so that
  // no column is ever held whole in memory.
  static ResultsFileWriter create(const std::string& path, const std::vector<ColumnSpec>& columns,
                                  std::size_t rows, const RowsFiller& fill);
  // An existing file of ours (format_version as this build writes it), to update.
  static ResultsFileWriter open(const std::string& path);

  // values[k] into row rows[k] of the column.
  void write_rows(const std::string& column, const std::vector<std::uint64_t>& rows,
                  const ColumnValues& values);
  // Each row's series, appended to /series/<name>/values with the row's start and length.
  void add_series(const std::vector<std::pair<std::uint64_t, const NamedSeries*>>& rows);
  void set_attributes(const Attributes& attributes);
  // Flushes, closes and fsyncs; throws StorageError (the file is then not to be trusted).
  void close();

  ResultsFileWriter(ResultsFileWriter&&) = default;
  ResultsFileWriter& operator=(ResultsFileWriter&&) = default;

 private:
  ResultsFileWriter(std::string path, h5::Handle file);
  hid_t column(const std::string& name);
  std::string path_;
  h5::Handle file_, points_, series_;
  std::size_t rows_ = 0;
  std::map<std::string, h5::Handle> open_columns_;
};

// A whole small file at once, written to <path>.tmp and renamed into place (tests, fake files).
struct ResultsContent {
  Attributes attributes;
  std::vector<std::pair<ColumnSpec, ColumnValues>> columns;
  std::vector<std::pair<std::uint64_t, const NamedSeries*>> series;  // by row
};
void write_results_file(const std::string& path, const ResultsContent& content);

// fsync(path), then rename(path, target) and fsync of the folder: after a crash, `target` is
// either the old file or all of the new one. Throws StorageError.
void sync_and_rename(const std::string& path, const std::string& target);

}  // namespace diffsweep::results
