#include "runner/store/results_snapshot.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <limits>
#include <set>
#include <stdexcept>

#include "common/errors.hpp"
#include "results_io/hdf5.hpp"

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

void describe(hid_t parent, const std::string& name, const char* role, const std::string& doc) {
  h5::Handle set(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose, name.c_str());
  h5::write_attribute(set.get(), "role", std::string(role));
  h5::write_attribute(set.get(), "doc", doc);
}

void write_parameter_column(hid_t points, const ParamSpec& spec, const Sweep& sweep) {
  const auto& pts = sweep.points;
  bool all_set = true;
  for (const auto& p : pts) all_set = all_set && p.params.has(spec.name);
  if (spec.type == ParamType::choice) {
    std::vector<std::string> col;
    for (const auto& p : pts)
      col.push_back(p.params.has(spec.name) ? p.params.choice(spec.name) : "");
    h5::write(points, spec.name, col);
  } else if (spec.type != ParamType::real && all_set) {
    std::vector<std::int64_t> col;
    for (const auto& p : pts) col.push_back(p.params.integer(spec.name));
    h5::write(points, spec.name, col);
  } else {
    std::vector<double> col;
    for (const auto& p : pts)
      col.push_back(p.params.has(spec.name) ? p.params.real(spec.name) : nan);
    h5::write(points, spec.name, col);
  }
  describe(points, spec.name, "parameter", spec.doc);
}

void sync_and_rename(const std::string& tmp, const std::string& path) {
  const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw StorageError("cannot sync " + tmp + ": " + std::strerror(errno));
  }
  ::close(fd);
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw StorageError("cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
  const auto dir = std::filesystem::absolute(path).parent_path();
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace

void check_column_names(const Experiment& experiment) {
  std::set<std::string> names = {"point_id", "replicate", "seed",        "status",
                                 "error",    "worker",    "wall_seconds"};
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
  const std::string tmp = path + ".tmp";
  {
    h5::Handle file = h5::create_file(tmp);
    const hid_t root = file.get();
    const StatusCounts counts = count_statuses(records);
    const auto as_int = [](std::size_t n) { return static_cast<std::int64_t>(n); };
    std::string axes;
    for (const auto& a : sweep.axis_names) axes += (axes.empty() ? "" : ",") + a;
    const std::pair<const char*, std::string> text_attrs[] = {
        {"experiment", std::string(experiment.name())},
        {"sweep_name", sweep.spec.name},
        {"sweep_file", sweep.spec.path},
        {"sweep_text", sweep.spec.text},
        {"sweep_hash", hex_id(sweep.hash)},
        {"axes", axes},
        {"diffsweep_version", info.version},
        {"git_commit", info.git_commit},
        {"hdf5_version", h5::library_version()},
        {"mpi_version", info.mpi_version},
        {"host", info.host},
        {"started", info.started},
        {"run_started", info.run_started},
        {"ended", ended},
    };
    for (const auto& [name, value] : text_attrs) h5::write_attribute(root, name, value);
    const std::pair<const char*, std::int64_t> int_attrs[] = {
        {"format_version", results_format_version},
        {"sweep_seed", static_cast<std::int64_t>(sweep.spec.seed)},
        {"replicates", sweep.spec.replicates},
        {"ranks", info.ranks},
        {"n_points", static_cast<std::int64_t>(records.size())},
        {"n_pending", as_int(counts.not_run())},
        {"n_done", as_int(counts.done)},
        {"n_failed", as_int(counts.failed)},
        {"n_diverged", as_int(counts.diverged)},
    };
    for (const auto& [name, value] : int_attrs) h5::write_attribute(root, name, value);

    h5::write_attribute(root, "writer_cpu_seconds", process_cpu_seconds());
    h5::Handle points = h5::create_group(root, "points");
    const hid_t pg = points.get();
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
    const auto column = [pg](const char* name, const auto& values, const char* doc) {
      h5::write(pg, name, values);
      describe(pg, name, "point", doc);
    };
    column("point_id", ids, "stable id; its 16-digit hex names /series/<id>");
    column("replicate", replicate, "replicate index, 0 .. replicates-1");
    column("seed", seeds, "the point's seed, derived from (sweep seed, point id)");
    column("status", status, "pending, running, done, failed or diverged");
    column("error", error, "why the point failed or diverged; empty otherwise");
    column("worker", worker, "MPI rank that ran the point (0 in a single-process run)");
    column("wall_seconds", wall, "seconds the point took on its worker");
    for (const auto& spec : experiment.params()) write_parameter_column(pg, spec, sweep);
    for (const auto& metric : experiment.metrics()) {
      std::vector<double> col(n, nan);
      for (std::size_t i = 0; i < n; ++i) {
        const auto& s = records[i].result.scalars;
        if (auto it = s.find(metric.name); it != s.end()) col[i] = it->second;
      }
      h5::write(pg, metric.name, col);
      describe(pg, metric.name, "metric", metric.doc);
    }

    h5::Handle series = h5::create_group(root, "series");
    for (const auto& r : records) {
      if (r.result.series.empty()) continue;
      h5::Handle group = h5::create_group(series.get(), hex_id(r.point_id));
      for (const auto& [name, values] : r.result.series) h5::write(group.get(), name, values);
    }
    h5::check(H5Fflush(root, H5F_SCOPE_GLOBAL), "flush " + tmp);
  }
  sync_and_rename(tmp, path);
}

}  // namespace diffsweep
