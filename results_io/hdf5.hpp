// The one place diffsweep touches the HDF5 C API: every hid_t lives in a Handle that closes it,
// and every failed call becomes a StorageError carrying HDF5's own error stack.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <variant>
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

// Once, before any other call: HDF5 then registers no exit handler. Its handler flushes files
// still open at exit, and after a failed write (a full disk) it crashes doing so; every file of
// ours is closed by its Handle before the process ends, so nothing is lost by skipping it.
void no_exit_handler();

std::string library_version();

// Writes everything buffered for the file that `object` belongs to.
void flush(hid_t object, const std::string& what);

Handle create_file(const std::string& path);  // truncates
Handle open_file_read(const std::string& path);
// Whether `path` has HDF5's signature, so is an HDF5 file even if it does not open (cut short,
// damaged).
bool has_hdf5_signature(const std::string& path);
// For writing. HDF5's own lock is not taken: the caller holds the file alone by its own means.
Handle open_file_write(const std::string& path);
// `in_creation_order`: readers that honour it (h5py) list the members in the order created.
Handle create_group(hid_t parent, const std::string& name, bool in_creation_order = false);
Handle open_group(hid_t parent, const std::string& name);
Handle open_dataset(hid_t parent, const std::string& name);
bool exists(hid_t parent, const std::string& name);
std::vector<std::string> children(hid_t group);

// One-dimensional datasets ("vectors"). Text is UTF-8 of any length: netCDF-C 4.9 crashes on
// fixed-length strings, so none is written (files of older versions have them, and read).
// `boolean` is h5py's 8-bit enum FALSE = 0, TRUE = 1 (numpy bool in h5py), written from and read
// as 0/1. It is the file's named type `/boolean`: netCDF-C reads only named enums (it leaves a
// dataset of an anonymous one out).
enum class Element { float64, int64, uint64, text, boolean };
using Values = std::variant<std::vector<double>, std::vector<std::int64_t>,
                            std::vector<std::uint64_t>, std::vector<std::string>>;
using Fill = std::variant<std::monostate, double, std::int64_t, std::uint64_t, std::string>;

// `rows` elements, chunked by `chunk` rows and extendible; elements never written read as
// `fill`. `deflate` compresses (for data appended in order, never rewritten).
Handle create_vector(hid_t parent, const std::string& name, Element type, std::size_t rows,
                     std::size_t chunk, const Fill& fill = {}, bool deflate = false);
std::size_t length(hid_t set);
// Sets the number of elements of an extendible vector (or dimension).
void resize(hid_t set, std::size_t rows);

// A netCDF-4 dimension that is not a variable, as netCDF-C writes one: an HDF5 dimension scale
// with no data, whose NAME says so. `extendible`: netCDF's UNLIMITED (a vector attached to it
// grows, and the dimension is resized with it).
Handle create_dimension(hid_t parent, const std::string& name, std::size_t size, bool extendible);
// Makes `dimension` dimension `index` of `set`.
void attach_dimension(hid_t set, hid_t dimension, unsigned index = 0);
// Makes the 1-D dataset `set` a netCDF coordinate variable: the dimension of its own name.
void make_coordinate(hid_t set, const std::string& name);
// A float64 array whose dimensions are `dimensions` (dimension scales, their lengths its shape),
// with `values` in row-major order.
Handle create_array(hid_t parent, const std::string& name, const std::vector<hid_t>& dimensions,
                    const std::vector<double>& values);
// values[k] goes to element first + k.
void write_block(hid_t set, std::size_t first, const Values& values);
// values[k] goes to element rows[k] (rows distinct, in any order).
void write_rows(hid_t set, const std::vector<std::uint64_t>& rows, const Values& values);
// Appends at the end; returns the element index of values[0].
std::size_t append(hid_t set, const std::vector<double>& values);

// Contiguous whole datasets (small files and tests).
Handle write(hid_t parent, const std::string& name, const Values& values);

// Reads a 1-D dataset, converting its numbers to double (or, for strings, its text).
std::vector<double> read_doubles(hid_t parent, const std::string& name);
std::vector<double> read_doubles(hid_t set, std::size_t first, std::size_t count);
std::vector<std::int64_t> read_i64(hid_t parent, const std::string& name);
std::vector<std::uint64_t> read_u64(hid_t parent, const std::string& name);
std::vector<std::string> read_strings(hid_t parent, const std::string& name);
// Elements [first, first + count) of an open dataset.
std::vector<std::string> read_strings(hid_t set, std::size_t first, std::size_t count);
std::vector<std::uint64_t> read_u64(hid_t set, std::size_t first, std::size_t count);
std::vector<std::int64_t> read_i64(hid_t set, std::size_t first, std::size_t count);
bool is_string_dataset(hid_t parent, const std::string& name);

// Writing an attribute replaces one of the same name.
void write_attribute(hid_t object, const std::string& name, const std::string& value);
void write_attribute(hid_t object, const std::string& name, std::int64_t value);
void write_attribute(hid_t object, const std::string& name, double value);
double read_double_attribute(hid_t object, const std::string& name);
std::string read_string_attribute(hid_t object, const std::string& name);
std::int64_t read_int_attribute(hid_t object, const std::string& name);
bool has_attribute(hid_t object, const std::string& name);
// Every string, integer and float attribute of `object`, by name, its value as text.
std::vector<std::pair<std::string, std::string>> attributes_as_text(hid_t object);

}  // namespace diffsweep::h5
