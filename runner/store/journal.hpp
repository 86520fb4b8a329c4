// The append-only journal beside a results file: the source of truth for which points finished.
//
// Each finished point is appended as one framed record ([u32 length][u64 FNV-1a of the payload]
// [payload]) with write(2) as soon as it arrives, so a SIGKILL of the process loses nothing that
// was appended (the bytes are in the kernel). fdatasync runs on an append when the last one is a
// second old or more, and on sync(): a crash of the machine itself loses the records appended
// since the last sync (docs/results-format.md). A record torn by a kill mid-write fails its length
// or checksum; opening the journal drops that tail and continues from the last whole record.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runner/store/point_record.hpp"

namespace diffsweep {

struct JournalHeader {
  std::uint64_t sweep_hash = 0;
  std::uint64_t n_points = 0;
  std::string sweep_path;
  std::string sweep_text;
  std::string started;  // UTC, ISO 8601: when the sweep first started
};

class Journal {
 public:
  // A new journal; throws StorageError if the file exists.
  static Journal create(const std::string& path, const JournalHeader& header);
  // An existing journal, its header and every whole record in it; truncates a torn tail.
  static Journal open(const std::string& path, JournalHeader& header,
                      std::vector<PointRecord>& records);
  // Only the header, without locking or repairing (to compare sweeps before deciding anything).
  static JournalHeader read_header(const std::string& path);
  // Throws InputError when another process holds the journal (a diffsweep writing this output).
  static void refuse_if_in_use(const std::string& path);

  Journal(Journal&& other) noexcept;
  Journal& operator=(Journal&&) = delete;
  Journal(const Journal&) = delete;
  ~Journal();

  void append(const PointRecord& record);
  void sync();

 private:
  Journal(int fd, std::string path);
  void write_frame(char kind, const std::string& payload);
  int fd_ = -1;
  std::string path_;
  double last_sync_ = 0.0;
};

}  // namespace diffsweep
