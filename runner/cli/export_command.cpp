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
#include "common/file_sync.hpp"
#include "common/number_text.hpp"
#include "results_io/results_format.hpp"
#include "results_io/results_reader.hpp"
#include "results_io/results_writer.hpp"
#include "runner/cli/grid_view.hpp"

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

// A file written to a temporary beside its name, which it takes only once whole (commit), and
// never from an existing file: a failed export leaves nothing under the name, so the same
// command runs again. The temporary is named for this process, so no other file is written over.
class NewFile {
 public:
  explicit NewFile(std::string path)
      : path_(std::move(path)), tmp_(path_ + ".tmp-" + std::to_string(::getpid())) {
    if (std::filesystem::exists(path_)) refuse();
  }
  const std::string& path() const { return path_; }
  const std::string& tmp() const { return tmp_; }
  // Takes the name; link(2) fails rather than replace a file that appeared meanwhile.
  void commit() {
    fsync_path(tmp_);
    if (::link(tmp_.c_str(), path_.c_str()) != 0) {
      if (errno == EEXIST) refuse();
      throw StorageError("cannot write " + path_ + ": " + std::strerror(errno));
    }
    ::unlink(tmp_.c_str());
    committed_ = true;
  }
  // Gives the name up again (another file of the same export failed to take its own).
  void withdraw() {
    if (committed_) ::unlink(path_.c_str());
    committed_ = false;
  }
  ~NewFile() { ::unlink(tmp_.c_str()); }
  NewFile(const NewFile&) = delete;
  NewFile& operator=(const NewFile&) = delete;

 private:
  [[noreturn]] void refuse() const {
    throw InputError(path_ + " exists; export writes a new file (remove it or give another name)");
  }
  std::string path_, tmp_;
  bool committed_ = false;
};

// A CSV export: its temporary is created once every name is known to be free.
class CsvFile {
 public:
  explicit CsvFile(std::string path) : file_(std::move(path)) {}
  std::ofstream& out() {
    if (!out_.is_open()) {
      out_.open(file_.tmp(), std::ios::binary | std::ios::trunc);
      if (!out_) fail();
    }
    return out_;
  }
  // Every byte written, or StorageError.
  void finish() {
    out_.close();
    if (!out_) fail();
  }
  NewFile& file() { return file_; }

 private:
  [[noreturn]] void fail() {
    throw StorageError("cannot write " + file_.path() + ": " + std::strerror(errno));
  }
  NewFile file_;
  std::ofstream out_;
};

void write_points(const results::ResultsTable& t, std::ostream& out) {
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
}

void write_series(const results::ResultsTable& t, std::ostream& out) {
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
}

// `-` for a CSV: standard output, for a pipe.
constexpr const char* standard_output = "-";

// A CSV to its file (CsvFile) or, named `-`, to standard output.
void write_csv(const results::ResultsTable& t, const std::string& name,
               std::optional<CsvFile>& file,
               void (*write)(const results::ResultsTable&, std::ostream&)) {
  if (name.empty()) return;
  if (file) {
    write(t, file->out());
    file->finish();
    return;
  }
  write(t, std::cout);
  if (!std::cout.flush()) throw StorageError("cannot write the standard output");
}

std::string where(const std::string& name) {
  return name == standard_output ? "on standard output" : "in " + name;
}

}  // namespace

int export_files(const std::string& results_path, const ExportFiles& files) {
  const results::ResultsTable t = results::load_results(results_path);
  const std::vector<std::string> names = {files.points_csv, files.series_csv, files.netcdf};
  for (std::size_t a = 0; a < names.size(); ++a)
    for (std::size_t b = a + 1; b < names.size(); ++b)
      if (!names[a].empty() && names[a] == names[b])
        throw InputError("export: two of --csv, --series-csv and --netcdf name the same file " +
                         names[a]);
  if (files.netcdf == standard_output)
    throw InputError("export: --netcdf needs a file name (an HDF5 file cannot be a pipe)");
  // Every name is checked before anything is written, and all are taken only once every file is
  // whole: an export that fails leaves none (one left behind would block the next export).
  std::optional<CsvFile> points, series;
  std::optional<NewFile> grid;
  if (!files.points_csv.empty() && files.points_csv != standard_output)
    points.emplace(files.points_csv);
  if (!files.series_csv.empty() && files.series_csv != standard_output)
    series.emplace(files.series_csv);
  if (!files.netcdf.empty()) grid.emplace(files.netcdf);
  write_csv(t, files.points_csv, points, write_points);
  write_csv(t, files.series_csv, series, write_series);
  if (grid) write_grid_view(t, grid->tmp());
  std::vector<NewFile*> taken;
  try {
    for (NewFile* f : {points ? &points->file() : nullptr, series ? &series->file() : nullptr,
                       grid ? &*grid : nullptr})
      if (f) {
        f->commit();
        taken.push_back(f);
      }
  } catch (const Error&) {
    for (NewFile* f : taken) f->withdraw();
    throw;
  }
  if (!files.points_csv.empty())
    std::cerr << "diffsweep: " << t.rows << " points of " << results_path << " "
              << where(files.points_csv) << "\n";
  if (!files.series_csv.empty())
    std::cerr << "diffsweep: the series of " << results_path << " " << where(files.series_csv)
              << "\n";
  if (grid)
    std::cerr << "diffsweep: the grid view of " << results_path << " in " << files.netcdf << "\n";
  return 0;
}

}  // namespace diffsweep
