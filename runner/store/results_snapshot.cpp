#include "runner/store/results_snapshot.hpp"

#include <sys/resource.h>

#include <ctime>
#include <limits>
#include <set>
#include <stdexcept>

#include "results_io/hdf5.hpp"
#include "results_io/results_writer.hpp"

namespace diffsweep {

std::string utc_now_iso8601() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
}

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
using results::ColumnData;
using results::Role;

ColumnData parameter_column(const ParamSpec& spec, const Sweep& sweep) {
  const auto& pts = sweep.points;
  ColumnData c{spec.name, Role::parameter, spec.doc, {}, spec.default_value};
  bool all_set = true;
  for (const auto& p : pts) all_set = all_set && p.params.has(spec.name);
  if (spec.type == ParamType::choice) {
    std::vector<std::string> col;
    for (const auto& p : pts)
      col.push_back(p.params.has(spec.name) ? p.params.choice(spec.name) : "");
    c.values = std::move(col);
  } else if (spec.type != ParamType::real && all_set) {
    std::vector<std::int64_t> col;
    for (const auto& p : pts) col.push_back(p.params.integer(spec.name));
    c.values = std::move(col);
  } else {
    std::vector<double> col;
    for (const auto& p : pts)
      col.push_back(p.params.has(spec.name) ? p.params.real(spec.name) : nan);
    c.values = std::move(col);
  }
  return c;
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

void write_results_file(const std::string& path, const Sweep& sweep, const Experiment& experiment,
                        const std::vector<PointRecord>& records, const RunInfo& info,
                        const std::string& ended) {
  namespace column = results::column;
  results::ResultsContent content;
  const StatusCounts counts = count_statuses(records);
  const auto as_int = [](std::size_t n) { return static_cast<std::int64_t>(n); };
  std::string axes;
  for (const auto& a : sweep.axis_names) axes += (axes.empty() ? "" : ",") + a;
  content.attributes = {
      {"experiment", std::string(experiment.name())},
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
      {"n_points", as_int(records.size())},
      {"n_pending", as_int(counts.not_run())},
      {"n_done", as_int(counts.done)},
      {"n_failed", as_int(counts.failed)},
      {"n_diverged", as_int(counts.diverged)},
      {"writer_cpu_seconds", process_cpu_seconds()},
  };

  const std::size_t n = records.size();
  std::vector<std::uint64_t> ids(n), seeds(n);
  std::vector<std::int64_t> replicate(n), worker(n);
  std::vector<double> wall(n);
  std::vector<std::string> status(n), error(n);
  for (std::size_t i = 0; i < n; ++i) {
    ids[i] = sweep.points[i].point_id;
    seeds[i] = sweep.points[i].seed;
    replicate[i] = sweep.points[i].replicate;
    worker[i] = records[i].worker;
    wall[i] = records[i].wall_seconds;
    status[i] = std::string(to_string(records[i].status));
    error[i] = records[i].error;
  }
  auto& cols = content.columns;
  const auto point = [&](const char* name, auto values, const char* doc) {
    cols.push_back({name, Role::point, doc, std::move(values), std::nullopt});
  };
  point(column::point_id, ids, "stable id; its 16-digit hex names /series/<id>");
  point(column::replicate, replicate, "replicate index, 0 .. replicates-1");
  point(column::seed, seeds, "the point's seed, derived from (sweep seed, point id)");
  point(column::status, status, "pending, running, done, failed or diverged");
  point(column::error, error, "why the point failed or diverged; empty otherwise");
  point(column::worker, worker, "MPI rank that ran the point (0 in a single-process run)");
  point(column::wall_seconds, wall, "seconds the point took on its worker");
  for (const auto& spec : experiment.params()) cols.push_back(parameter_column(spec, sweep));
  for (const auto& metric : experiment.metrics()) {
    std::vector<double> col(n, nan);
    for (std::size_t i = 0; i < n; ++i) {
      const auto& s = records[i].result.scalars;
      if (auto it = s.find(metric.name); it != s.end()) col[i] = it->second;
    }
    cols.push_back({metric.name, Role::metric, metric.doc, std::move(col), std::nullopt});
  }
  for (const auto& r : records)
    if (!r.result.series.empty()) content.series.emplace_back(r.point_id, &r.result.series);
  results::write_results_file(path, content);
}

}  // namespace diffsweep
