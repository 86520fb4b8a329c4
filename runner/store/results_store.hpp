// The one writer of a sweep's results: a table of every point, the journal that makes finished
// points durable the moment they arrive, and the HDF5 snapshot that researchers read.
//
// Opening decides between a new sweep, a resume (the journal beside the output was written by a
// sweep with the same hash) and a refusal (a different sweep, or an output with no journal);
// `restart` moves the old files aside first, never deleting them.
//
// Snapshots: after a point arrives, the HDF5 file is rewritten when at least max(0.25 s, 10x the
// last rewrite's duration) has passed since the last one, so rewriting costs at most ~10% of the
// writer's time however many points a sweep has; the last rewrite happens on finish(). A point
// that finished since the last snapshot is in the journal and reaches the HDF5 file on the next
// snapshot or, after a crash, when the same command resumes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/experiment.hpp"
#include "runner/store/journal.hpp"
#include "runner/store/point_record.hpp"
#include "runner/store/results_snapshot.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

class ResultsStore {
 public:
  ResultsStore(std::string output, const Sweep& sweep, const Experiment& experiment, RunInfo info,
               bool restart);

  const std::vector<PointRecord>& records() const { return records_; }
  std::size_t finished_count() const { return finished_; }
  std::size_t resumed_count() const { return resumed_; }
  // Where the old files went, when restart moved them.
  const std::string& moved_aside() const { return moved_aside_; }

  void mark_running(std::size_t index, std::int32_t worker);
  // Records a finished point; a point that is already finished is ignored (never stored twice).
  void add(const PointRecord& record);
  // Writes the HDF5 snapshot now; `complete` stamps the end time.
  void snapshot(bool complete);

 private:
  std::string output_;
  const Sweep& sweep_;
  const Experiment& experiment_;
  RunInfo info_;
  std::vector<PointRecord> records_;
  std::optional<Journal> journal_;
  std::size_t finished_ = 0, resumed_ = 0;
  std::string moved_aside_;
  double last_snapshot_end_ = 0.0, last_snapshot_cost_ = 0.0;
};

std::string journal_path(const std::string& output);

}  // namespace diffsweep
