// Durability on POSIX file systems: a file's bytes, and a folder's entries (a rename or a new
// link within it), reach the disk. Each throws StorageError naming the path on failure: a sync
// that did not happen must not pass for one that did.
#pragma once

#include <string>

namespace diffsweep {

// fsync of the file at `path`.
void fsync_path(const std::string& path);

// fsync of the folder holding `path` (`path` itself may be a file or a name about to exist).
void fsync_folder_of(const std::string& path);

}  // namespace diffsweep
