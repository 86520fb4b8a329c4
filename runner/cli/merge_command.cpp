#include "runner/cli/merge_command.hpp"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "common/errors.hpp"
#include "common/number_text.hpp"
#include "results_io/results_format.hpp"
#include "results_io/results_reader.hpp"
#include "runner/mpi/launch_info.hpp"
#include "runner/run/point_execution.hpp"
#include "runner/run/sweep_run.hpp"
#include "runner/store/results_store.hpp"
#include "runner/sweep/file_sweep.hpp"
#include "runner/sweep/sweep_file.hpp"

namespace diffsweep {

namespace {

// Rows are turned into records this many at a time, bounding the records held at once.
constexpr std::size_t rows_per_batch = 16384;

bool same_number(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

// One input file, loaded: its table and every series.
struct Input {
  results::ResultsTable table;
  std::map<std::string, results::SeriesColumn> series;

  bool finished(std::size_t row) const {
    const auto s = results::status_from_text(table.status[row]);
    return s && results::is_finished(*s);
  }
  std::string text(const char* column, std::size_t row) const {
    return table.has(column) ? table.text(column)[row] : "";
  }
  double number(const std::string& column, std::size_t row) const {
    return table.has(column) ? table.numbers(column)[row] : std::nan("");
  }
};

// The most attempts a row may record (a point's attempt is counted in 32 bits).
constexpr double max_attempts = 4294967295.0;

// HDF5 keeps no checksum of a column's values, so a value damaged on disk reads without error.
// What merge trusts of each row is checked against the sweep before anything is written: a
// damaged input is refused by name, and no half-merged output is left to block the next merge.
void check_rows(const Input& in, const Sweep& sweep) {
  const std::string& path = in.table.path;
  for (std::size_t row = 0; row < sweep.size(); ++row) {
    if (in.table.point_id[row] != sweep.point_id(row))
      throw InputError(path + ": row " + std::to_string(row) + ": point_id " +
                       std::to_string(in.table.point_id[row]) + ", where its sweep has point " +
                       std::to_string(sweep.point_id(row)) + " (the file is damaged)");
    const double attempts = in.number(results::column::attempts, row);
    if (in.finished(row) && !std::isnan(attempts) &&
        !(attempts >= 1 && attempts <= max_attempts && attempts == std::floor(attempts)))
      throw InputError(path + ": row " + std::to_string(row) + ": attempts " +
                       display_number(attempts) +
                       " is not a count of attempts (the file is damaged)");
  }
}

// Whether two finished rows hold the same outcome.
bool same_outcome(const Input& a, const Input& b, std::size_t row, const Experiment& e) {
  if (a.table.status[row] != b.table.status[row]) return false;
  for (const auto& m : e.metrics())
    if (!same_number(a.number(m.name, row), b.number(m.name, row))) return false;
  for (const auto& [name, column] : a.series) {
    const auto other = b.series.find(name);
    const auto va = column.row(row);
    const auto vb = other == b.series.end() ? std::vector<double>() : other->second.row(row);
    if (va.size() != vb.size()) return false;
    for (std::size_t k = 0; k < va.size(); ++k)
      if (!same_number(va[k], vb[k])) return false;
  }
  return true;
}

// A finished row as the records that made it: its earlier attempts' errors, then its outcome.
void append_records(const Input& in, std::size_t row, const Experiment& e,
                    std::vector<PointRecord>& out) {
  PointRecord r;
  r.index = row;
  r.point_id = in.table.point_id[row];
  r.status = *results::status_from_text(in.table.status[row]);
  r.error = in.text(results::column::error, row);
  r.worker = static_cast<std::int32_t>(in.number(results::column::worker, row));
  r.wall_seconds = in.number(results::column::wall_seconds, row);
  r.seed = row < in.table.seed.size() ? in.table.seed[row] : 0;
  r.host = in.text(results::column::host, row);
  for (const auto& m : e.metrics())
    if (const double v = in.number(m.name, row);
        !std::isnan(v) || r.status == PointStatus::diverged)
      r.result.scalars[m.name] = v;
  for (const auto& [name, column] : in.series)
    if (auto v = column.row(row); !v.empty()) r.result.series[name] = std::move(v);

  const double attempts = in.number(results::column::attempts, row);
  const std::string earlier = in.text(results::column::earlier_errors, row);
  std::vector<std::string> errors;
  for (std::size_t start = 0; !earlier.empty();) {
    const auto bar = earlier.find(" | ", start);
    errors.push_back(earlier.substr(start, bar - start));
    if (bar == std::string::npos) break;
    start = bar + 3;
  }
  if (attempts > 1) errors.resize(static_cast<std::size_t>(attempts) - 1);
  for (const auto& error : errors) {
    PointRecord first = r;
    first.status = PointStatus::failed;
    first.error = error;
    first.result = {};
    out.push_back(std::move(first));
  }
  out.push_back(std::move(r));
}

}  // namespace

int merge_results(const std::string& output, const std::vector<std::string>& inputs) {
  for (const std::string& p : {output, journal_path(output)})
    if (std::filesystem::exists(p))
      throw InputError(p + " exists; merge writes a new results file (give another name)");
  std::vector<Input> in;
  FileSweep base;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    Input input{results::load_results(inputs[i]), {}};
    FileSweep f = sweep_of(input.table, "merge");
    if (i == 0) {
      base = std::move(f);
    } else if (f.sweep.hash != base.sweep.hash) {
      throw InputError(inputs[i] + " holds another sweep (" + f.spec.name + ", hash " +
                       results::hex_id(f.sweep.hash) + ") than " + inputs[0] + " (" +
                       base.spec.name + ", hash " + results::hex_id(base.sweep.hash) +
                       "); merge joins files of one sweep");
    }
    if (input.table.sweep_rows != base.sweep.size())
      throw InputError(inputs[i] + " has " + std::to_string(input.table.sweep_rows) +
                       " rows, its sweep " + std::to_string(base.sweep.size()) + " points");
    // Points of earlier sweeps that this one no longer names stay in the inputs only.
    if (const std::size_t outside = input.table.rows - input.table.sweep_rows; outside > 0)
      std::cerr << "diffsweep: merge: " << inputs[i] << ": " << outside
                << " points outside the current sweep are not merged (they stay in that file)\n";
    check_rows(input, base.sweep);
    for (const auto& name : results::series_names(input.table))
      input.series.emplace(name, results::read_series_column(input.table, name));
    in.push_back(std::move(input));
  }

  // The row each point takes, every conflict found before anything is written.
  const Experiment& e = *base.experiment;
  const auto chosen_for = [&](std::size_t row) -> const Input* {
    const Input* chosen = nullptr;
    for (const Input& input : in) {
      if (!input.finished(row)) continue;
      if (!chosen)
        chosen = &input;
      else if (!same_outcome(*chosen, input, row, e))
        throw InputError("point " + std::to_string(row) + " (id " +
                         std::to_string(base.sweep.point_id(row)) +
                         ") finished with different results in " + chosen->table.path + " and " +
                         input.table.path + "; merge refuses to choose");
    }
    return chosen;
  };
  for (std::size_t row = 0; row < base.sweep.size(); ++row) chosen_for(row);

  RunInfo info = make_run_info({host_name()}, launch_info());
  info.selection = "merge of";
  for (const auto& p : inputs) info.selection += " " + p;
  ResultsStore store(output, base.sweep, info, false);
  std::vector<PointRecord> records;
  for (std::size_t first = 0; first < base.sweep.size(); first += rows_per_batch) {
    records.clear();
    const std::size_t end = std::min(base.sweep.size(), first + rows_per_batch);
    for (std::size_t row = first; row < end; ++row)
      if (const Input* chosen = chosen_for(row)) append_records(*chosen, row, e, records);
    store.add_history(records);
  }
  store.snapshot(true);
  const auto& c = store.counts();
  std::cout << "merged " << inputs.size() << " files into " << output << ": " << base.sweep.size()
            << " points, " << c.done << " done, " << c.failed << " failed, " << c.diverged
            << " diverged, " << c.not_run() << " not run\n";
  return 0;
}

}  // namespace diffsweep
