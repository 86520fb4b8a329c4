// What a sweep puts in its results file (docs/results-format.md): the columns a sweep's points
// fill, the file as it starts (every row's id, seed, replicate and parameters; all pending), the
// changes of rows as points run and finish, and the sweep's provenance as attributes.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/experiment.hpp"
#include "results_io/results_writer.hpp"
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

// A new results file at `path` with one row per point of `sweep`, every point pending.
void create_results_file(const std::string& path, const Sweep& sweep);

// The sweep's provenance and counts. `ended` is empty while the sweep is unfinished;
// `journal_bytes` says how much of the journal the file holds.
results::Attributes sweep_attributes(const Sweep& sweep, const RunInfo& info,
                                     const StatusCounts& counts, const std::string& ended,
                                     std::uint64_t journal_bytes);

// Rows to rewrite in a results file: points that finished (from the journal, a later record of a
// point replacing an earlier one), points running now, points to show as pending again.
class RowChanges {
 public:
  explicit RowChanges(const Experiment& experiment) : experiment_(experiment) {}
  void finished(const PointRecord& record);
  void running(std::uint64_t row, std::int32_t worker);
  void pending(std::uint64_t row);
  bool empty() const { return finished_.empty() && running_.empty() && pending_.empty(); }
  void clear() {
    finished_.clear();
    running_.clear();
    pending_.clear();
  }
  void write(results::ResultsFileWriter& file) const;

 private:
  const Experiment& experiment_;
  std::map<std::uint64_t, PointRecord> finished_;
  std::map<std::uint64_t, std::int32_t> running_;
  std::set<std::uint64_t> pending_;
};

}  // namespace diffsweep
