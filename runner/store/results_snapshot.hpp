// What a sweep puts in its results file (docs/results-format.md): the columns a sweep's points
// fill, the file as it starts (every row's id, seed, replicate and parameters; all pending), the
// changes of rows as points run and finish, and the sweep's provenance as attributes.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/experiment.hpp"
#include "results_io/results_writer.hpp"
#include "runner/store/outside_rows.hpp"
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
  std::string selection;   // which points this run may run, as PointSelection describes it
  std::string rank_hosts;  // the host of every rank in rank order, comma-separated
  std::string launcher;    // LaunchInfo's
  std::string job_id;
  std::string array_task_id;
};

// The attempts of a point that ran more than once.
struct Attempts {
  std::int64_t count = 1;  // records of it so far
  std::string earlier;     // the errors of all but the last, " | " between them
};

// CPU seconds (user + system) this process has used: recorded as `writer_cpu_seconds`, so a
// coordinator that spins while it waits shows in the file.
double process_cpu_seconds();

// Every parameter and metric becomes a column /points/<name> beside the runner's own columns, so
// the names must all differ. Throws std::logic_error naming the clash (a bug in the experiment).
void check_column_names(const Experiment& experiment);

// A new results file at `path` with one row per point of `sweep`, then one per outside row,
// every point pending.
void create_results_file(const std::string& path, const Sweep& sweep,
                         const OutsideRows& outside = {});

// The `sweep_history` attribute: the earlier sweeps as a JSON array, oldest first, each with its
// hash, points, path, overrides, text and when a sweep that extends it replaced it.
std::string sweep_history_json(const std::vector<EarlierSweep>& history);

// The sweep's provenance and counts. `ended` is empty while the sweep is unfinished;
// `journal_bytes` says how much of the journal the file holds.
results::Attributes sweep_attributes(const Sweep& sweep, const RunInfo& info,
                                     const StatusCounts& counts, const std::string& ended,
                                     std::uint64_t journal_bytes);

// Rows to rewrite in a results file: points that finished (from the journal, a later record of a
// point replacing an earlier one), points running now, points to show as pending again.
class RowChanges {
 public:
  explicit RowChanges(const Experiment& experiment);
  void finished(const PointRecord& record, const Attempts* history = nullptr);
  void running(std::uint64_t row, std::int32_t worker);
  void pending(std::uint64_t row);
  std::size_t size() const { return rows_.size(); }
  void clear();
  void write(results::ResultsFileWriter& file) const;

 private:
  // One slot per row, in the order rows first appear; a later change of a row replaces its slot.
  std::size_t slot(std::uint64_t row);
  const Experiment& experiment_;
  std::unordered_map<std::uint64_t, std::size_t> slot_of_;
  std::vector<std::uint64_t> rows_;
  std::vector<std::string> status_;
  std::vector<std::int64_t> worker_;
  std::vector<bool> finished_;
  // Finished rows only, in slot order of `done_slots_`.
  std::vector<std::size_t> done_slots_;
  std::vector<double> wall_;
  std::vector<std::string> error_;
  std::vector<std::uint64_t> seed_;
  std::vector<std::string> host_;
  std::vector<std::int64_t> attempts_;
  std::vector<std::string> earlier_;
  std::vector<std::vector<double>> metrics_;  // one column per declared metric
  std::vector<results::NamedSeries> series_;
  // Where a slot's entries are in the finished-only vectors (not_done for a row still running).
  static constexpr std::size_t not_done = static_cast<std::size_t>(-1);
  std::vector<std::size_t> done_of_;
};

}  // namespace diffsweep
