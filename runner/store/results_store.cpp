#include "runner/store/results_store.hpp"

#include <chrono>
#include <filesystem>

#include "common/errors.hpp"
#include "results_io/results_format.hpp"
#include "runner/run/clock.hpp"

namespace diffsweep {

namespace fs = std::filesystem;

std::string journal_path(const std::string& output) { return output + ".journal"; }

namespace {

// Moves `path` to `path.old-<time>[-k]`, never over an existing file.
std::string move_aside(const std::string& path, const std::string& stamp) {
  std::string target = path + ".old-" + stamp;
  for (int k = 1; fs::exists(target); ++k)
    target = path + ".old-" + stamp + "-" + std::to_string(k);
  fs::rename(path, target);
  return target;
}

}  // namespace

ResultsStore::ResultsStore(std::string output, const Sweep& sweep, const Experiment& experiment,
                           RunInfo info, bool restart)
    : output_(std::move(output)), sweep_(sweep), experiment_(experiment), info_(std::move(info)) {
  const std::string journal = journal_path(output_);
  const bool have_output = fs::exists(output_), have_journal = fs::exists(journal);
  // Before anything is decided or moved: a running diffsweep owns these files.
  if (have_journal) Journal::refuse_if_in_use(journal);

  if (!restart && (have_output || have_journal)) {
    if (!have_journal)
      throw InputError(output_ + " exists but its journal " + journal +
                       " does not, so it cannot be resumed; use --restart to move it aside");
    const JournalHeader old = Journal::read_header(journal);
    if (old.sweep_hash != sweep.hash)
      throw InputError(output_ + " holds a different sweep (" + old.sweep_path + ", hash " +
                       results::hex_id(old.sweep_hash) + ") than " + sweep.spec.path + " (hash " +
                       results::hex_id(sweep.hash) +
                       "); use --restart to move the old results aside");
  }
  if (restart && (have_output || have_journal)) {
    std::string stamp = utc_now_iso8601();
    for (char& c : stamp)
      if (c == ':') c = '-';
    if (have_output) moved_aside_ = move_aside(output_, stamp);
    if (have_journal) {
      const std::string j = move_aside(journal, stamp);
      if (moved_aside_.empty()) moved_aside_ = j;
    }
  }
  if (const auto dir = fs::path(output_).parent_path(); !dir.empty()) fs::create_directories(dir);

  records_.resize(sweep.points.size());
  for (std::size_t i = 0; i < records_.size(); ++i) {
    records_[i].index = i;
    records_[i].point_id = sweep.points[i].point_id;
  }
  if (fs::exists(journal)) {
    JournalHeader header;
    std::vector<PointRecord> old;
    journal_.emplace(Journal::open(journal, header, old));
    info_.started = header.started;
    for (const auto& r : old) {
      if (r.index >= records_.size() || records_[r.index].point_id != r.point_id)
        throw StorageError("journal " + journal + " has a record that does not match the sweep");
      if (is_finished(records_[r.index].status)) continue;
      records_[r.index] = r;
      ++finished_;
    }
    resumed_ = finished_;
  } else {
    info_.started = info_.run_started;
    journal_.emplace(Journal::create(journal, {sweep.hash, sweep.points.size(), sweep.spec.path,
                                               sweep.spec.text, info_.started}));
  }
  snapshot(false);
}

void ResultsStore::mark_running(std::size_t index, std::int32_t worker) {
  auto& r = records_.at(index);
  if (is_finished(r.status)) return;
  r.status = PointStatus::running;
  r.worker = worker;
}

void ResultsStore::add(const PointRecord& record) {
  auto& slot = records_.at(record.index);
  if (is_finished(slot.status) || slot.point_id != record.point_id) return;
  journal_->append(record);
  slot = record;
  ++finished_;
  if (now_seconds() - last_snapshot_end_ >= std::max(0.25, 10.0 * last_snapshot_cost_))
    snapshot(false);
}

void ResultsStore::snapshot(bool complete) {
  const double start = now_seconds();
  if (complete) journal_->sync();
  write_results_file(output_, sweep_, experiment_, records_, info_,
                     complete ? utc_now_iso8601() : std::string());
  last_snapshot_end_ = now_seconds();
  last_snapshot_cost_ = last_snapshot_end_ - start;
}

}  // namespace diffsweep
