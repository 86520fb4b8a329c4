// The append-only journal beside a results file: the source of truth for which points finished.
//
// Each finished point is appended as one framed record ([u32 marker][u32 length][u64 checksum
// of the body][body]) with write(2) as soon as it arrives, so a SIGKILL of the process loses
// nothing that was appended (the bytes are in the kernel). fdatasync runs on an append when the
// last one is a second old or more, and on sync(): a crash of the machine itself loses the records
// appended since the last sync (docs/results-format.md).
//
// Opening reads every whole record. A record torn by a kill mid-write (an incomplete last
// frame) is dropped. Bytes that are no record but are followed by records (a damaged disk
// block, a flipped bit) are skipped: reading resumes at the next frame whose marker, length and
// checksum hold, the damaged journal is kept as a copy, the journal is rewritten with every
// intact record, and the caller is told which records were lost, as far as the journal tells
// (journal_loss.hpp adds what the published results file knows).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/file_descriptor.hpp"
#include "runner/store/point_record.hpp"

namespace diffsweep {

// A sweep this output ran before it was extended to the one it runs now: enough to rebuild its
// points (its text and overrides, checked against its hash).
struct EarlierSweep {
  std::uint64_t hash = 0;
  std::uint64_t n_points = 0;
  std::string path;
  std::string text;
  std::vector<std::string> overrides;
  std::string until;  // UTC, ISO 8601: when a sweep that extends it replaced it
};

// A row after the sweep's own points: a point of an earlier sweep (`sweep`, an index into the
// history) that the current sweep no longer names, kept with its results.
struct OutsideRow {
  std::uint32_t sweep = 0;
  std::uint64_t index = 0;  // the point's index in that sweep
};

struct JournalHeader {
  std::uint64_t sweep_hash = 0;
  std::uint64_t n_points = 0;
  std::string sweep_path;
  std::string sweep_text;
  std::string started;  // UTC, ISO 8601: when the sweep first started
  // Written after the fields above, so a journal of an older diffsweep, which ends there, reads
  // with none of these.
  std::vector<std::string> overrides;  // the command line's KEY=VALUE, as given
  std::vector<EarlierSweep> history;   // oldest first
  std::vector<OutsideRow> outside;     // rows n_points, n_points + 1, ...
};

// A record that began in a damaged stretch, as far as its frame could be read.
struct LostFrame {
  std::uint64_t offset = 0;  // where it began, in the journal as found
  // Its body's first bytes (its row and point id) lay in the stretch. They may be damaged too:
  // the caller checks them against the sweep.
  bool has_id = false;
  std::uint64_t index = 0, point_id = 0;
};

// Bytes between whole records that are none (or a frame that holds but does not parse).
struct DamagedStretch {
  std::uint64_t begin = 0, end = 0;  // in the journal as found
  std::vector<LostFrame> frames;     // the records recognised as beginning in it
  // `frames` are every record it held: their lengths chain from its first byte to its last,
  // or it lies after the last record and no record begins in it. Otherwise records may have
  // begun where their markers were erased (a zeroed block): `frames` holds those whose marker
  // is left, and between two whole records at least one record was lost.
  bool whole = false;
  bool at_end = false;  // no whole record after it
};

// What opening found besides the whole records.
struct JournalRepair {
  bool torn_tail = false;                 // an incomplete last record, dropped
  std::size_t damaged_bytes = 0;          // bytes between records that are none
  std::vector<DamagedStretch> stretches;  // in order
  // Where what was kept (whole records and damaged bytes) ends in the journal as found: its size
  // less a torn tail.
  std::uint64_t records_end = 0;
  std::string damaged_copy;  // where the journal as found was kept
  bool damaged() const { return damaged_bytes > 0; }
  // The records the damage lost as far as the journal alone tells: exactly when every stretch
  // is whole, else at least.
  std::size_t lost_records() const;
  bool exact() const;
};

using RecordVisitor = std::function<void(const PointRecord&)>;

// A --retry round, as the journal marks it among the records: begun before the first record it
// runs (with the statuses it retries, "failed,diverged"), ended once every point it reopened
// has run again. A retry killed mid-way resumes the round: the points it already ran again are
// not retried a third time.
struct RetryMark {
  bool begins = true;
  std::string statuses;
};
using MarkVisitor = std::function<void(const RetryMark&)>;

// A journal a killed process left half made (Journal::remove_leftovers).
struct LeftoverJournal {
  std::string path;
  long pid = 0;  // of the process that wrote it
};

class Journal {
 public:
  // 1: frames without a marker (diffsweep 0.1.0); 2: with a marker, FNV-1a checksums; 3: the
  // checksum reads the body a word at a time (FNV-1a's byte at a time cost 12% of a writer's
  // CPU on empty points, which check every record once written and twice read back).
  static constexpr int current_version = 3;
  // A new journal, written whole beside `path` and linked into place, so no process ever sees a
  // journal without its header. Throws InputError when `path` exists by then (another diffsweep
  // started on the same output at the same moment).
  // `version` is the frame format (the current one unless a test writes an older journal to
  // check it is still read).
  static Journal create(const std::string& path, const JournalHeader& header,
                        int version = current_version);
  // An existing journal, locked for this process: its header, then every whole record in order.
  // Throws InputError when another process holds it, and when its header cannot be read (empty,
  // cut short or damaged: nothing in it can be trusted; the message names --restart).
  // `check_header` sees the header before any record is read (and may throw to refuse it);
  // `marks` sees each retry mark in its place among the records.
  static Journal open(const std::string& path, JournalHeader& header, const RecordVisitor& visit,
                      JournalRepair& repair,
                      const std::function<void(const JournalHeader&)>& check_header = {},
                      const MarkVisitor& marks = {});
  // A journal that replaces the one at `path` (the caller holds its lock, as an open Journal):
  // `header`, then `records` (encoded frames, in the current version) in order, written whole
  // and locked before it is renamed into place, so a kill at any moment leaves one journal or the
  // other. Used to extend a sweep in place.
  static Journal replace(const std::string& path, const JournalHeader& header,
                         const std::string& record_frames);
  // A record as replace() takes it.
  static std::string record_frame(const PointRecord& record);
  // create() and replace() write the new journal as `path`.new-<pid> first: a kill before it is
  // linked or renamed into place leaves that file. Removes those whose process no longer runs
  // (on this host; and whose file no process holds locked, as a creator on another host would)
  // and returns their names. Call holding the journal at `path` open (its lock): then no
  // replacement of it is under way, and a creation under way is another process's, which runs.
  static std::vector<LeftoverJournal> remove_leftovers(const std::string& path);
  // The same, collecting the records (tests, small journals).
  static Journal open(const std::string& path, JournalHeader& header,
                      std::vector<PointRecord>& records);

  Journal(Journal&& other) noexcept;
  Journal& operator=(Journal&&) = delete;
  Journal(const Journal&) = delete;
  ~Journal();

  void append(const PointRecord& record);
  // Several records with one write(2): as durable as one each once it returns.
  void append(const std::vector<const PointRecord*>& records);
  void sync();
  // Written and synced at once: a round's records must never precede its mark on disk.
  void mark(const RetryMark& mark);
  // Bytes written so far: records appended up to now lie before this offset.
  std::uint64_t end() const { return end_; }
  // Where the first record begins (just past the header).
  std::uint64_t begin() const { return begin_; }
  // The records in [from, to), two offsets end() returned, in order.
  void read_records(std::uint64_t from, std::uint64_t to, const RecordVisitor& visit) const;
  const std::string& path() const { return path_; }

 private:
  Journal(FileDescriptor fd, std::string path, int version, std::uint64_t begin, std::uint64_t end);
  void write_frame(char kind, const std::string& payload);
  FileDescriptor fd_;
  std::string path_;
  int version_ = current_version;
  std::uint64_t begin_ = 0, end_ = 0;
  double last_sync_ = 0.0;
};

}  // namespace diffsweep
