#include "results_io/results_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "common/errors.hpp"
#include "results_io/hdf5.hpp"

namespace diffsweep::results {

namespace {

void sync_and_rename(const std::string& tmp, const std::string& path) {
  const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    throw StorageError("cannot sync " + tmp + ": " + std::strerror(errno));
  }
  ::close(fd);
  if (std::rename(tmp.c_str(), path.c_str()) != 0)
    throw StorageError("cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
  const auto dir = std::filesystem::absolute(path).parent_path();
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

void write_column(hid_t points, const ColumnData& c) {
  std::visit([&](const auto& values) { h5::write(points, c.name, values); }, c.values);
  h5::Handle set = h5::open_dataset(points, c.name);
  h5::write_attribute(set.get(), attribute::role, std::string(to_string(c.role)));
  h5::write_attribute(set.get(), attribute::doc, c.doc);
  if (c.default_value) h5::write_attribute(set.get(), attribute::default_value, *c.default_value);
}

}  // namespace

std::string_view to_string(Role role) {
  switch (role) {
    case Role::point:
      return "point";
    case Role::parameter:
      return "parameter";
    case Role::metric:
      return "metric";
  }
  return "?";
}

Role role_from_text(std::string_view text) {
  if (text == "parameter") return Role::parameter;
  if (text == "metric") return Role::metric;
  return Role::point;
}

void write_results_file(const std::string& path, const ResultsContent& content) {
  const std::string tmp = path + ".tmp";
  {
    h5::Handle file = h5::create_file(tmp);
    const hid_t root = file.get();
    h5::write_attribute(root, "format_version", format_version);
    for (const auto& [name, value] : content.attributes)
      std::visit([&, &name = name](const auto& v) { h5::write_attribute(root, name, v); }, value);
    h5::Handle points = h5::create_group(root, group::points);
    for (const auto& c : content.columns) write_column(points.get(), c);
    h5::Handle series = h5::create_group(root, group::series);
    for (const auto& [id, named] : content.series) {
      h5::Handle one = h5::create_group(series.get(), hex_id(id));
      for (const auto& [name, values] : *named) h5::write(one.get(), name, values);
    }
    h5::flush(root, "flush " + tmp);
  }
  sync_and_rename(tmp, path);
}

}  // namespace diffsweep::results
