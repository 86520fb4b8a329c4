// A snapshot of a sweep in the results file: the sweep's points, their records and the run's
// provenance turned into the columns, attributes and series that results_io writes (atomically).
#pragma once

#include <string>
#include <vector>

#include "common/experiment.hpp"
#include "runner/store/point_record.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

struct RunInfo {
  std::string version;
  std::string git_commit;
  std::string mpi_version;
  std::string host;
  std::string started;      // when the sweep first started (UTC, ISO 8601)
  std::string run_started;  // when this invocation started
  std::int64_t ranks = 1;
};

// CPU seconds (user + system) this process has used: recorded as `writer_cpu_seconds`, so a
// coordinator that spins while it waits shows in the file.
double process_cpu_seconds();

// Every parameter and metric becomes a column /points/<name> beside the runner's own columns, so
// the names must all differ. Throws std::logic_error naming the clash (a bug in the experiment).
void check_column_names(const Experiment& experiment);

// `ended` is empty while the sweep is unfinished.
void write_results_file(const std::string& path, const Sweep& sweep, const Experiment& experiment,
                        const std::vector<PointRecord>& records, const RunInfo& info,
                        const std::string& ended);

std::string utc_now_iso8601();

}  // namespace diffsweep
