#include "runner/store/results_snapshot.hpp"

#include <sys/resource.h>

#include <limits>
#include <set>
#include <stdexcept>

#include "common/seeding.hpp"
#include "results_io/hdf5.hpp"

namespace diffsweep {

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

// Integers and booleans are int64 where every point sets them; an optional one is float64 with
// NaN where unset.
ColumnType parameter_type(const ParamSpec& spec, const Sweep& sweep) {
  if (spec.type == ParamType::choice) return ColumnType::text;
  if (spec.type != ParamType::real && sweep.sets_everywhere(spec.name)) return ColumnType::integer;
  return ColumnType::real;
}

std::vector<ColumnSpec> columns_of(const Sweep& sweep) {
  const Experiment& e = sweep.experiment();
  std::vector<ColumnSpec> c = {
      {column::point_id,
       Role::point,
       "stable id (docs/results-format.md)",
       ColumnType::unsigned_integer,
       {}},
      {column::replicate,
       Role::point,
       "replicate index, 0 .. replicates-1",
       ColumnType::integer,
       {}},
      {column::seed,
       Role::point,
       "the point's seed, derived from (sweep seed, point id)",
       ColumnType::unsigned_integer,
       {}},
      {column::status,
       Role::point,
       "pending, running, done, failed or diverged",
       ColumnType::status,
       {}},
      {column::error,
       Role::point,
       "why the point failed or diverged; empty otherwise",
       ColumnType::text,
       {}},
      {column::worker,
       Role::point,
       "MPI rank that ran the point (0 in a single-process run)",
       ColumnType::integer,
       {}},
      {column::wall_seconds,
       Role::point,
       "seconds the point took on its worker",
       ColumnType::real,
       {}},
  };
  for (const auto& p : e.params())
    c.push_back({p.name, Role::parameter, p.doc, parameter_type(p, sweep), p.default_value});
  for (const auto& m : e.metrics())
    c.push_back({m.name, Role::metric, m.doc, ColumnType::real, {}});
  return c;
}

ColumnValues parameter_values(const Sweep& sweep, const ColumnSpec& c, std::size_t first,
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
  if (c.type == ColumnType::integer) {
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

void create_results_file(const std::string& path, const Sweep& sweep) {
  const std::vector<ColumnSpec> columns = columns_of(sweep);
  auto file = results::ResultsFileWriter::create(
      path, columns, sweep.size(), [&](std::size_t first, std::size_t count) {
        std::vector<std::optional<ColumnValues>> out(columns.size());
        std::vector<std::uint64_t> ids(count), seeds(count);
        std::vector<std::int64_t> replicate(count);
        for (std::size_t k = 0; k < count; ++k) {
          ids[k] = sweep.point_id(first + k);
          seeds[k] = derive_seed(sweep.spec.seed, ids[k]);
          replicate[k] = sweep.replicate(first + k);
        }
        out[0] = std::move(ids);
        out[1] = std::move(replicate);
        out[2] = std::move(seeds);
        for (std::size_t c = 0; c < columns.size(); ++c)
          if (columns[c].role == Role::parameter)
            out[c] = parameter_values(sweep, columns[c], first, count);
        return out;
      });
  file.close();
}

results::Attributes sweep_attributes(const Sweep& sweep, const RunInfo& info,
                                     const StatusCounts& counts, const std::string& ended,
                                     std::uint64_t journal_bytes) {
  const auto as_int = [](std::size_t n) { return static_cast<std::int64_t>(n); };
  std::string axes;
  for (const auto& a : sweep.axis_names) axes += (axes.empty() ? "" : ",") + a;
  return {
      {"experiment", std::string(sweep.experiment().name())},
      {"sweep_name", sweep.spec.name},
      {"sweep_file", sweep.spec.path},
      {"sweep_text", sweep.spec.text},
      {"sweep_hash", results::hex_id(sweep.hash)},
      {"axes", axes},
      {"diffsweep_version", info.version},
      {"git_commit", info.git_commit},
      {"hdf5_version", h5::library_version()},
      {"mpi_version", info.mpi_version},
      {"host", info.host},
      {"started", info.started},
      {"run_started", info.run_started},
      {"ended", ended},
      {"sweep_seed", static_cast<std::int64_t>(sweep.spec.seed)},
      {"replicates", sweep.spec.replicates},
      {"ranks", info.ranks},
      {"n_points", as_int(sweep.size())},
      {"n_pending", as_int(counts.not_run())},
      {"n_done", as_int(counts.done)},
      {"n_failed", as_int(counts.failed)},
      {"n_diverged", as_int(counts.diverged)},
      {"journal_bytes", static_cast<std::int64_t>(journal_bytes)},
      {"writer_cpu_seconds", process_cpu_seconds()},
  };
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
  for (auto& m : metrics_) m.clear();
  series_.clear();
  done_index_.clear();
}

std::size_t RowChanges::slot(std::uint64_t row) {
  const auto [it, fresh] = slot_of_.emplace(row, rows_.size());
  if (fresh) {
    rows_.push_back(row);
    status_.emplace_back();
    worker_.push_back(0);
    finished_.push_back(false);
  }
  return it->second;
}

void RowChanges::finished(const PointRecord& r) {
  const std::size_t s = slot(r.index);
  status_[s] = std::string(to_string(r.status));
  worker_[s] = r.worker;
  finished_[s] = true;
  auto [it, fresh] = done_index_.emplace(s, done_slots_.size());
  if (fresh) {
    done_slots_.push_back(s);
    wall_.emplace_back();
    error_.emplace_back();
    for (auto& m : metrics_) m.emplace_back();
    series_.emplace_back();
  }
  const std::size_t d = it->second;
  wall_[d] = r.wall_seconds;
  error_[d] = r.error;
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
  file.write_rows(column::error, done_rows, error_);
  const auto& declared = experiment_.metrics();
  for (std::size_t k = 0; k < declared.size(); ++k)
    file.write_rows(declared[k].name, done_rows, metrics_[k]);
  file.add_series(series);
}

}  // namespace diffsweep
