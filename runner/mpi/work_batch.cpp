#include "runner/mpi/work_batch.hpp"

#include <cstring>
#include <stdexcept>

namespace diffsweep {

namespace {

template <class T>
T read(std::string_view bytes, std::size_t& pos) {
  if (bytes.size() - pos < sizeof(T)) throw std::runtime_error("message is truncated");
  T v;
  std::memcpy(&v, bytes.data() + pos, sizeof v);
  pos += sizeof v;
  return v;
}

template <class T>
void write(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

}  // namespace

std::string encode_work(const std::vector<WorkItem>& items) {
  std::string out;
  write(out, static_cast<std::uint32_t>(items.size()));
  for (const auto& w : items) {
    write(out, w.index);
    write(out, w.attempt);
  }
  return out;
}

std::vector<WorkItem> decode_work(std::string_view bytes) {
  std::size_t pos = 0;
  const auto n = read<std::uint32_t>(bytes, pos);
  if (n == 0 || bytes.size() != 4 + std::size_t{n} * 12)
    throw std::runtime_error("malformed work message");
  std::vector<WorkItem> items(n);
  for (auto& w : items) {
    w.index = read<std::uint64_t>(bytes, pos);
    w.attempt = read<std::uint32_t>(bytes, pos);
  }
  return items;
}

std::string encode_records(const std::vector<std::string>& encoded) {
  std::string out;
  write(out, static_cast<std::uint32_t>(encoded.size()));
  for (const auto& r : encoded) {
    write(out, static_cast<std::uint64_t>(r.size()));
    out += r;
  }
  return out;
}

std::vector<PointRecord> decode_records(std::string_view bytes) {
  std::size_t pos = 0;
  const auto n = read<std::uint32_t>(bytes, pos);
  std::vector<PointRecord> records;
  records.reserve(n);
  for (std::uint32_t k = 0; k < n; ++k) {
    const auto size = read<std::uint64_t>(bytes, pos);
    if (bytes.size() - pos < size) throw std::runtime_error("message is truncated");
    records.push_back(decode(bytes.substr(pos, size)));
    pos += size;
  }
  if (pos != bytes.size()) throw std::runtime_error("message has trailing bytes");
  return records;
}

}  // namespace diffsweep
