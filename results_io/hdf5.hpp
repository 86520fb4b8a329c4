// The one place diffsweep touches the HDF5 C API: every hid_t lives in a Handle that closes it,
// and every failed call becomes a StorageError carrying HDF5's own error stack.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace diffsweep::h5 {

// Owns one HDF5 identifier and closes it with the matching H5?close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer, const char* what);  // throws StorageError when id < 0
  Handle(Handle&& other) noexcept;
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle();
  hid_t get() const { return id_; }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// Throws StorageError with `what` and HDF5's error stack when status < 0.
void check(herr_t status, const std::string& what);

std::string library_version();

// Writes everything buffered for the file that `object` belongs to.
void flush(hid_t object, const std::string& what);

Handle create_file(const std::string& path);  // truncates
Handle open_file_read(const std::string& path);
Handle create_group(hid_t parent, const std::string& name);
Handle open_group(hid_t parent, const std::string& name);
Handle open_dataset(hid_t parent, const std::string& name);
bool exists(hid_t parent, const std::string& name);
std::vector<std::string> children(hid_t group);

void write(hid_t parent, const std::string& name, const std::vector<double>& values);
void write(hid_t parent, const std::string& name, const std::vector<std::int64_t>& values);
void write(hid_t parent, const std::string& name, const std::vector<std::uint64_t>& values);
void write(hid_t parent, const std::string& name, const std::vector<std::string>& values);

// Reads a 1-D dataset, converting its numbers to double (or, for strings, its text).
std::vector<double> read_doubles(hid_t parent, const std::string& name);
std::vector<std::uint64_t> read_u64(hid_t parent, const std::string& name);
std::vector<std::string> read_strings(hid_t parent, const std::string& name);
bool is_string_dataset(hid_t parent, const std::string& name);

void write_attribute(hid_t object, const std::string& name, const std::string& value);
void write_attribute(hid_t object, const std::string& name, std::int64_t value);
void write_attribute(hid_t object, const std::string& name, double value);
double read_double_attribute(hid_t object, const std::string& name);
std::string read_string_attribute(hid_t object, const std::string& name);
std::int64_t read_int_attribute(hid_t object, const std::string& name);
bool has_attribute(hid_t object, const std::string& name);

}  // namespace diffsweep::h5
