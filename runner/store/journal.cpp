#include "runner/store/journal.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>

#include "common/errors.hpp"
#include "common/file_descriptor.hpp"
#include "common/file_sync.hpp"
#include "common/seeding.hpp"
#include "runner/run/clock.hpp"

namespace diffsweep {

namespace {

// "diffsweep-journal V\n" for V = 1, 2, 3.
constexpr std::string_view magic_prefix = "diffsweep-journal ";
constexpr std::size_t magic_size = 20;

std::string magic(int version) {
  return std::string(magic_prefix) + std::to_string(version) + "\n";
}

// Frames from version 2 on start with these 4 bytes, so reading can find the next frame after
// damaged bytes without trying every offset.
constexpr std::uint32_t frame_marker = 0x4a52'5344;  // "DSRJ" little-endian

// Version 3's checksum: each 8-byte word (the last one zero-padded) is mixed in by a step that
// is a bijection of the state, so a change confined to one word, any number of flipped bits
// in it, always changes the sum; the length seeds it. Several times faster than FNV-1a's byte
// at a time.
std::uint64_t word_checksum(std::string_view body) {
  std::uint64_t h = 0x9e37'79b9'7f4a'7c15ULL ^ body.size();
  const auto step = [&h](std::uint64_t word) {
    h ^= word;
    h = (h << 29 | h >> 35) * 0xbf58'476d'1ce4'e5b9ULL;
  };
  std::size_t i = 0;
  for (; i + 8 <= body.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, body.data() + i, 8);
    step(word);
  }
  std::uint64_t last = 0;
  std::memcpy(&last, body.data() + i, body.size() - i);
  step(last);
  return mix64(h);
}

[[noreturn]] void sys_fail(const std::string& what, const std::string& path) {
  throw StorageError(what + " " + path + ": " + std::strerror(errno));
}

std::string restart_hint(const std::string& path, const std::string& what) {
  return "journal " + path + " " + what +
         ": the sweep cannot be resumed from it; use --restart to move it and the results file "
         "aside (nothing is deleted) and start over";
}

// Frames of this kind mark a --retry round; older journals have none.
constexpr char retry_mark_kind = 'T';

RetryMark decode_mark(std::string_view payload) {
  if (payload.empty() || (payload[0] != 'B' && payload[0] != 'E'))
    throw std::runtime_error("bad retry mark");
  return {payload[0] == 'B', std::string(payload.substr(1))};
}

std::string encode_header(const JournalHeader& h) {
  std::string out;
  auto put_u64 = [&](std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); };
  auto put_text = [&](const std::string& s) {
    put_u64(s.size());
    out += s;
  };
  const auto put_texts = [&](const std::vector<std::string>& texts) {
    put_u64(texts.size());
    for (const auto& t : texts) put_text(t);
  };
  put_u64(h.sweep_hash);
  put_u64(h.n_points);
  put_text(h.sweep_path);
  put_text(h.sweep_text);
  put_text(h.started);
  put_texts(h.overrides);
  put_u64(h.history.size());
  for (const EarlierSweep& e : h.history) {
    put_u64(e.hash);
    put_u64(e.n_points);
    put_text(e.path);
    put_text(e.text);
    put_texts(e.overrides);
    put_text(e.until);
  }
  put_u64(h.outside.size());
  for (const OutsideRow& o : h.outside) {
    put_u64(o.sweep);
    put_u64(o.index);
  }
  return out;
}

std::optional<JournalHeader> decode_header(std::string_view in) {
  std::size_t pos = 0;
  bool ok = true;
  auto get_u64 = [&]() -> std::uint64_t {
    if (in.size() - pos < 8) {
      ok = false;
      return 0;
    }
    std::uint64_t v;
    std::memcpy(&v, in.data() + pos, 8);
    pos += 8;
    return v;
  };
  auto get_text = [&]() {
    const auto n = get_u64();
    if (!ok || in.size() - pos < n) {
      ok = false;
      return std::string();
    }
    std::string s(in.substr(pos, n));
    pos += n;
    return s;
  };
  JournalHeader h;
  h.sweep_hash = get_u64();
  h.n_points = get_u64();
  h.sweep_path = get_text();
  h.sweep_text = get_text();
  h.started = get_text();
  if (!ok) return std::nullopt;
  if (pos == in.size()) return h;  // a journal of a diffsweep before sweeps could be extended
  // Counts are bounded by the bytes left, so a damaged count cannot ask for a huge allocation.
  const auto get_count = [&](std::size_t least_bytes) {
    const auto n = get_u64();
    if (ok && n > (in.size() - pos) / least_bytes) ok = false;
    return ok ? n : 0;
  };
  const auto get_texts = [&] {
    std::vector<std::string> texts(get_count(8));
    for (auto& t : texts) t = get_text();
    return texts;
  };
  h.overrides = get_texts();
  h.history.resize(get_count(48));
  for (EarlierSweep& e : h.history) {
    e.hash = get_u64();
    e.n_points = get_u64();
    e.path = get_text();
    e.text = get_text();
    e.overrides = get_texts();
    e.until = get_text();
  }
  h.outside.resize(get_count(16));
  for (OutsideRow& o : h.outside) {
    o.sweep = static_cast<std::uint32_t>(get_u64());
    o.index = get_u64();
    if (o.sweep >= h.history.size()) ok = false;
  }
  if (!ok) return std::nullopt;
  return h;
}

// The frame layout of one journal version.
struct Layout {
  int version;
  std::size_t marker() const { return version == 1 ? 0 : 4; }
  std::size_t header() const { return marker() + 12; }
  std::uint64_t checksum(std::string_view body) const {
    return version >= 3 ? word_checksum(body) : fnv1a64(body);
  }
};

std::string frame_bytes(const Layout& layout, char kind, const std::string& payload) {
  std::string body;
  body.reserve(payload.size() + 1);
  body += kind;
  body += payload;
  const auto length = static_cast<std::uint32_t>(body.size());
  const std::uint64_t checksum = layout.checksum(body);
  std::string frame;
  frame.reserve(layout.header() + body.size());
  if (layout.marker()) frame.append(reinterpret_cast<const char*>(&frame_marker), 4);
  frame.append(reinterpret_cast<const char*>(&length), sizeof length);
  frame.append(reinterpret_cast<const char*>(&checksum), sizeof checksum);
  frame += body;
  return frame;
}

struct Frame {
  char kind;
  std::string_view payload;
  std::size_t begin, end;  // byte offsets of the whole frame
};

enum class At { frame, torn, damaged };

// What starts at `pos` of `bytes`: a whole frame (returned in `out`), the beginning of a frame
// the file ends inside (a write cut short), or something else.
At frame_at(const Layout& layout, std::string_view bytes, std::size_t pos, Frame& out) {
  const std::size_t left = bytes.size() - pos;
  const std::size_t marker = layout.marker();
  if (marker && left >= 4) {
    std::uint32_t m;
    std::memcpy(&m, bytes.data() + pos, 4);
    if (m != frame_marker) return At::damaged;
  }
  if (left < layout.header()) {
    // Only a prefix of a header: torn if what there is matches the marker's prefix.
    if (marker && std::memcmp(bytes.data() + pos, &frame_marker, std::min<std::size_t>(left, 4)))
      return At::damaged;
    return At::torn;
  }
  std::uint32_t length;
  std::uint64_t checksum;
  std::memcpy(&length, bytes.data() + pos + marker, sizeof length);
  std::memcpy(&checksum, bytes.data() + pos + marker + sizeof length, sizeof checksum);
  if (length == 0) return At::damaged;
  if (length > left - layout.header()) return At::torn;
  const std::string_view body = bytes.substr(pos + layout.header(), length);
  if (layout.checksum(body) != checksum) return At::damaged;
  out = {body[0], body.substr(1), pos, pos + layout.header() + length};
  return At::frame;
}

// A record frame that begins at `pos` and is lost: its row and point id, where its body's first
// bytes lie before `end`.
LostFrame lost_frame(const Layout& layout, std::string_view bytes, std::size_t pos,
                     std::size_t end) {
  LostFrame f;
  f.offset = pos;
  const std::size_t body = pos + layout.header();
  if (body + 17 <= end && bytes[body] == 'R') {
    f.has_id = true;
    std::memcpy(&f.index, bytes.data() + body + 1, 8);
    std::memcpy(&f.point_id, bytes.data() + body + 9, 8);
  }
  return f;
}

// What the damaged bytes [begin, end) held, as far as their frames can be read.
DamagedStretch describe_stretch(const Layout& layout, std::string_view bytes, std::size_t begin,
                                std::size_t end) {
  DamagedStretch s;
  s.begin = begin;
  s.end = end;
  s.at_end = end >= bytes.size();
  // Damage inside bodies and checksums (a flipped bit, a bad block within one record) leaves the
  // lengths: followed from the first byte they land exactly on the next whole record, and then
  // the frames they step over are all the stretch held (each a damaged record, its marker may be
  // damaged too). Random bytes land there by chance once in 2^32 tries.
  std::size_t q = begin;
  while (q + layout.header() <= end) {
    std::uint32_t length;
    std::memcpy(&length, bytes.data() + q + layout.marker(), sizeof length);
    if (length == 0 || length > end - q - layout.header()) break;
    s.frames.push_back(lost_frame(layout, bytes, q, end));
    q += layout.header() + length;
  }
  if (q == end) {
    s.whole = true;
    return s;
  }
  // Otherwise a length was damaged or a marker erased: the records recognised are those whose
  // marker is left.
  s.frames.clear();
  if (layout.marker())
    for (std::size_t p = begin; p + 4 <= end; ++p)
      if (std::memcmp(bytes.data() + p, &frame_marker, 4) == 0)
        s.frames.push_back(lost_frame(layout, bytes, p, end));
  // Every record is appended whole and begins with the marker: bytes after the last record in
  // which none begins are no record diffsweep wrote (another program's, or stray bytes), unless
  // the damage erased the markers too. Zeros are what a file system leaves of a tail whose data
  // a crash of the machine lost: records may have been there.
  s.whole = s.at_end && s.frames.empty() && layout.marker() &&
            std::any_of(bytes.begin() + static_cast<std::ptrdiff_t>(begin), bytes.end(),
                        [](char c) { return c != 0; });
  return s;
}

// What a scan of the frames after the magic found besides them: the damage skipped, and where
// the whole frames end.
struct Scan {
  JournalRepair repair;
  std::size_t good_end = 0;  // just past the last whole frame
};

// Hands every whole frame after the magic to `visit`, in order, skipping damaged stretches;
// `done_before(offset)` is told when the bytes before `offset` will not be read again by the
// scan. Nothing is kept per frame, so a journal of any length is scanned in little memory.
Scan scan_frames(const Layout& layout, std::string_view bytes,
                 const std::function<void(const Frame&)>& visit,
                 const std::function<void(std::size_t)>& done_before) {
  Scan s;
  std::size_t pos = magic_size;
  s.good_end = pos;
  while (pos < bytes.size()) {
    Frame f;
    const At at = frame_at(layout, bytes, pos, f);
    if (at == At::frame) {
      visit(f);
      pos = s.good_end = f.end;
      done_before(pos);
      continue;
    }
    // Look for the next whole frame; if there is none and this looks like a frame cut short,
    // it is the torn tail of a killed write, not damage.
    std::size_t next = pos + 1;
    Frame g;
    while (next < bytes.size() && frame_at(layout, bytes, next, g) != At::frame) ++next;
    if (next >= bytes.size() && at == At::torn) {
      s.repair.torn_tail = true;
      break;
    }
    s.repair.damaged_bytes += next - pos;
    s.repair.stretches.push_back(describe_stretch(layout, bytes, pos, next));
    pos = next;
  }
  s.repair.records_end = pos;
  return s;
}

// The journal's bytes, mapped (a journal of a long sweep can be larger than is worth copying).
class Mapped {
 public:
  explicit Mapped(const std::string& path) {
    const FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.valid()) sys_fail("cannot read journal", path);
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) sys_fail("cannot read journal", path);
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ > 0) {
      data_ = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd.get(), 0);
      if (data_ == MAP_FAILED) {
        size_ = 0;
        sys_fail("cannot map journal", path);
      }
    }
  }
  ~Mapped() {
    if (size_ > 0) ::munmap(data_, size_);
  }
  // The pages before `offset` are not needed for now: they leave this process's memory (read
  // again from the file if touched), so replaying a long journal holds little of it at once.
  void release_before(std::size_t offset) {
    constexpr std::size_t step = std::size_t{4} << 20;
    const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t end = offset / page * page;
    if (end < released_ + step) return;
    ::madvise(static_cast<char*>(data_) + released_, end - released_, MADV_DONTNEED);
    released_ = end;
  }
  Mapped(const Mapped&) = delete;
  Mapped& operator=(const Mapped&) = delete;
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t released_ = 0;
};

void lock_or_refuse(const FileDescriptor& fd, const std::string& path) {
  if (flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    const int e = errno;
    if (e == EWOULDBLOCK)
      throw InputError(path + " is in use by another diffsweep process (one writer per output)");
    errno = e;
    sys_fail("cannot lock journal", path);
  }
}

// The journal at `path`, opened and locked. A journal is replaced by a rename (a repair, an
// extension) while its writer holds the lock on the old one, so a lock taken just after that
// writer let go may be on a file no longer at `path`: then it is opened again.
FileDescriptor open_locked(const std::string& path) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    FileDescriptor fd(::open(path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC));
    if (!fd.valid()) sys_fail("cannot open journal", path);
    lock_or_refuse(fd, path);
    struct stat held {
    }, named{};
    if (::fstat(fd.get(), &held) == 0 && ::stat(path.c_str(), &named) == 0 &&
        held.st_dev == named.st_dev && held.st_ino == named.st_ino)
      return fd;
  }
  throw InputError(path +
                   " is in use by another diffsweep process (it was replaced while this "
                   "one opened it)");
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      sys_fail("cannot write journal", path);
    }
    done += static_cast<std::size_t>(n);
  }
}

// Where create_whole writes the file that becomes `path`.
constexpr std::string_view new_suffix = ".new-";

// A file holding `bytes`, locked and linked at `path` only once whole; returns its descriptor.
// link(2) fails when `path` exists, which is what makes two creators exclusive.
FileDescriptor create_whole(const std::string& path, std::string_view bytes, bool replace) {
  const std::string tmp = path + std::string(new_suffix) + std::to_string(::getpid());
  FileDescriptor fd(::open(tmp.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (!fd.valid()) sys_fail("cannot create journal", tmp);
  flock(fd.get(), LOCK_EX);
  try {
    write_all(fd.get(), bytes, tmp);
    if (::fdatasync(fd.get()) != 0) sys_fail("cannot sync journal", tmp);
  } catch (...) {
    ::unlink(tmp.c_str());
    throw;
  }
  const int linked =
      replace ? std::rename(tmp.c_str(), path.c_str()) : ::link(tmp.c_str(), path.c_str());
  const int e = errno;
  if (!replace) ::unlink(tmp.c_str());
  if (linked != 0) {
    if (replace) ::unlink(tmp.c_str());
    if (e == EEXIST)
      throw InputError(path +
                       " is in use by another diffsweep process (it appeared while this "
                       "one was starting)");
    errno = e;
    sys_fail("cannot create journal", path);
  }
  fsync_folder_of(path);
  ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) | O_APPEND);
  return fd;
}

}  // namespace

Journal::Journal(FileDescriptor fd, std::string path, int version, std::uint64_t begin,
                 std::uint64_t end)
    : fd_(std::move(fd)), path_(std::move(path)), version_(version), begin_(begin), end_(end) {
  last_sync_ = now_seconds();
}

Journal::Journal(Journal&& other) noexcept = default;

Journal::~Journal() {
  if (fd_.valid()) ::fdatasync(fd_.get());
}

Journal Journal::create(const std::string& path, const JournalHeader& header, int version) {
  const std::string bytes =
      magic(version) + frame_bytes(Layout{version}, 'H', encode_header(header));
  return Journal(create_whole(path, bytes, false), path, version, bytes.size(), bytes.size());
}

Journal Journal::replace(const std::string& path, const JournalHeader& header,
                         const std::string& record_frames) {
  const Layout layout{current_version};
  const std::string head = magic(current_version) + frame_bytes(layout, 'H', encode_header(header));
  return Journal(create_whole(path, head + record_frames, true), path, current_version, head.size(),
                 head.size() + record_frames.size());
}

std::string Journal::record_frame(const PointRecord& record) {
  return frame_bytes(Layout{current_version}, 'R', encode(record));
}

std::vector<LeftoverJournal> Journal::remove_leftovers(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path journal(path);
  const std::string prefix = journal.filename().string() + std::string(new_suffix);
  std::vector<LeftoverJournal> removed;
  std::error_code ec;
  const fs::path dir = journal.has_parent_path() ? journal.parent_path() : fs::path(".");
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    const long pid = std::stol(digits);
    // This process creates and replaces journals only while it holds them: one of its pid is a
    // leftover of an earlier process that had the same pid.
    if (pid != ::getpid() && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM)) continue;
    const std::string leftover = (journal.has_parent_path() ? dir / name : fs::path(name)).string();
    const FileDescriptor fd(::open(leftover.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.valid() && flock(fd.get(), LOCK_EX | LOCK_NB) == 0 && ::unlink(leftover.c_str()) == 0)
      removed.push_back({leftover, pid});
  }
  return removed;
}

Journal Journal::open(const std::string& path, JournalHeader& header, const RecordVisitor& visit,
                      JournalRepair& repair,
                      const std::function<void(const JournalHeader&)>& check_header,
                      const MarkVisitor& marks) {
  FileDescriptor fd = open_locked(path);
  int version = 0;
  std::size_t header_end = 0;
  Scan scan;
  {
    Mapped map(path);
    const std::string_view bytes = map.bytes();
    if (bytes.empty()) throw InputError(restart_hint(path, "is empty"));
    for (int v = 1; v <= current_version; ++v)
      if (bytes.substr(0, magic_size) == magic(v)) version = v;
    if (version == 0) throw InputError(restart_hint(path, "does not start as a diffsweep journal"));
    const Layout layout{version};
    Frame first;
    const At at = bytes.size() > magic_size ? frame_at(layout, bytes, magic_size, first) : At::torn;
    const std::optional<JournalHeader> h =
        at == At::frame && first.kind == 'H' ? decode_header(first.payload) : std::nullopt;
    if (!h)
      throw InputError(
          restart_hint(path, at == At::torn ? "ends inside its header" : "has a damaged header"));
    header = *h;
    header_end = first.end;
    if (check_header) check_header(header);
    // Frames whose checksum holds but whose content does not parse were written by another
    // program or build: as lost as damaged ones.
    std::vector<DamagedStretch> unparsed;
    const auto visit_frame = [&](const Frame& f) {
      if (f.begin == first.begin) return;  // the header, read above
      PointRecord r;
      try {
        if (f.kind == retry_mark_kind) {
          const RetryMark m = decode_mark(f.payload);
          if (marks) marks(m);
          return;
        }
        if (f.kind != 'R') throw std::runtime_error("unknown record kind");
        r = decode(f.payload);
      } catch (const std::runtime_error&) {
        DamagedStretch lost;
        lost.begin = f.begin;
        lost.end = f.end;
        lost.frames.push_back(lost_frame(layout, bytes, f.begin, f.end));
        lost.whole = true;
        unparsed.push_back(std::move(lost));
        return;
      }
      visit(r);
    };
    scan = scan_frames(layout, bytes, visit_frame,
                       [&](std::size_t offset) { map.release_before(offset); });
    repair = scan.repair;
    for (DamagedStretch& lost : unparsed) {
      repair.damaged_bytes += lost.end - lost.begin;
      repair.stretches.insert(
          std::upper_bound(repair.stretches.begin(), repair.stretches.end(), lost.begin,
                           [](std::uint64_t at, const DamagedStretch& d) { return at < d.begin; }),
          std::move(lost));
    }
    if (repair.damaged()) {
      // Keep what was found, then rewrite the journal from its intact frames, so damage is
      // reported once and appending continues after whole records.
      repair.damaged_copy = path + ".damaged-" + utc_stamp_for_file_names();
      std::error_code ec;
      std::filesystem::copy_file(path, repair.damaged_copy, ec);
      if (ec)
        throw StorageError("cannot keep a copy of the damaged journal " + path + ": " +
                           ec.message());
      // Every byte up to the last record but the damaged stretches (which hold the unparsed
      // frames too): the whole frames, as they were.
      std::string kept(bytes.substr(0, magic_size));
      std::size_t from = magic_size;
      for (const DamagedStretch& d : repair.stretches) {
        kept.append(bytes.substr(from, d.begin - from));
        from = d.end;
      }
      kept.append(bytes.substr(from, repair.records_end - from));
      // The new file is locked before it replaces the old one, whose lock is held till then.
      return Journal(create_whole(path, kept, true), path, version, first.end, kept.size());
    }
  }
  if (scan.repair.torn_tail && ::ftruncate(fd.get(), static_cast<off_t>(scan.good_end)) != 0)
    sys_fail("cannot drop the torn tail of journal", path);
  return Journal(std::move(fd), path, version, header_end, scan.good_end);
}

std::size_t JournalRepair::lost_records() const {
  std::size_t n = 0;
  for (const DamagedStretch& s : stretches)
    n += s.whole || s.at_end ? s.frames.size() : std::max<std::size_t>(1, s.frames.size());
  return n;
}

bool JournalRepair::exact() const {
  return std::all_of(stretches.begin(), stretches.end(),
                     [](const DamagedStretch& s) { return s.whole; });
}

Journal Journal::open(const std::string& path, JournalHeader& header,
                      std::vector<PointRecord>& records) {
  JournalRepair repair;
  return open(
      path, header, [&](const PointRecord& r) { records.push_back(r); }, repair);
}

void Journal::read_records(std::uint64_t from, std::uint64_t to, const RecordVisitor& visit) const {
  // Read in pieces of about 16 MB, so replaying a long stretch holds little of it at once.
  constexpr std::size_t piece = std::size_t{16} << 20;
  const Layout layout{version_};
  std::string bytes;  // the file's bytes from `base` on
  std::uint64_t base = from;
  std::size_t pos = 0;  // the next frame's offset in `bytes`
  // Drops what was parsed, then reads until `bytes` holds `size` bytes (or reaches `to`).
  const auto refill = [&](std::size_t size) {
    bytes.erase(0, pos);
    base += pos;
    pos = 0;
    const auto target = static_cast<std::size_t>(std::min<std::uint64_t>(size, to - base));
    std::size_t done = bytes.size();
    bytes.resize(std::max(done, target));
    while (done < bytes.size()) {
      const ssize_t n = ::pread(fd_.get(), bytes.data() + done, bytes.size() - done,
                                static_cast<off_t>(base + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) sys_fail("cannot read back journal", path_);
      done += static_cast<std::size_t>(n);
    }
  };
  while (base + pos < to) {
    Frame f;
    At found = frame_at(layout, bytes, pos, f);
    if (found == At::torn && base + bytes.size() < to) {
      // The next frame is not all read yet: read it whole (and the next piece with it).
      std::size_t need = layout.header();
      if (bytes.size() - pos >= layout.header()) {
        std::uint32_t length;
        std::memcpy(&length, bytes.data() + pos + layout.marker(), sizeof length);
        need += length;
      }
      refill(std::max(need, piece));
      continue;
    }
    if (found != At::frame)
      throw StorageError("journal " + path_ + " changed under this process at byte " +
                         std::to_string(base + pos));
    if (f.kind == 'R') visit(decode(f.payload));
    pos = f.end;
  }
}

void Journal::mark(const RetryMark& m) {
  write_frame(retry_mark_kind, (m.begins ? "B" : "E") + m.statuses);
  sync();
}

void Journal::write_frame(char kind, const std::string& payload) {
  // One write per frame: with O_APPEND the frame lands whole or, if the process dies inside the
  // call, as a torn tail that the checksum catches.
  const std::string frame = frame_bytes(Layout{version_}, kind, payload);
  write_all(fd_.get(), frame, path_);
  end_ += frame.size();
}

void Journal::append(const PointRecord& record) {
  append(std::vector<const PointRecord*>{&record});
}

void Journal::append(const std::vector<const PointRecord*>& records) {
  if (records.empty()) return;
  try {
    std::string frames;
    for (const PointRecord* r : records) frames += frame_bytes(Layout{version_}, 'R', encode(*r));
    write_all(fd_.get(), frames, path_);
    end_ += frames.size();
  } catch (const StorageError& e) {
    // A frame cut short by the failure is a torn tail, dropped when the journal is opened again.
    throw StorageError(std::string(e.what()) +
                       "; every point recorded before is kept: run the same command again to "
                       "resume");
  }
  if (now_seconds() - last_sync_ >= 1.0) sync();
}

void Journal::sync() {
  if (::fdatasync(fd_.get()) != 0) sys_fail("cannot sync journal", path_);
  last_sync_ = now_seconds();
}

}  // namespace diffsweep
