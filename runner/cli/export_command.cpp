#include "runner/cli/export_command.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>

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

// Written beside the target and renamed over it at the end, so a failed export leaves nothing
// half written under the asked name.
class CsvFile {
 public:
  explicit CsvFile(std::string path) : path_(std::move(path)), tmp_(path_ + ".tmp") {
    if (std::filesystem::exists(path_))
      throw InputError(path_ +
                       " exists; export writes a new file (remove it or give another name)");
    out_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!out_) throw StorageError("cannot write " + tmp_);
  }
  std::ofstream& out() { return out_; }
  void commit() {
    out_.close();
    if (!out_ || std::rename(tmp_.c_str(), path_.c_str()) != 0)
      throw StorageError("cannot write " + path_);
    committed_ = true;
  }
  ~CsvFile() {
    if (!committed_) std::remove(tmp_.c_str());
  }

 private:
  std::string path_, tmp_;
  std::ofstream out_;
  bool committed_ = false;
};

void write_points(const results::ResultsTable& t, const std::string& path) {
  CsvFile file(path);
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
  file.commit();
}

void write_series(const results::ResultsTable& t, const std::string& path) {
  CsvFile file(path);
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
  file.commit();
}

}  // namespace

int export_csv(const std::string& results_path, const std::string& points_csv,
               const std::string& series_csv) {
  const results::ResultsTable t = results::load_results(results_path);
  if (!points_csv.empty()) {
    write_points(t, points_csv);
    std::cerr << "diffsweep: " << t.rows << " points of " << results_path << " in " << points_csv
              << "\n";
  }
  if (!series_csv.empty()) {
    write_series(t, series_csv);
    std::cerr << "diffsweep: the series of " << results_path << " in " << series_csv << "\n";
  }
  return 0;
}

}  // namespace diffsweep
