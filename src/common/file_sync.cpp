#include "common/file_sync.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/errors.hpp"
#include "common/file_descriptor.hpp"

namespace diffsweep {

namespace {

void sync_or_throw(const std::string& path, int flags, const std::string& what) {
  const FileDescriptor fd(::open(path.c_str(), flags | O_CLOEXEC));
  if (!fd.valid() || ::fsync(fd.get()) != 0)
    throw StorageError("cannot sync " + what + path + ": " + std::strerror(errno));
}

}  // namespace

void fsync_path(const std::string& path) { sync_or_throw(path, O_RDONLY, ""); }

void fsync_folder_of(const std::string& path) {
  sync_or_throw(std::filesystem::absolute(path).parent_path().string(), O_RDONLY | O_DIRECTORY,
                "the folder ");
}

}  // namespace diffsweep
