#include "runner/store/journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/errors.hpp"
#include "common/seeding.hpp"
#include "runner/run/clock.hpp"

namespace diffsweep {

namespace {

constexpr char magic[] = "diffsweep-journal 1\n";
constexpr std::size_t magic_size = sizeof magic - 1;
constexpr std::size_t frame_header = sizeof(std::uint32_t) + sizeof(std::uint64_t);

[[noreturn]] void sys_fail(const std::string& what, const std::string& path) {
  throw StorageError(what + " " + path + ": " + std::strerror(errno));
}

std::string encode_header(const JournalHeader& h) {
  std::string out;
  auto put_u64 = [&](std::uint64_t v) { out.append(reinterpret_cast<const char*>(&v), 8); };
  auto put_text = [&](const std::string& s) {
    put_u64(s.size());
    out += s;
  };
  put_u64(h.sweep_hash);
  put_u64(h.n_points);
  put_text(h.sweep_path);
  put_text(h.sweep_text);
  put_text(h.started);
  return out;
}

JournalHeader decode_header(std::string_view in, const std::string& path) {
  std::size_t pos = 0;
  auto get_u64 = [&]() {
    if (in.size() - pos < 8) throw StorageError("journal " + path + " has a malformed header");
    std::uint64_t v;
    std::memcpy(&v, in.data() + pos, 8);
    pos += 8;
    return v;
  };
  auto get_text = [&]() {
    const auto n = get_u64();
    if (in.size() - pos < n) throw StorageError("journal " + path + " has a malformed header");
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
  return h;
}

struct Frame {
  char kind;
  std::string_view payload;
};

// Splits the bytes after the magic into whole frames; `good_end` is the offset just past the
// last whole one.
std::vector<Frame> split_frames(std::string_view bytes, std::size_t& good_end) {
  std::vector<Frame> frames;
  std::size_t pos = magic_size;
  good_end = pos;
  while (bytes.size() - pos >= frame_header + 1) {
    std::uint32_t length;
    std::uint64_t checksum;
    std::memcpy(&length, bytes.data() + pos, sizeof length);
    std::memcpy(&checksum, bytes.data() + pos + sizeof length, sizeof checksum);
    if (length == 0 || bytes.size() - pos - frame_header < length) break;
    const std::string_view body = bytes.substr(pos + frame_header, length);
    if (fnv1a64(body) != checksum) break;
    frames.push_back({body[0], body.substr(1)});
    pos += frame_header + length;
    good_end = pos;
  }
  return frames;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw StorageError("cannot read journal " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string bytes = buffer.str();
  if (bytes.compare(0, magic_size, magic) != 0)
    throw StorageError(path + " is not a diffsweep journal");
  return bytes;
}

// A second diffsweep on the same output would interleave records; the lock makes it refuse.
void lock_or_refuse(int fd, const std::string& path) {
  if (flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
    ::close(fd);
    throw InputError(path + " is in use by another diffsweep process");
  }
}

}  // namespace

Journal::Journal(int fd, std::string path) : fd_(fd), path_(std::move(path)) {
  last_sync_ = now_seconds();
}

Journal::Journal(Journal&& other) noexcept
    : fd_(other.fd_), path_(std::move(other.path_)), last_sync_(other.last_sync_) {
  other.fd_ = -1;
}

Journal::~Journal() {
  if (fd_ >= 0) {
    ::fdatasync(fd_);
    ::close(fd_);
  }
}

Journal Journal::create(const std::string& path, const JournalHeader& header) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) sys_fail("cannot create journal", path);
  lock_or_refuse(fd, path);
  Journal j(fd, path);
  if (::write(fd, magic, magic_size) != static_cast<ssize_t>(magic_size))
    sys_fail("cannot write journal", path);
  j.write_frame('H', encode_header(header));
  j.sync();
  return j;
}

void Journal::refuse_if_in_use(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  lock_or_refuse(fd, path);
  ::close(fd);
}

JournalHeader Journal::read_header(const std::string& path) {
  const std::string bytes = read_all(path);
  std::size_t good_end = 0;
  const auto frames = split_frames(bytes, good_end);
  if (frames.empty() || frames.front().kind != 'H')
    throw StorageError("journal " + path + " has no header");
  return decode_header(frames.front().payload, path);
}

Journal Journal::open(const std::string& path, JournalHeader& header,
                      std::vector<PointRecord>& records) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) sys_fail("cannot open journal", path);
  lock_or_refuse(fd, path);
  Journal j(fd, path);
  const std::string bytes = read_all(path);
  std::size_t good_end = 0;
  const auto frames = split_frames(bytes, good_end);
  if (frames.empty() || frames.front().kind != 'H')
    throw StorageError("journal " + path + " has no header");
  header = decode_header(frames.front().payload, path);
  for (std::size_t i = 1; i < frames.size(); ++i) {
    if (frames[i].kind != 'R') throw StorageError("journal " + path + " has an unknown record");
    try {
      records.push_back(decode(frames[i].payload));
    } catch (const std::runtime_error& e) {
      throw StorageError("journal " + path + ": " + e.what());
    }
  }
  if (good_end < bytes.size() && ::ftruncate(fd, static_cast<off_t>(good_end)) != 0)
    sys_fail("cannot drop the torn tail of journal", path);
  return j;
}

void Journal::write_frame(char kind, const std::string& payload) {
  std::string frame;
  frame.reserve(frame_header + 1 + payload.size());
  const auto length = static_cast<std::uint32_t>(payload.size() + 1);
  std::string body;
  body.reserve(payload.size() + 1);
  body += kind;
  body += payload;
  const std::uint64_t checksum = fnv1a64(body);
  frame.append(reinterpret_cast<const char*>(&length), sizeof length);
  frame.append(reinterpret_cast<const char*>(&checksum), sizeof checksum);
  frame += body;
  // One write per frame: with O_APPEND the frame lands whole or, if the process dies inside the
  // call, as a torn tail that the checksum catches.
  std::size_t done = 0;
  while (done < frame.size()) {
    const ssize_t n = ::write(fd_, frame.data() + done, frame.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      sys_fail("cannot append to journal", path_);
    }
    done += static_cast<std::size_t>(n);
  }
}

void Journal::append(const PointRecord& record) {
  write_frame('R', encode(record));
  if (now_seconds() - last_sync_ >= 1.0) sync();
}

void Journal::sync() {
  if (::fdatasync(fd_) != 0) sys_fail("cannot sync journal", path_);
  last_sync_ = now_seconds();
}

}  // namespace diffsweep
