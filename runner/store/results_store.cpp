#include "runner/store/results_store.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <tuple>

#include "common/errors.hpp"
#include "common/file_descriptor.hpp"
#include "common/file_sync.hpp"
#include "results_io/results_reader.hpp"
#include "runner/run/clock.hpp"
#include "runner/store/sweep_extension.hpp"

namespace diffsweep {

namespace file_attribute = results::file_attribute;

namespace fs = std::filesystem;

std::string journal_path(const std::string& output) { return output + ".journal"; }

namespace {

// How many failed or diverged points the store remembers for the summary.
// Records replayed into a copy per batch (bounds the memory of a rebuild from the journal).
constexpr std::size_t replay_batch = 16384;

[[noreturn]] void sys_fail(const std::string& what, const std::string& path) {
  throw StorageError(what + " " + path + ": " + std::strerror(errno));
}

// Moves `path` to `path.old-<time>[-k]`, never over an existing file.
std::string move_aside(const std::string& path, const std::string& stamp) {
  std::string target = path + ".old-" + stamp;
  for (int k = 1; fs::exists(target); ++k)
    target = path + ".old-" + stamp + "-" + std::to_string(k);
  fs::rename(path, target);
  return target;
}

// An exclusive flock on the file at `path`, held while the descriptor lives; nothing when
// another process holds it.
std::optional<FileDescriptor> try_lock(const std::string& path, int flags) {
  FileDescriptor fd(::open(path.c_str(), flags | O_CLOEXEC));
  if (!fd.valid()) sys_fail("cannot open", path);
  if (flock(fd.get(), LOCK_EX | LOCK_NB) != 0) return std::nullopt;
  return fd;
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {
  }, sb{};
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

// What a failed write of `path` says next to its own message: a full file system is the usual
// cause, and HDF5's error stack does not name it.
std::string space_hint(const std::string& path) {
  std::error_code ec;
  const auto space = fs::space(fs::absolute(path).parent_path(), ec);
  if (ec || space.available > (std::uintmax_t{16} << 20)) return "";
  return " (the file system holding it has " + std::to_string(space.available) + " bytes free)";
}

// Blocks the stop signals in the calling thread for its lifetime.
class StopSignalsBlocked {
 public:
  StopSignalsBlocked() {
    sigset_t stops;
    sigemptyset(&stops);
    for (const int signal : {SIGINT, SIGTERM, SIGUSR1}) sigaddset(&stops, signal);
    pthread_sigmask(SIG_BLOCK, &stops, &before_);
  }
  ~StopSignalsBlocked() { pthread_sigmask(SIG_SETMASK, &before_, nullptr); }
  StopSignalsBlocked(const StopSignalsBlocked&) = delete;
  StopSignalsBlocked& operator=(const StopSignalsBlocked&) = delete;

 private:
  sigset_t before_;
};

}  // namespace

void ResultsStore::copy_published(Copy& standby) {
  const Copy& current = copies_[published_];
  const double start = now_seconds();
  std::error_code ec;
  fs::remove(standby.path, ec);
  fs::copy_file(current.path, standby.path, ec);
  try {
    if (ec)
      throw StorageError("cannot copy " + current.path + " to " + standby.path + ": " +
                         ec.message());
    // Synced here, so the time measured is what the copy costs the disk too.
    fsync_path(standby.path);
  } catch (const StorageError& e) {
    standby.valid = false;
    throw StorageError(e.what() + space_hint(standby.path) + "; " + output_ +
                       " still holds the previous snapshot: run the same command again to "
                       "resume");
  }
  const auto bytes = fs::file_size(standby.path, ec);
  if (!ec && bytes >= min_measured_bytes)
    copy_seconds_per_byte_ = (now_seconds() - start) / static_cast<double>(bytes);
  standby.valid = true;
  standby.journal_bytes = current.journal_bytes;
  standby.running = current.running;
}

ResultsStore::ResultsStore(std::string output, const Sweep& sweep, RunInfo info, bool restart)
    : output_(std::move(output)),
      sweep_(sweep),
      info_(std::move(info)),
      status_(sweep.size(), PointStatus::pending) {
  // A name that is not a plain file would be replaced or renamed by what follows.
  std::error_code ec;
  const auto kind = fs::symlink_status(output_, ec).type();
  if (kind == fs::file_type::directory)
    throw InputError(output_ + " is a directory: give the results file's path (-o DIR/NAME.h5)");
  if (kind == fs::file_type::symlink)
    throw InputError(output_ +
                     " is a symbolic link: give the path of the results file itself, which "
                     "diffsweep replaces atomically (a link would be replaced by a file)");
  if (kind != fs::file_type::not_found && kind != fs::file_type::regular)
    throw InputError(output_ + " exists and is not a regular file");
  if (const auto dir = fs::path(output_).parent_path(); !dir.empty()) {
    fs::create_directories(dir, ec);
    if (ec) throw StorageError("cannot create " + dir.string() + ": " + ec.message());
  }
  copies_[0].path = output_ + ".a";
  copies_[1].path = output_ + ".b";
  counts_.pending = status_.size();
  open_journal(restart);
  removed_leftovers_ = Journal::remove_leftovers(journal_path(output_));
  plan(PointSelection(), {});
}

void ResultsStore::count(const PointRecord& r) {
  // A later record of a point (a retry) replaces an earlier one, whose error it keeps.
  const bool in_sweep = r.index < sweep_.size();
  StatusCounts& counts = in_sweep ? counts_ : outside_counts_;
  const PointStatus old = status_[r.index];
  if (old == PointStatus::pending) --counts.pending;
  if (old == PointStatus::running) --counts.running;
  if (old == PointStatus::done) --counts.done;
  if (old == PointStatus::failed) --counts.failed;
  if (old == PointStatus::diverged) --counts.diverged;
  status_[r.index] = r.status;
  counts.add(r.status);
  if (adaptive() && in_sweep) {
    const auto v =
        r.result.scalars.find(sweep_.refine ? sweep_.refine->metric : sweep_.sequential->metric);
    metric_values_[r.index] = v == r.result.scalars.end() ? std::nan("") : v->second;
  }
  if (const auto earlier = last_error_.find(r.index); earlier != last_error_.end()) {
    Attempts& a = attempts_[r.index];
    ++a.count;
    a.earlier += (a.earlier.empty() ? "" : " | ") + earlier->second;
    last_error_.erase(earlier);
  }
  if (r.status == PointStatus::failed || r.status == PointStatus::diverged) {
    last_error_[r.index] = r.error;
  }
}

std::vector<PointFailure> ResultsStore::failures(std::size_t most) const {
  std::vector<PointFailure> out;
  for (const auto& [index, error] : last_error_)
    if (index < sweep_.size()) out.push_back({index, status_[index], error});
  const auto first = [](const PointFailure& a, const PointFailure& b) { return a.index < b.index; };
  if (out.size() > most) {
    std::nth_element(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(most), out.end(),
                     first);
    out.resize(most);
  }
  std::sort(out.begin(), out.end(), first);
  return out;
}

void ResultsStore::open_journal(bool restart) {
  const std::string journal = journal_path(output_);
  // The output first: a diffsweep starting at the same moment makes its journal before its
  // output, so an output seen here has its journal by the time that is looked for.
  const bool have_output = fs::exists(output_);
  const bool have_journal = fs::exists(journal);
  if (restart && (have_output || have_journal)) {
    // Held while the files move: a diffsweep still writing them keeps them.
    std::optional<FileDescriptor> lock;
    if (have_journal) {
      lock = try_lock(journal, O_RDONLY);
      if (!lock)
        throw InputError(journal +
                         " is in use by another diffsweep process (one writer per "
                         "output)");
    }
    const std::string stamp = utc_stamp_for_file_names();
    for (const std::string& p : {output_, copies_[0].path, copies_[1].path, journal})
      if (fs::exists(p)) {
        const std::string moved = move_aside(p, stamp);
        if (moved_aside_.empty()) moved_aside_ = moved;
      }
  } else if (have_journal) {
    JournalHeader header;
    std::optional<SweepExtension> extension;
    std::optional<Journal> opened = Journal::open(
        journal, header,
        [&](const PointRecord& r) {
          if (extension) return extension->add(r);
          if (r.index >= status_.size() || row_id(r.index) != r.point_id)
            throw StorageError("journal " + journal +
                               " has a record that does not match the sweep (point " +
                               std::to_string(r.index) + ")");
          count(r);
          if (retry_round_) ran_in_round_.insert(r.index);
        },
        repair_,
        [&](const JournalHeader& h) {
          if (h.sweep_hash == sweep_.hash) return adopt_header(h);
          std::string published_overrides;
          if (const auto s = results::read_file_summary(output_))
            published_overrides = s->overrides;
          extension.emplace(h, sweep_, output_, published_overrides);
        },
        [&](const RetryMark& m) {
          // An extension renumbers the records and starts its journal without marks.
          if (extension) return;
          ran_in_round_.clear();
          retry_round_.reset();
          if (m.begins) retry_round_ = m.statuses;
        });
    if (extension) {
      // The old journal stays locked until the new one, locked too, has replaced it.
      Journal extended = Journal::replace(journal, extension->header(), extension->record_frames());
      opened.reset();
      opened.emplace(std::move(extended));
      header = extension->header();
      extended_ = extension->describe();
      extension.reset();
      adopt_header(header);
      opened->read_records(opened->begin(), opened->end(), [&](const PointRecord& r) { count(r); });
    }
    journal_.emplace(std::move(*opened));
    info_.started = header.started;
    account_loss();
    resumed_ = counts_.finished();
    for (Copy& c : copies_) inspect(c);
    published_ = same_file(output_, copies_[0].path)   ? 0
                 : same_file(output_, copies_[1].path) ? 1
                                                       : -1;
    if (published_ >= 0 && copies_[published_].valid) return;
    // No trustworthy published copy (an older format, a damaged journal, a file put there by
    // hand): rebuild from the journal, keeping what was there, unless it is a snapshot of a
    // sweep this one extended, which the journal holds whole.
    const auto earlier = [&](const std::string& hash) {
      return std::any_of(history_.begin(), history_.end(),
                         [&](const EarlierSweep& e) { return results::hex_id(e.hash) == hash; });
    };
    if (have_output && !(published_ >= 0 && earlier(copies_[published_].sweep_hash))) {
      moved_aside_ = move_aside(output_, utc_stamp_for_file_names());
    }
    copies_[0].valid = copies_[1].valid = false;
    create_copies();
    return;
  } else if (have_output) {
    throw InputError(output_ + " exists but its journal " + journal +
                     " does not, so it cannot be resumed; use --restart to move it aside");
  }
  info_.started = info_.run_started;
  journal_.emplace(Journal::create(journal, journal_header_for(sweep_, info_.started)));
  create_copies();
}

void ResultsStore::account_loss() {
  // Only a file of this sweep, as it stands after the extensions the journal has seen, has the
  // journal's rows and offsets (an extension in this run rewrote the journal by point id).
  const auto s = extended_.empty() ? results::read_file_summary(output_) : std::nullopt;
  const bool comparable = s && written_from_journal(*s);
  std::optional<PublishedRecords> published;
  if (comparable &&
      (repair_.damaged() || static_cast<std::uint64_t>(s->journal_bytes) > repair_.records_end)) {
    try {
      PublishedRecords p;
      p.journal_bytes = static_cast<std::uint64_t>(s->journal_bytes);
      for (const std::string& text : results::read_statuses(output_)) {
        const auto status = results::status_from_text(text);
        p.finished.push_back(status && is_finished(*status) ? status : std::nullopt);
      }
      published = std::move(p);
    } catch (const StorageError&) {
      // Unreadable: what the journal alone tells.
    }
  }
  loss_ = account_journal_loss(
      repair_, published, status_, [&](std::uint64_t index, std::uint64_t point_id) {
        return extended_.empty() && index < status_.size() && row_id(index) == point_id;
      });
}

void ResultsStore::adopt_header(const JournalHeader& header) {
  history_ = header.history;
  outside_ = OutsideRows(header, sweep_.experiment(), sweep_.spec.recorded_defaults);
  status_.assign(sweep_.size() + outside_.size(), PointStatus::pending);
  outside_counts_ = StatusCounts();
  outside_counts_.pending = outside_.size();
}

std::uint64_t ResultsStore::row_id(std::uint64_t row) const {
  return row < sweep_.size() ? sweep_.point_id(row) : outside_.point_id(row - sweep_.size());
}

bool ResultsStore::written_from_journal(const results::FileSummary& s) const {
  return s.format_version == results::format_version &&
         s.sweep_hash == results::hex_id(sweep_.hash) &&
         s.extensions == static_cast<std::int64_t>(history_.size()) && s.journal_bytes >= 0;
}

// Whether a copy is a results file of this sweep this build can update, and what it holds.
void ResultsStore::inspect(Copy& copy) const {
  copy.valid = false;
  const auto s = results::read_file_summary(copy.path);
  copy.sweep_hash = s ? s->sweep_hash : std::string();
  // A journal that was rewritten (repaired, or extended in this run) has other offsets. One
  // rewritten by an extension in an earlier run is told apart by how many extensions each has
  // seen: a copy of the same sweep from before them (a sweep extended and then run as it was)
  // holds offsets into a journal that no longer exists.
  if (repair_.damaged() || !extended_.empty()) return;
  if (!s || !written_from_journal(*s) ||
      static_cast<std::uint64_t>(s->journal_bytes) > journal_->end())
    return;
  copy.journal_bytes = static_cast<std::uint64_t>(s->journal_bytes);
  copy.ended = !s->ended.empty();
  copy.running.clear();
  try {
    for (const auto& [row, worker] : results::rows_with_status(copy.path, PointStatus::running))
      copy.running[row] = static_cast<std::int32_t>(worker);
  } catch (const StorageError&) {
    return;  // unreadable columns: not a copy to build on
  }
  copy.valid = true;
}

// Both copies made from nothing: the rows of every point, then the journal replayed into one,
// which is published; the other is made from it at the first snapshot.
void ResultsStore::create_copies() {
  Copy& first = copies_[0];
  const std::string tmp = first.path + ".tmp";
  Copy fresh{tmp, true, 0, {}, false, {}};
  try {
    create_results_file(tmp, sweep_, outside_);
    write_copy(fresh, capture(false), true);
  } catch (const StorageError& e) {
    throw StorageError("cannot create " + tmp + space_hint(tmp) + ": " + e.what() +
                       "; the journal keeps every finished point: run the same command again");
  }
  results::sync_and_rename(tmp, first.path);
  first.valid = true;
  first.journal_bytes = fresh.journal_bytes;
  first.running = fresh.running;
  first.ended = false;
  copies_[1].valid = false;
  publish(first);
}

bool ResultsStore::copying_is_cheaper(const Copy& standby) const {
  const Copy& current = copies_[published_];
  if (copy_seconds_per_byte_ < 0 || replay_seconds_per_byte_ < 0 ||
      current.journal_bytes <= standby.journal_bytes)
    return false;
  std::error_code ec;
  const auto file_bytes = fs::file_size(current.path, ec);
  return !ec && copy_seconds_per_byte_ * static_cast<double>(file_bytes) <
                    replay_seconds_per_byte_ *
                        static_cast<double>(current.journal_bytes - standby.journal_bytes);
}

ResultsStore::SnapshotState ResultsStore::capture(bool complete) const {
  SnapshotState state;
  state.journal_end = journal_->end();
  state.attempts = attempts_;
  state.running = shown_running();
  for (const Copy& copy : copies_)
    for (const auto& [row, worker] : copy.running)
      if (status_[row] == PointStatus::pending) state.pending.insert(row);
  state.ended = complete && all_finished();
  state.attributes =
      sweep_attributes(sweep_, info_, file_counts(),
                       state.ended ? utc_now_iso8601() : std::string(), state.journal_end);
  state.attributes.emplace_back(file_attribute::n_outside,
                                static_cast<std::int64_t>(outside_.size()));
  state.attributes.emplace_back(file_attribute::n_outside_finished,
                                static_cast<std::int64_t>(outside_counts_.finished()));
  state.attributes.emplace_back(file_attribute::sweep_history, sweep_history_json(history_));
  state.attributes.emplace_back(file_attribute::n_extensions,
                                static_cast<std::int64_t>(history_.size()));
  if (adaptive()) {
    const bool refine = sweep_.refine.has_value();
    state.attributes.emplace_back(refine ? file_attribute::refine : file_attribute::sequential,
                                  rounds_report_);
    state.attributes.emplace_back(
        refine ? file_attribute::refine_table : file_attribute::sequential_table, rounds_table_);
    state.attributes.emplace_back(file_attribute::n_unplaced,
                                  static_cast<std::int64_t>(unplaced()));
  }
  if (worker_use_) {
    state.attributes.emplace_back(file_attribute::worker_utilisation, worker_use_->busy_fraction);
    state.attributes.emplace_back(file_attribute::round_wait_worker_seconds,
                                  worker_use_->round_wait_seconds);
    state.attributes.emplace_back(file_attribute::tail_worker_seconds, worker_use_->tail_seconds);
  }
  return state;
}

bool ResultsStore::published_shows(const SnapshotState& state) const {
  const Copy& current = copies_[published_];
  return current.journal_bytes == state.journal_end && current.running == state.running &&
         current.ended == state.ended;
}

// Writes into `copy` what the journal holds beyond copy.journal_bytes (up to the state's end)
// and which points the state has running.
void ResultsStore::write_copy(Copy& copy, const SnapshotState& state, bool from_start) {
  const double start = now_seconds();
  const std::uint64_t from = from_start ? journal_->begin() : copy.journal_bytes;
  auto file = results::ResultsFileWriter::open(copy.path);
  const Experiment& experiment = sweep_.experiment();
  RowChanges changes(experiment);
  journal_->read_records(from, state.journal_end, [&](const PointRecord& r) {
    const auto a = state.attempts.find(r.index);
    changes.finished(r, a == state.attempts.end() ? nullptr : &a->second);
    if (changes.size() == replay_batch) {
      changes.write(file);
      changes.clear();
    }
  });
  for (const auto& [row, worker] : state.running) changes.running(row, worker);
  for (const auto& [row, worker] : copy.running)
    if (!state.running.count(row) && state.pending.count(row)) changes.pending(row);
  changes.write(file);
  // The process's CPU up to this write, the replay just done included (all its threads).
  results::Attributes attributes = state.attributes;
  for (auto& [name, value] : attributes)
    if (name == file_attribute::writer_cpu_seconds) value = process_cpu_seconds();
  file.set_attributes(attributes);
  file.close();
  if (state.journal_end - from >= min_measured_bytes)
    replay_seconds_per_byte_ =
        (now_seconds() - start) / static_cast<double>(state.journal_end - from);
  copy.journal_bytes = state.journal_end;
  copy.running = state.running;
  copy.ended = state.ended;
}

void ResultsStore::publish(Copy& copy) {
  const std::string link = output_ + ".link-tmp";
  ::unlink(link.c_str());
  if (::link(copy.path.c_str(), link.c_str()) != 0) sys_fail("cannot link", copy.path);
  if (std::rename(link.c_str(), output_.c_str()) != 0) {
    const int e = errno;
    ::unlink(link.c_str());
    errno = e;
    sys_fail("cannot publish", output_);
  }
  fsync_folder_of(output_);
  published_ = static_cast<int>(&copy - copies_);
}

void ResultsStore::plan(PointSelection selection, const std::set<PointStatus>& retry) {
  selection_ = std::move(selection);
  info_.selection = selection_.describe();
  std::string statuses;
  for (PointStatus s : retry) statuses.append(statuses.empty() ? "" : ",").append(to_string(s));
  if (!retry.empty())
    info_.selection =
        "retry " + statuses + (info_.selection.empty() ? std::string() : "; " + info_.selection);
  planned_ = planned_left_ = 0;
  // The same retry again after a stop goes on with its round; another starts a new one.
  const bool resumes_round = !retry.empty() && retry_round_ == statuses;
  if (!retry.empty() && !resumes_round) ran_in_round_.clear();
  runs_round_ = !retry.empty();
  std::size_t reopened_now = 0;
  if (adaptive()) {
    if (!retry.empty() || !selection_.everything())
      throw InputError(output_ +
                       ": --retry, --only and --shard do not apply to a [refine] or [sequential] "
                       "sweep (its "
                       "rounds choose the points)");
    placed_.assign(sweep_.size(), false);
    return;
  }
  for (std::size_t i = 0; i < sweep_.size(); ++i) {
    if (!selection_.contains(i)) continue;
    ++planned_;
    const PointStatus s = status_[i];
    if (retry.count(s) && !ran_in_round_.count(i)) {
      ++reopened_now;
      reopened_[i] = s;
      s == PointStatus::failed ? --counts_.failed : --counts_.diverged;
      ++counts_.pending;
      status_[i] = PointStatus::pending;
    }
    if (!is_finished(status_[i])) ++planned_left_;
  }
  if (reopened_now > 0 && !resumes_round) {
    journal_->mark({true, statuses});
    retry_round_ = statuses;
  }
}

bool ResultsStore::all_finished() const {
  return adaptive() ? planned_left_ == 0 : counts_.not_run() == 0;
}

std::size_t ResultsStore::unplaced() const {
  std::size_t n = 0;
  for (std::size_t i = 0; i < placed_.size(); ++i) n += !placed_[i];
  return n;
}

void ResultsStore::extend_plan(const std::vector<std::size_t>& indices) {
  for (std::size_t i : indices) {
    if (placed_[i]) continue;
    placed_[i] = true;
    ++planned_;
    if (!is_finished(status_[i])) ++planned_left_;
  }
}

std::uint32_t ResultsStore::next_attempt(std::size_t index) const {
  if (const auto a = attempts_.find(index); a != attempts_.end())
    return static_cast<std::uint32_t>(a->second.count) + (reopened_.count(index) ? 1 : 0);
  return reopened_.count(index) ? 2 : 1;
}

std::map<std::uint64_t, std::int32_t> ResultsStore::shown_running() const {
  if (reopened_.empty()) return running_;
  std::map<std::uint64_t, std::int32_t> shown;
  for (const auto& [row, worker] : running_)
    if (!reopened_.count(row)) shown.emplace(row, worker);
  return shown;
}

StatusCounts ResultsStore::file_counts() const {
  StatusCounts c = counts_;
  for (const auto& [row, old] : reopened_) {
    status_[row] == PointStatus::running ? --c.running : --c.pending;
    c.add(old);
  }
  return c;
}

void ResultsStore::mark_running(std::size_t index, std::int32_t worker) {
  if (is_finished(status_.at(index))) return;
  if (status_[index] == PointStatus::pending) {
    --counts_.pending;
    ++counts_.running;
  }
  status_[index] = PointStatus::running;
  running_[index] = worker;
}

void ResultsStore::mark_pending(std::size_t index) {
  if (status_.at(index) != PointStatus::running) return;
  --counts_.running;
  ++counts_.pending;
  status_[index] = PointStatus::pending;
  running_.erase(index);
}

void ResultsStore::add(const PointRecord& record) { add(std::vector<PointRecord>{record}); }

void ResultsStore::add(const std::vector<PointRecord>& records) {
  std::vector<const PointRecord*> fresh;
  for (const auto& r : records)
    if (r.index < sweep_.size() && !is_finished(status_[r.index]) &&
        sweep_.point_id(r.index) == r.point_id)
      fresh.push_back(&r);
  journal_->append(fresh);
  for (const PointRecord* r : fresh) {
    running_.erase(r->index);
    reopened_.erase(r->index);
    count(*r);
    run_counts_.add(r->status);
    if (planned_left_ > 0) --planned_left_;
  }
  if (background_.valid()) {
    if (background_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    finish_background();
  }
  if (fresh.empty() ||
      now_seconds() - last_snapshot_end_ < std::max(0.25, 10.0 * last_snapshot_cost_))
    return;
  if (!background_allowed_) {
    snapshot(false);
    return;
  }
  SnapshotState state = capture(false);
  if (published_shows(state)) return;
  // The thread takes no stop signals (it inherits this mask while it is started): they reach
  // the thread that runs the sweep.
  const StopSignalsBlocked blocked;
  background_ =
      std::async(std::launch::async, [this, state = std::move(state), start = now_seconds()] {
        return timed_snapshot(state, start);
      });
}

void ResultsStore::finish_background() {
  // Rethrows what the snapshot threw.
  std::tie(last_snapshot_end_, last_snapshot_cost_) = background_.get();
}

std::pair<double, double> ResultsStore::timed_snapshot(const SnapshotState& state, double start) {
  const double not_counted = write_snapshot(state);
  const double end = now_seconds();
  return {end, end - start - not_counted};
}

void ResultsStore::add_history(const std::vector<PointRecord>& records) {
  std::vector<const PointRecord*> all;
  for (const auto& r : records) {
    if (r.index >= status_.size() || sweep_.point_id(r.index) != r.point_id)
      throw StorageError("a record of point " + std::to_string(r.index) +
                         " does not match the sweep");
    all.push_back(&r);
  }
  journal_->append(all);
  for (const PointRecord* r : all) count(*r);
}

void ResultsStore::snapshot(bool complete) {
  if (background_.valid()) finish_background();
  const double start = now_seconds();
  if (complete) {
    if (runs_round_ && retry_round_) {
      journal_->mark({false, *retry_round_});
      retry_round_.reset();
    }
    journal_->sync();
  }
  const SnapshotState state = capture(complete);
  // Nothing new: a resumed finished sweep writes nothing at all.
  if (published_shows(state)) return;
  std::tie(last_snapshot_end_, last_snapshot_cost_) = timed_snapshot(state, start);
}

double ResultsStore::write_snapshot(const SnapshotState& state) {
  Copy& standby = copies_[1 - published_];
  double standby_made_seconds = 0;
  if (!standby.valid) {
    const double start = now_seconds();
    copy_published(standby);
    standby_made_seconds = now_seconds() - start;
  } else if (copying_is_cheaper(standby)) {
    copy_published(standby);
    ++catch_up_copies_;
  }
  // A reader that opened this copy while it was published holds HDF5's shared lock on it: it
  // is not rewritten under that reader, who keeps its view; a fresh copy takes its name.
  std::optional<FileDescriptor> lock = try_lock(standby.path, O_RDWR);
  if (!lock) {
    copy_published(standby);
    lock = try_lock(standby.path, O_RDWR);
    if (!lock) throw StorageError("cannot lock " + standby.path + " for writing");
  }
  try {
    write_copy(standby, state, false);
  } catch (const StorageError& e) {
    standby.valid = false;  // half written: made again from the published copy next time
    throw StorageError("cannot write the snapshot " + standby.path + space_hint(standby.path) +
                       ": " + e.what() + "; " + output_ +
                       " still holds the previous snapshot and the journal every finished "
                       "point: run the same command again to resume");
  }
  lock.reset();
  publish(standby);
  return standby_made_seconds;
}

}  // namespace diffsweep
