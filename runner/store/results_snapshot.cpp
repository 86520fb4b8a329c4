#include "runner/store/results_snapshot.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "common/seeding.hpp"
#include "results_io/hdf5.hpp"
#include "runner/run/sweep_experiment.hpp"

namespace diffsweep {

namespace file_attribute = results::file_attribute;

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
using results::ColumnSpec;
using results::ColumnType;
using results::ColumnValues;
using results::Role;
namespace column = results::column;

// The file's rows: the sweep's points, then the outside rows, each as (its sweep, its index).
struct Rows {
  const Sweep& sweep;
  const OutsideRows& outside;
  std::size_t size() const { return sweep.size() + outside.size(); }
  std::pair<const Sweep*, std::size_t> at(std::size_t row) const {
    if (row < sweep.size()) return {&sweep, row};
    return {&outside.sweep(row - sweep.size()), outside.index(row - sweep.size())};
  }
  const ParamValue* value(std::size_t row, const std::string& name) const {
    const auto [s, i] = at(row);
    return s->value(i, name);
  }
  bool sets_everywhere(const std::string& name) const {
    return sweep.sets_everywhere(name) && outside.sets_everywhere(name);
  }
};

// Integers are int64 and booleans booleans where every point sets them; an optional one is
// float64 with NaN where unset.
ColumnType parameter_type(const ParamSpec& spec, const Rows& rows) {
  if (spec.type == ParamType::choice) return ColumnType::text;
  if (spec.type == ParamType::real || !rows.sets_everywhere(spec.name)) return ColumnType::real;
  return spec.type == ParamType::boolean ? ColumnType::boolean : ColumnType::integer;
}

// CF's units of a number the experiment declares: "1" for a pure number.
std::string cf_units(const std::string& declared) { return declared.empty() ? "1" : declared; }

// Parameters first (in the experiment's order), then metrics, then the runner's own columns.
std::vector<ColumnSpec> columns_of(const Rows& rows) {
  const Experiment& e = rows.sweep.experiment();
  std::vector<ColumnSpec> c;
  const KeyValues& recorded = rows.sweep.spec.recorded_defaults;
  for (const auto& p : e.params()) {
    const ColumnType type = parameter_type(p, rows);
    const bool number = type == ColumnType::real || type == ColumnType::integer;
    // The defaults the sweep started with, which its points' ids cover.
    const auto r = find_key(recorded, p.name);
    c.emplace_back(p.name, Role::parameter, p.doc, type,
                   r != recorded.end() ? r->second : p.default_value,
                   number ? cf_units(p.units) : std::string());
  }
  for (const auto& m : e.metrics())
    c.emplace_back(m.name, Role::metric, m.doc, ColumnType::real, std::nullopt, cf_units(m.units));
  const auto point = [&](const char* name, const char* doc, ColumnType type,
                         const char* units = "") {
    c.emplace_back(name, Role::point, doc, type, std::nullopt, units);
  };
  point(column::point_id, "stable id (docs/results-format.md)", ColumnType::unsigned_integer);
  point(column::replicate, "replicate index, 0 .. replicates-1", ColumnType::integer);
  point(column::seed, "the seed the point ran with (derived from the sweep seed and point id)",
        ColumnType::unsigned_integer);
  point(column::status, "pending, running, done, failed or diverged", ColumnType::status);
  point(column::error, "why the point failed or diverged; empty otherwise", ColumnType::text);
  point(column::worker, "MPI rank that ran the point (0 in a single-process run)",
        ColumnType::integer);
  point(column::host, "the host that ran the point", ColumnType::text);
  point(column::wall_seconds, "seconds the point took on its worker", ColumnType::real, "s");
  point(column::attempts, "how many times the point ran (more than 1 after --retry)",
        ColumnType::integer);
  point(column::earlier_errors, "the errors of its earlier attempts, ' | ' between them",
        ColumnType::text);
  point(column::in_sweep,
        "false on a point of an earlier sweep of this file that the current sweep no longer names",
        ColumnType::boolean);
  return c;
}

ColumnValues parameter_values(const Rows& sweep, const ColumnSpec& c, std::size_t first,
                              std::size_t count) {
  if (c.type == ColumnType::text) {
    std::vector<std::string> v;
    v.reserve(count);
    for (std::size_t i = first; i < first + count; ++i) {
      const ParamValue* value = sweep.value(i, c.name);
      v.push_back(value ? std::get<std::string>(*value) : std::string());
    }
    return v;
  }
  if (c.type == ColumnType::integer || c.type == ColumnType::boolean) {
    std::vector<std::int64_t> v;
    v.reserve(count);
    for (std::size_t i = first; i < first + count; ++i)
      v.push_back(static_cast<std::int64_t>(std::get<double>(*sweep.value(i, c.name))));
    return v;
  }
  std::vector<double> v;
  v.reserve(count);
  for (std::size_t i = first; i < first + count; ++i) {
    const ParamValue* value = sweep.value(i, c.name);
    v.push_back(value ? std::get<double>(*value) : nan);
  }
  return v;
}

}  // namespace

void check_column_names(const Experiment& experiment) {
  std::set<std::string> names(results::point_columns.begin(), results::point_columns.end());
  const auto claim = [&](const std::string& name, const char* role) {
    if (!names.insert(name).second)
      throw std::logic_error("experiment '" + std::string(experiment.name()) + "': " + role + " '" +
                             name + "' has the name of another column of /points");
  };
  for (const auto& p : experiment.params()) claim(p.name, "parameter");
  for (const auto& m : experiment.metrics()) claim(m.name, "metric");
}

void create_results_file(const std::string& path, const Sweep& sweep, const OutsideRows& outside) {
  const Rows rows{sweep, outside};
  const std::vector<ColumnSpec> columns = columns_of(rows);
  auto file = results::ResultsFileWriter::create(
      path, columns, rows.size(), [&](std::size_t first, std::size_t count) {
        std::vector<std::optional<ColumnValues>> out(columns.size());
        std::vector<std::uint64_t> ids(count), seeds(count);
        std::vector<std::int64_t> replicate(count), in_sweep(count);
        for (std::size_t k = 0; k < count; ++k) {
          const auto [s, i] = rows.at(first + k);
          ids[k] = s->point_id(i);
          seeds[k] = s->seed(i, ids[k]);
          replicate[k] = s->replicate(i);
          in_sweep[k] = s == &sweep;
        }
        for (std::size_t c = 0; c < columns.size(); ++c) {
          const std::string& name = columns[c].name;
          if (columns[c].role == Role::parameter)
            out[c] = parameter_values(rows, columns[c], first, count);
          else if (name == column::point_id)
            out[c] = ids;
          else if (name == column::seed)
            out[c] = seeds;
          else if (name == column::replicate)
            out[c] = replicate;
          else if (name == column::in_sweep)
            out[c] = in_sweep;
        }
        return out;
      });
  file.close();
}

std::string sweep_history_json(const std::vector<EarlierSweep>& history) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const EarlierSweep& e : history)
    j.push_back({{"hash", results::hex_id(e.hash)},
                 {"n_points", e.n_points},
                 {"path", e.path},
                 {"overrides", e.overrides},
                 {"until", e.until},
                 {"text", e.text}});
  return j.dump();
}

results::Attributes sweep_attributes(const Sweep& sweep, const RunInfo& info,
                                     const StatusCounts& counts, const std::string& ended,
                                     std::uint64_t journal_bytes) {
  const auto as_int = [](std::size_t n) { return static_cast<std::int64_t>(n); };
  std::string axes, overrides;
  for (const auto& a : sweep.axis_names) axes += (axes.empty() ? "" : ",") + a;
  for (const auto& o : sweep.spec.overrides) overrides += (overrides.empty() ? "" : "\n") + o;
  // CF's global attributes, so that netCDF tools say what the file is.
  std::string history = info.started + " diffsweep " + sweep.spec.path;
  for (const auto& o : sweep.spec.overrides) history += " " + o;
  if (info.run_started != info.started) history += "; " + info.run_started + " resumed";
  results::Attributes attributes = {
      {file_attribute::conventions, std::string("CF-1.8")},
      {file_attribute::title, "diffsweep sweep " + sweep.spec.name + " of experiment " +
                                  std::string(sweep.experiment().name())},
      {file_attribute::source, "diffsweep " + info.version + " (" + info.git_commit + ")"},
      {file_attribute::history, history},
      {file_attribute::experiment, std::string(sweep.experiment().name())},
      {file_attribute::sweep_name, sweep.spec.name},
      {file_attribute::sweep_file, sweep.spec.path},
      {file_attribute::sweep_text, sweep.spec.text},
      {file_attribute::sweep_hash, results::hex_id(sweep.hash)},
      {file_attribute::axes, axes},
      {file_attribute::diffsweep_version, info.version},
      {file_attribute::git_commit, info.git_commit},
      {file_attribute::hdf5_version, h5::library_version()},
      {file_attribute::mpi_version, info.mpi_version},
      {file_attribute::host, info.host},
      {file_attribute::rank_hosts, info.rank_hosts},
      {file_attribute::launcher, info.launcher},
      {file_attribute::job_id, info.job_id},
      {file_attribute::array_task_id, info.array_task_id},
      {file_attribute::started, info.started},
      {file_attribute::run_started, info.run_started},
      {file_attribute::ended, ended},
      {file_attribute::sweep_seed, static_cast<std::int64_t>(sweep.spec.seed)},
      {file_attribute::replicates, sweep.spec.replicates},
      {file_attribute::ranks, info.ranks},
      {file_attribute::n_points, as_int(sweep.size())},
      {file_attribute::n_pending, as_int(counts.not_run())},
      {file_attribute::n_done, as_int(counts.done)},
      {file_attribute::n_failed, as_int(counts.failed)},
      {file_attribute::n_diverged, as_int(counts.diverged)},
      {file_attribute::journal_bytes, static_cast<std::int64_t>(journal_bytes)},
      {file_attribute::overrides, overrides},
      {file_attribute::selection, info.selection},
      {file_attribute::writer_cpu_seconds, process_cpu_seconds()},
  };
  if (const auto plugin = plugin_location(sweep.spec)) {
    attributes.emplace_back(file_attribute::plugin, plugin->given);
    attributes.emplace_back(file_attribute::plugin_path, plugin->resolved);
  }
  return attributes;
}

RowChanges::RowChanges(const Experiment& experiment)
    : experiment_(experiment), metrics_(experiment.metrics().size()) {}

void RowChanges::clear() {
  slot_of_.clear();
  rows_.clear();
  status_.clear();
  worker_.clear();
  finished_.clear();
  done_slots_.clear();
  wall_.clear();
  error_.clear();
  seed_.clear();
  host_.clear();
  attempts_.clear();
  earlier_.clear();
  for (auto& m : metrics_) m.clear();
  series_.clear();
  done_of_.clear();
}

std::size_t RowChanges::slot(std::uint64_t row) {
  const auto [it, fresh] = slot_of_.emplace(row, rows_.size());
  if (fresh) {
    rows_.push_back(row);
    status_.emplace_back();
    worker_.push_back(0);
    finished_.push_back(false);
    done_of_.push_back(not_done);
  }
  return it->second;
}

void RowChanges::finished(const PointRecord& r, const Attempts* history) {
  const std::size_t s = slot(r.index);
  status_[s] = std::string(to_string(r.status));
  worker_[s] = r.worker;
  finished_[s] = true;
  if (done_of_[s] == not_done) {
    done_of_[s] = done_slots_.size();
    done_slots_.push_back(s);
    wall_.emplace_back();
    error_.emplace_back();
    seed_.emplace_back();
    host_.emplace_back();
    attempts_.emplace_back();
    earlier_.emplace_back();
    for (auto& m : metrics_) m.emplace_back();
    series_.emplace_back();
  }
  const std::size_t d = done_of_[s];
  wall_[d] = r.wall_seconds;
  error_[d] = r.error;
  seed_[d] = r.seed;
  host_[d] = r.host;
  attempts_[d] = history ? history->count : 1;
  earlier_[d] = history ? history->earlier : std::string();
  const auto& declared = experiment_.metrics();
  for (std::size_t k = 0; k < declared.size(); ++k) {
    const auto found = r.result.scalars.find(declared[k].name);
    metrics_[k][d] = found == r.result.scalars.end() ? nan : found->second;
  }
  series_[d] = r.result.series;
}

void RowChanges::running(std::uint64_t row, std::int32_t worker) {
  const auto it = slot_of_.find(row);
  if (it != slot_of_.end() && finished_[it->second]) return;
  const std::size_t s = slot(row);
  status_[s] = std::string(to_string(PointStatus::running));
  worker_[s] = worker;
}

void RowChanges::pending(std::uint64_t row) {
  if (slot_of_.count(row)) return;
  const std::size_t s = slot(row);
  status_[s] = std::string(to_string(PointStatus::pending));
  worker_[s] = 0;
}

void RowChanges::write(results::ResultsFileWriter& file) const {
  if (rows_.empty()) return;
  file.write_rows(column::status, rows_, status_);
  file.write_rows(column::worker, rows_, worker_);
  if (done_slots_.empty()) return;
  std::vector<std::uint64_t> done_rows;
  done_rows.reserve(done_slots_.size());
  std::vector<std::pair<std::uint64_t, const results::NamedSeries*>> series;
  for (std::size_t d = 0; d < done_slots_.size(); ++d) {
    done_rows.push_back(rows_[done_slots_[d]]);
    if (!series_[d].empty()) series.emplace_back(done_rows.back(), &series_[d]);
  }
  file.write_rows(column::wall_seconds, done_rows, wall_);
  file.write_rows(column::host, done_rows, host_);
  file.write_rows(column::attempts, done_rows, attempts_);
  // Writes the finished rows `keep` picks of one column.
  const auto write_where = [&](const std::string& name, const auto& all, const auto& keep) {
    std::vector<std::uint64_t> rows;
    std::decay_t<decltype(all)> kept;
    for (std::size_t d = 0; d < done_rows.size(); ++d)
      if (keep(d)) {
        rows.push_back(done_rows[d]);
        kept.push_back(all[d]);
      }
    file.write_rows(name, rows, kept);
  };
  // A variable-length string costs HDF5 a heap insert per row, so the error columns are written
  // only where they say something: a row that ran once without an error still holds the empty
  // value it was created with (the file's rows are replayed in journal order, and no earlier
  // record of a once-run point can have reached it).
  write_where(column::error, error_,
              [&](std::size_t d) { return !error_[d].empty() || attempts_[d] > 1; });
  write_where(column::earlier_errors, earlier_,
              [&](std::size_t d) { return !earlier_[d].empty(); });
  // Records of diffsweep 0.1.0 carry no seed: the row keeps the seed it was created with.
  write_where(column::seed, seed_, [&](std::size_t d) { return seed_[d] != 0; });
  const auto& declared = experiment_.metrics();
  for (std::size_t k = 0; k < declared.size(); ++k)
    file.write_rows(declared[k].name, done_rows, metrics_[k]);
  file.add_series(series);
}

}  // namespace diffsweep
