#include "runner/store/point_record.hpp"

#include <cstring>
#include <stdexcept>

namespace diffsweep {

namespace {

template <class T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void put_text(std::string& out, const std::string& s) {
  put(out, static_cast<std::uint32_t>(s.size()));
  out += s;
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <class T>
  T get() {
    T v;
    std::memcpy(&v, take(sizeof v), sizeof v);
    return v;
  }
  std::string text() {
    const auto n = get<std::uint32_t>();
    return std::string(take(n), n);
  }
  const char* take(std::size_t n) {
    if (n > bytes_.size() - pos_) throw std::runtime_error("point record is truncated");
    const char* p = bytes_.data() + pos_;
    pos_ += n;
    return p;
  }
  bool at_end() const { return pos_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string encode(const PointRecord& r) {
  std::string out;
  put(out, r.index);
  put(out, r.point_id);
  put(out, static_cast<std::uint8_t>(r.status));
  put(out, r.worker);
  put(out, r.wall_seconds);
  put_text(out, r.error);
  put(out, static_cast<std::uint32_t>(r.result.scalars.size()));
  for (const auto& [name, value] : r.result.scalars) {
    put_text(out, name);
    put(out, value);
  }
  put(out, static_cast<std::uint32_t>(r.result.series.size()));
  for (const auto& [name, values] : r.result.series) {
    put_text(out, name);
    put(out, static_cast<std::uint64_t>(values.size()));
    out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(double));
  }
  put(out, r.seed);
  put_text(out, r.host);
  return out;
}

PointRecord decode(std::string_view bytes) {
  Reader in(bytes);
  PointRecord r;
  r.index = in.get<std::uint64_t>();
  r.point_id = in.get<std::uint64_t>();
  const auto status = in.get<std::uint8_t>();
  if (status > static_cast<std::uint8_t>(PointStatus::diverged))
    throw std::runtime_error("point record has an unknown status");
  r.status = static_cast<PointStatus>(status);
  r.worker = in.get<std::int32_t>();
  r.wall_seconds = in.get<double>();
  r.error = in.text();
  for (auto n = in.get<std::uint32_t>(); n > 0; --n) {
    std::string name = in.text();
    r.result.scalars[name] = in.get<double>();
  }
  for (auto n = in.get<std::uint32_t>(); n > 0; --n) {
    std::string name = in.text();
    const auto count = in.get<std::uint64_t>();
    if (count > bytes.size() / sizeof(double))
      throw std::runtime_error("point record is truncated");
    std::vector<double> values(count);
    std::memcpy(values.data(), in.take(count * sizeof(double)), count * sizeof(double));
    r.result.series[name] = std::move(values);
  }
  if (!in.at_end()) {
    r.seed = in.get<std::uint64_t>();
    r.host = in.text();
  }
  if (!in.at_end()) throw std::runtime_error("point record has trailing bytes");
  return r;
}

}  // namespace diffsweep
