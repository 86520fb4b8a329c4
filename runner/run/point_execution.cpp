#include "runner/run/point_execution.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <exception>

#include "common/errors.hpp"

namespace diffsweep {

std::string host_name() {
  char host[256] = "";
  gethostname(host, sizeof host - 1);
  return host;
}

PointContext context_of(const SweepPoint& point, std::uint64_t sweep_seed) {
  return {point.seed, sweep_seed, point.point_id, point.replicate};
}

void announce_points(Experiment& experiment, const std::vector<SweepPoint>& points,
                     std::uint64_t sweep_seed) {
  for (const SweepPoint& point : points)
    experiment.announce(point.params, context_of(point, sweep_seed));
}

PointRecord execute_point(Experiment& experiment, const SweepPoint& point, std::uint64_t sweep_seed,
                          std::int32_t worker, const std::string& host) {
  PointRecord record;
  record.index = point.index;
  record.point_id = point.point_id;
  record.worker = worker;
  record.seed = point.seed;
  record.host = host;
  const auto fail = [&](std::string error) {
    record.status = PointStatus::failed;
    record.error = std::move(error);
    record.result = {};
  };
  const auto start = std::chrono::steady_clock::now();
  try {
    record.result = experiment.run(point.params, context_of(point, sweep_seed));
    record.status = PointStatus::done;
    for (const auto& [name, value] : record.result.scalars) {
      bool declared = false;
      for (const auto& m : experiment.metrics()) declared = declared || m.name == name;
      if (!declared) {
        fail("experiment returned undeclared metric '" + name + "'");
        break;
      }
      if (!std::isfinite(value) && record.status == PointStatus::done) {
        record.status = PointStatus::diverged;
        record.error = "metric '" + name + "' is " + std::to_string(value);
      }
    }
  } catch (const PointDataError& e) {
    fail("on host " + host + ": " + e.what());
  } catch (const std::exception& e) {
    fail(e.what());
  } catch (...) {
    fail("unknown exception");
  }
  record.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return record;
}

}  // namespace diffsweep
