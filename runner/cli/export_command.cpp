#include "runner/cli/export_command.hpp"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "common/errors.hpp"
#include "common/number_text.hpp"
#include "results_io/results_format.hpp"
#include "results_io/results_reader.hpp"

namespace diffsweep {

namespace {

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// NaN (an unset or missing value) as an empty field, which every CSV reader takes as missing.
std::string csv_number(double v) { return std::isnan(v) ? "" : exact_number(v); }

// A CSV written to a temporary beside its name, which it takes only once whole (commit), and
// never from an existing file: a failed export leaves nothing under the name, so the same
// command runs again. The temporary is named for this process, so no other file is written over.
class CsvFile {
 public:
  explicit CsvFile(std::string path)
      : path_(std::move(path)), tmp_(path_ + ".tmp-" + std::to_string(::getpid())) {
    if (std::filesystem::exists(path_))
      throw InputError(path_ +
                       " exists; export writes a new file (remove it or give another name)");
  }
  // Creates the temporary (once every name is known to be free).
  std::ofstream& out() {
    if (!created_) {
      out_.open(tmp_, std::ios::binary | std::ios::trunc);
      if (!out_) fail();
      created_ = true;
    }
    return out_;
  }
  // Every byte written, or StorageError.
  void finish() {
    out_.close();
    if (!out_) fail();
  }
  // Takes the name; link(2) fails rather than replace a file that appeared meanwhile.
  void commit() {
    if (::link(tmp_.c_str(), path_.c_str()) != 0) {
      if (errno == EEXIST)
        throw InputError(path_ +
                         " exists; export writes a new file (remove it or give another name)");
      fail();
    }
    ::unlink(tmp_.c_str());
    committed_ = true;
  }
  // Gives the name up again (another file of the same export failed to take its own).
  void withdraw() {
    if (committed_) ::unlink(path_.c_str());
    committed_ = false;
  }
  ~CsvFile() {
    if (created_) ::unlink(tmp_.c_str());
  }
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;

 private:
  [[noreturn]] void fail() {
    throw StorageError("cannot write " + path_ + ": " + std::strerror(errno));
  }
  std::string path_, tmp_;
  std::ofstream out_;
  bool created_ = false, committed_ = false;
};

void write_points(const results::ResultsTable& t, CsvFile& file) {
  auto& out = file.out();
  for (std::size_t c = 0; c < t.column_order.size(); ++c)
    out << (c ? "," : "") << csv_field(t.column_order[c]);
  out << "\n";
  for (std::size_t r = 0; r < t.rows; ++r) {
    for (std::size_t c = 0; c < t.column_order.size(); ++c) {
      const std::string& name = t.column_order[c];
      const results::Column& col = t.columns.at(name);
      out << (c ? "," : "");
      if (name == results::column::point_id)
        out << t.point_id[r];
      else if (name == results::column::seed && r < t.seed.size())
        out << t.seed[r];
      else if (col.is_text)
        out << csv_field(col.text[r]);
      else
        out << csv_number(col.numbers[r]);
    }
    out << "\n";
  }
  file.finish();
}

void write_series(const results::ResultsTable& t, CsvFile& file) {
  auto& out = file.out();
  out << "point_id,series,index,value\n";
  for (const auto& name : results::series_names(t)) {
    const results::SeriesColumn s = results::read_series_column(t, name);
    for (std::size_t r = 0; r < t.rows; ++r) {
      const std::vector<double> values = s.row(r);
      for (std::size_t k = 0; k < values.size(); ++k)
        out << t.point_id[r] << "," << csv_field(name) << "," << k << "," << csv_number(values[k])
            << "\n";
    }
  }
  file.finish();
}

}  // namespace

int export_csv(const std::string& results_path, const std::string& points_csv,
               const std::string& series_csv) {
  const results::ResultsTable t = results::load_results(results_path);
  if (!points_csv.empty() && points_csv == series_csv)
    throw InputError("export: --csv and --series-csv name the same file " + points_csv);
  // Both names are checked before anything is written, and both are taken only once both files
  // are whole: an export that fails leaves neither (the first would block the next export).
  std::optional<CsvFile> points, series;
  if (!points_csv.empty()) points.emplace(points_csv);
  if (!series_csv.empty()) series.emplace(series_csv);
  if (points) write_points(t, *points);
  if (series) write_series(t, *series);
  if (points) points->commit();
  if (series) {
    try {
      series->commit();
    } catch (const Error&) {
      if (points) points->withdraw();
      throw;
    }
  }
  if (points)
    std::cerr << "diffsweep: " << t.rows << " points of " << results_path << " in " << points_csv
              << "\n";
  if (series)
    std::cerr << "diffsweep: the series of " << results_path << " in " << series_csv << "\n";
  return 0;
}

}  // namespace diffsweep
