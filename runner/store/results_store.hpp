// The one writer of a sweep's results: a status byte per point, the journal that makes finished
// points durable the moment they arrive, and the HDF5 file researchers read.
//
// Opening decides between a new sweep, a resume (the journal beside the output was written by a
// sweep with the same hash), an extension (a sweep that keeps the output's finished points:
// sweep_extension.hpp) and a refusal (a sweep whose kept results would be wrong, an output with
// no journal, a journal another process holds); `restart` moves the old files aside first, never
// deleting them.
//
// The HDF5 file is published under RESULTS.h5 as one of two copies, RESULTS.h5.a and
// RESULTS.h5.b (RESULTS.h5 is a hard link to one of them). A snapshot brings the other copy up
// to date with what the journal gained since that copy was last written (O(new points)),
// flushes and fsyncs it, and links it to RESULTS.h5 by an atomic rename. So the published file
// is never being written: a kill or a full disk at any moment leaves it whole, and readers of
// it see one consistent snapshot (a copy a reader still holds open is not rewritten: a new copy
// replaces it). docs/results-format.md argues the design and its failure cases.
//
// Snapshots happen after a point arrives when at least max(0.25 s, 10x the last snapshot's
// duration, less any copy that made the second copy) has passed since the last one, on a thread of
// their own (the caller keeps storing records and handing out points meanwhile: at 10^6 empty
// points one snapshot held rank 0 for 0.9 s while every worker waited), and on finish. A point that
// finished since the last snapshot is in the journal and reaches the file on the next snapshot or,
// after a crash, when the same command resumes.
#pragma once

#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "results_io/results_reader.hpp"
#include "runner/run/point_selection.hpp"
#include "runner/store/journal.hpp"
#include "runner/store/journal_loss.hpp"
#include "runner/store/outside_rows.hpp"
#include "runner/store/point_record.hpp"
#include "runner/store/results_snapshot.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

// A failed or diverged point, as the summary lists it.
struct PointFailure {
  std::uint64_t index = 0;
  PointStatus status = PointStatus::failed;
  std::string error;
};

class ResultsStore {
 public:
  ResultsStore(std::string output, const Sweep& sweep, RunInfo info, bool restart);
  // A snapshot in the background holds `this`.
  ResultsStore(const ResultsStore&) = delete;
  ResultsStore& operator=(const ResultsStore&) = delete;

  // The sweep's points; the file's rows after them are outside it (outside_rows.hpp).
  std::size_t size() const { return sweep_.size(); }
  const Sweep& sweep() const { return sweep_; }
  PointStatus status(std::size_t index) const { return status_[index]; }
  const StatusCounts& counts() const { return counts_; }
  std::size_t finished_count() const { return counts_.finished(); }
  std::size_t resumed_count() const { return resumed_; }
  // Where old files went when restart moved them, and what opening the journal repaired.
  const std::string& moved_aside() const { return moved_aside_; }
  // What extending the output to this sweep did ("extended ..."), or empty when it held this
  // sweep already (sweep_extension.hpp).
  const std::string& extended() const { return extended_; }
  // Points of earlier sweeps of this output that this sweep no longer names, by status.
  const StatusCounts& outside_counts() const { return outside_counts_; }
  const JournalRepair& journal_repair() const { return repair_; }
  // What a damaged or cut-short journal lost, checked against the published file.
  const JournalLoss& journal_loss() const { return loss_; }
  // Journals left half made beside this one by processes killed while they created or replaced
  // it, removed on opening (Journal::remove_leftovers).
  const std::vector<LeftoverJournal>& removed_leftovers() const { return removed_leftovers_; }
  // The first `most` points of the sweep that are failed or diverged now (a point a retry ran
  // again shows its new outcome), with their errors; and how many there are in all.
  std::vector<PointFailure> failures(std::size_t most) const;
  std::size_t failure_count() const { return counts_.failed + counts_.diverged; }
  const std::string& output() const { return output_; }

  // Which points this run runs: those of `selection` not finished yet, and those of its finished
  // points whose status is in `retry` (their earlier records stay in the journal and their rows
  // show the earlier outcome until the new one arrives). Call once, after opening.
  void plan(PointSelection selection, const std::set<PointStatus>& retry);
  bool selected(std::size_t index) const {
    return selection_.contains(index) && (!adaptive() || placed_[index]);
  }
  // A [refine] or [sequential] sweep: its rounds place its points, from the results so far.
  bool adaptive() const { return sweep_.refine || sweep_.sequential; }
  // An adaptive sweep plans nothing at first: its rounds add the points they place.
  void extend_plan(const std::vector<std::size_t>& indices);
  // Under MPI, how the workers' time went from the first hand-out to the end of this run: the
  // share spent running points, and the idle worker-seconds while an adaptive round waited for
  // its last points with more rounds to come, or at the run's end (the last points' tail).
  struct WorkerUse {
    double busy_fraction = 0, round_wait_seconds = 0, tail_seconds = 0;
  };
  void set_worker_use(WorkerUse use) { worker_use_ = use; }
  const std::optional<WorkerUse>& worker_use() const { return worker_use_; }
  // The rounds' state for the file: one line per search or comparison (the `refine` or
  // `sequential` attribute) and the same as a table (`refine_table`, `sequential_table`;
  // docs/results-format.md).
  void set_rounds_report(std::string text, std::string table) {
    rounds_report_ = std::move(text);
    rounds_table_ = std::move(table);
  }
  // An adaptive sweep's metric ([refine]'s or [sequential]'s) of every finished point (NaN where
  // it has none): what the next placement depends on.
  const std::unordered_map<std::uint64_t, double>& metric_values() const { return metric_values_; }
  // Of the planned points: how many there are and how many have not finished in this run.
  std::size_t planned_count() const { return planned_; }
  std::size_t planned_left() const { return planned_left_; }
  // The attempt a point's next run is (1 for a point that never ran).
  std::uint32_t next_attempt(std::size_t index) const;
  // How many snapshots caught up by copying the published file (tests, benchmarks; read it
  // after snapshot(), which waits for the one in the background).
  std::size_t catch_up_copies() const { return catch_up_copies_; }
  // Records added in this run, by status.
  const StatusCounts& run_counts() const { return run_counts_; }

  void mark_running(std::size_t index, std::int32_t worker);
  // A point handed out that will not finish in this run (its worker stopped first).
  void mark_pending(std::size_t index);
  // Records a finished point; a point that is already finished is ignored (never stored twice).
  void add(const PointRecord& record);
  // The same for a batch, journaled with one write.
  void add(const std::vector<PointRecord>& records);
  // Records of another results file of this sweep (merge), in the order they ran: a point's
  // earlier attempts first. Unlike add, a record of a finished point is a later attempt of it.
  void add_history(const std::vector<PointRecord>& records);
  // Brings the published file up to date (nothing is written when it already is); `complete`
  // stamps the end time. Waits for a snapshot add started in the background first.
  void snapshot(bool complete);
  // Whether add writes its snapshots on a thread of their own, so the caller goes on storing
  // records and handing out points meanwhile (the default). Off where the MPI library does not
  // allow a second thread in the process.
  void write_snapshots_in_background(bool on) { background_allowed_ = on; }

 private:
  struct Copy {
    std::string path;
    bool valid = false;                             // a results file of this sweep, of this format
    std::uint64_t journal_bytes = 0;                // how much of the journal it holds
    std::map<std::uint64_t, std::int32_t> running;  // rows it shows as running
    bool ended = false;
    std::string sweep_hash;  // as the copy records it
  };
  void open_journal(bool restart);
  // loss_, from repair_ and, when it is of this sweep, the published file.
  void account_loss();
  // Takes the sweep history and outside rows of the journal's header.
  void adopt_header(const JournalHeader& header);
  // The id of the point a row holds (a point of the sweep, or of an earlier one: outside).
  std::uint64_t row_id(std::uint64_t row) const;
  void count(const PointRecord& record);
  void inspect(Copy& copy) const;
  // Whether a results file was written from this journal as it now stands: this sweep, this
  // format, the extensions the journal has seen, a recorded journal offset.
  bool written_from_journal(const results::FileSummary& file) const;
  void create_copies();
  // What a snapshot writes, taken from the store at one moment, so that it can be written
  // while the store goes on taking records.
  struct SnapshotState {
    std::uint64_t journal_end = 0;
    std::unordered_map<std::uint64_t, Attempts> attempts;
    std::map<std::uint64_t, std::int32_t> running;  // as the file shows them
    std::set<std::uint64_t> pending;                // of the rows either copy shows running
    results::Attributes attributes;
    bool ended = false;
  };
  SnapshotState capture(bool complete) const;
  // The published file already shows `state`.
  bool published_shows(const SnapshotState& state) const;
  // Brings the standby copy to `state` and publishes it. While it runs in the background it
  // alone touches copies_, published_, the measured costs, catch_up_copies_ and HDF5 (the
  // caller's thread waits for it, finish_background, before any of them); of the journal it
  // only reads bytes already written (pread), while the caller appends. Returns the seconds
  // spent making the standby copy from nothing (once per run, a copy of the whole file), which
  // do not count toward the spacing of snapshots: else the run's first snapshot, on a big
  // sweep, would put the next many seconds away.
  double write_snapshot(const SnapshotState& state);
  // write_snapshot, then when it ended and what it cost since `start` (as spacing counts it).
  std::pair<double, double> timed_snapshot(const SnapshotState& state, double start);
  void finish_background();
  void write_copy(Copy& copy, const SnapshotState& state, bool from_start);
  // Makes `standby` a copy of the published file, byte for byte (fsynced).
  void copy_published(Copy& standby);
  // Whether copying the published file and replaying only what it lacks would cost less than
  // replaying all `standby` lacks, by the costs measured in this run (false until both are).
  bool copying_is_cheaper(const Copy& standby) const;
  void publish(Copy& copy);
  // running_ without the retried points: their rows show the earlier outcome while they run.
  std::map<std::uint64_t, std::int32_t> shown_running() const;
  // counts_ as the file shows them (a retried point keeps its earlier status until it finishes).
  StatusCounts file_counts() const;

  std::string output_;
  const Sweep& sweep_;
  RunInfo info_;
  std::vector<PointStatus> status_;  // the sweep's points, then the outside rows
  StatusCounts counts_;              // of the sweep's points
  OutsideRows outside_;
  StatusCounts outside_counts_;
  std::vector<EarlierSweep> history_;
  std::string extended_;
  std::map<std::uint64_t, std::int32_t> running_;  // handed out, not finished
  // The latest error of every failed or diverged point, and the attempts of points that ran
  // more than once: the earlier errors a retried point's row keeps.
  std::unordered_map<std::uint64_t, std::string> last_error_;
  std::unordered_map<std::uint64_t, Attempts> attempts_;
  std::unordered_map<std::uint64_t, PointStatus> reopened_;  // retried, not finished: old status
  // The --retry round the journal shows begun and not ended (its statuses), and the points with
  // a record since it began: a retry of the same statuses resumes it and skips them.
  std::optional<std::string> retry_round_;
  std::unordered_set<std::uint64_t> ran_in_round_;
  bool runs_round_ = false;  // this run retries: it ends the round when it completes
  PointSelection selection_;
  std::vector<bool> placed_;  // adaptive sweeps: the points a round placed
  std::unordered_map<std::uint64_t, double> metric_values_;
  std::string rounds_report_, rounds_table_;
  std::optional<WorkerUse> worker_use_;
  // Every planned point finished: for an adaptive sweep, its rounds ended.
  bool all_finished() const;
  std::size_t unplaced() const;
  std::size_t planned_ = 0, planned_left_ = 0;
  StatusCounts run_counts_;
  std::optional<Journal> journal_;
  JournalRepair repair_;
  JournalLoss loss_;
  Copy copies_[2];
  int published_ = -1;  // which copy RESULTS.h5 is
  std::size_t resumed_ = 0;
  std::string moved_aside_;
  std::vector<LeftoverJournal> removed_leftovers_;
  double last_snapshot_end_ = 0.0, last_snapshot_cost_ = 0.0;
  // Seconds per byte of the last copy of a file and of the last replay of journal bytes, each
  // measured only on at least min_measured_bytes (below, fixed costs dominate); -1: unknown.
  static constexpr std::uint64_t min_measured_bytes = std::uint64_t{1} << 20;
  double copy_seconds_per_byte_ = -1.0, replay_seconds_per_byte_ = -1.0;
  std::size_t catch_up_copies_ = 0;
  bool background_allowed_ = true;
  // The snapshot running in the background, if any: its end and cost. Declared last,
  // so it is waited for before anything it uses is destroyed.
  std::future<std::pair<double, double>> background_;
};

std::string journal_path(const std::string& output);

}  // namespace diffsweep
