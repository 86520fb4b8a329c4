#include "results_io/hdf5.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "common/errors.hpp"
#include "common/number_text.hpp"

namespace diffsweep::h5 {

namespace {

herr_t append_frame(unsigned n, const H5E_error2_t* err, void* data) {
  auto* text = static_cast<std::string*>(data);
  if (n < 3 && err->desc && *err->desc) *text += std::string(n ? "; " : ": ") + err->desc;
  return 0;
}

// The library prints its error stack to stderr by default; we put it in the exception instead.
void quiet() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

[[noreturn]] void fail(const std::string& what) {
  std::string text = what;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, append_frame, &text);
  H5Eclear2(H5E_DEFAULT);
  throw StorageError("HDF5: " + text);
}

template <class T>
hid_t native_type();
template <>
hid_t native_type<double>() {
  return H5T_NATIVE_DOUBLE;
}
template <>
hid_t native_type<std::int64_t>() {
  return H5T_NATIVE_INT64;
}
template <>
hid_t native_type<std::uint64_t>() {
  return H5T_NATIVE_UINT64;
}

Handle string_type() {
  Handle t(H5Tcopy(H5T_C_S1), H5Tclose, "copy string type");
  check(H5Tset_size(t.get(), H5T_VARIABLE), "set string size");
  check(H5Tset_cset(t.get(), H5T_CSET_UTF8), "set string charset");
  return t;
}

Handle boolean_type() {
  Handle t(H5Tenum_create(H5T_NATIVE_INT8), H5Tclose, "create boolean type");
  const std::int8_t no = 0, yes = 1;
  check(H5Tenum_insert(t.get(), "FALSE", &no), "define FALSE");
  check(H5Tenum_insert(t.get(), "TRUE", &yes), "define TRUE");
  return t;
}

// The file's named boolean type, committed at the root the first time a file needs it.
constexpr const char* boolean_type_name = "boolean";
Handle committed_boolean_type(hid_t object) {
  Handle file(H5Iget_file_id(object), H5Fclose, "find the file of a dataset");
  if (H5Lexists(file.get(), boolean_type_name, H5P_DEFAULT) > 0)
    return Handle(H5Topen2(file.get(), boolean_type_name, H5P_DEFAULT), H5Tclose,
                  "open the boolean type");
  Handle t = boolean_type();
  check(H5Tcommit2(file.get(), boolean_type_name, t.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
        "commit the boolean type");
  return t;
}

bool is_enum(hid_t set) {
  Handle type(H5Dget_type(set), H5Tclose, "get type");
  return H5Tget_class(type.get()) == H5T_ENUM;
}

Handle file_type(Element e, hid_t parent) {
  switch (e) {
    case Element::boolean:
      return committed_boolean_type(parent);
    case Element::float64:
      return Handle(H5Tcopy(H5T_NATIVE_DOUBLE), H5Tclose, "copy type");
    case Element::int64:
      return Handle(H5Tcopy(H5T_NATIVE_INT64), H5Tclose, "copy type");
    case Element::uint64:
      return Handle(H5Tcopy(H5T_NATIVE_UINT64), H5Tclose, "copy type");
    case Element::text:
      return string_type();
  }
  fail("unknown element type");
}

Handle vector_space(std::size_t n) {
  const hsize_t dims[1] = {n};
  return Handle(H5Screate_simple(1, dims, nullptr), H5Sclose, "create dataspace");
}

// The file dataspace of `set` with rows first .. first+count-1 selected.
Handle rows_space(hid_t set, std::size_t first, std::size_t count) {
  Handle space(H5Dget_space(set), H5Sclose, "get dataspace");
  const hsize_t start[1] = {first}, n[1] = {count};
  check(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start, nullptr, n, nullptr),
        "select rows");
  return space;
}

bool is_variable_string(hid_t set) {
  Handle type(H5Dget_type(set), H5Tclose, "get type");
  return H5Tis_variable_str(type.get()) > 0;
}

// Writes `values` into the elements `file_space` selects (as many as there are values).
void write_selected(hid_t set, hid_t file_space, const Values& values, const std::string& what) {
  const std::size_t n = std::visit([](const auto& v) { return v.size(); }, values);
  if (n == 0) return;
  Handle memory = vector_space(n);
  if (const auto* text = std::get_if<std::vector<std::string>>(&values)) {
    Handle type = string_type();
    std::vector<const char*> pointers;
    pointers.reserve(n);
    for (const auto& s : *text) pointers.push_back(s.c_str());
    check(H5Dwrite(set, type.get(), memory.get(), file_space, H5P_DEFAULT, pointers.data()), what);
    return;
  }
  if (is_enum(set)) {
    // HDF5 converts no number to an enum: the bytes are written as the enum's own.
    std::vector<std::int8_t> bytes;
    bytes.reserve(n);
    std::visit(
        [&](const auto& v) {
          using T = typename std::decay_t<decltype(v)>::value_type;
          if constexpr (!std::is_same_v<T, std::string>)
            for (const auto x : v) bytes.push_back(x != 0 ? 1 : 0);
        },
        values);
    Handle type = boolean_type();
    check(H5Dwrite(set, type.get(), memory.get(), file_space, H5P_DEFAULT, bytes.data()), what);
    return;
  }
  std::visit(
      [&](const auto& v) {
        using T = typename std::decay_t<decltype(v)>::value_type;
        if constexpr (!std::is_same_v<T, std::string>)
          check(H5Dwrite(set, native_type<T>(), memory.get(), file_space, H5P_DEFAULT, v.data()),
                what);
      },
      values);
}

// An open 1-D dataset and its length, for reading it whole.
struct OpenVector {
  Handle set, space;
  std::size_t size = 0;
};

OpenVector open_vector(hid_t parent, const std::string& name) {
  OpenVector v;
  v.set = open_dataset(parent, name);
  v.space = Handle(H5Dget_space(v.set.get()), H5Sclose, "get dataspace");
  const hssize_t n = H5Sget_simple_extent_npoints(v.space.get());
  if (n < 0) fail("size of dataset " + name);
  v.size = static_cast<std::size_t>(n);
  return v;
}

template <class T>
std::vector<T> read_numbers(hid_t parent, const std::string& name) {
  const OpenVector v = open_vector(parent, name);
  std::vector<T> values(v.size);
  if (v.size > 0)
    check(H5Dread(v.set.get(), native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          "read dataset " + name);
  return values;
}

// Elements [first, first + count) of an open 1-D dataset.
template <class T>
std::vector<T> read_range(hid_t set, std::size_t first, std::size_t count) {
  std::vector<T> values(count);
  if (count == 0) return values;
  Handle space = rows_space(set, first, count);
  Handle memory = vector_space(count);
  check(H5Dread(set, native_type<T>(), memory.get(), space.get(), H5P_DEFAULT, values.data()),
        "read rows");
  return values;
}

template <class T>
void write_scalar_attribute(hid_t object, const std::string& name, hid_t type, const T* value) {
  if (has_attribute(object, name))
    check(H5Adelete(object, name.c_str()), "replace attribute " + name);
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, "create scalar space");
  Handle attr(H5Acreate2(object, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
              H5Aclose, ("create attribute " + name).c_str());
  check(H5Awrite(attr.get(), type, value), "write attribute " + name);
}

template <class T>
T read_scalar_attribute(hid_t object, const std::string& name) {
  quiet();
  Handle attr(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose,
              ("open attribute " + name).c_str());
  T value{};
  check(H5Aread(attr.get(), native_type<T>(), &value), "read attribute " + name);
  return value;
}

}  // namespace

Handle::Handle(hid_t id, Closer closer, const char* what) : id_(id), closer_(closer) {
  if (id < 0) fail(what);
}
Handle::Handle(Handle&& other) noexcept : id_(other.id_), closer_(other.closer_) {
  other.id_ = H5I_INVALID_HID;
}
Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    if (id_ >= 0 && closer_) closer_(id_);
    id_ = other.id_;
    closer_ = other.closer_;
    other.id_ = H5I_INVALID_HID;
  }
  return *this;
}
Handle::~Handle() {
  if (id_ >= 0 && closer_) closer_(id_);
}

void check(herr_t status, const std::string& what) {
  if (status < 0) fail(what);
}

void no_exit_handler() { H5dont_atexit(); }

std::string library_version() {
  unsigned major = 0, minor = 0, release = 0;
  H5get_libversion(&major, &minor, &release);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

Handle create_file(const std::string& path) {
  quiet();
  // The 1.8 object format: compact groups, and readable by every HDF5 since 1.8 (and h5py). The
  // newer superblock would also mark the file "open for write" until closed, so that a writer
  // killed mid-run left a file nobody could open without h5clear.
  Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "create file access list");
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), "set format bounds");
  // The root lists its members in the order created, as netCDF-4 files do. Attributes keep no
  // creation order: its index is 16 bits per object, and every snapshot rewrites the root's.
  Handle create(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "create file creation list");
  check(H5Pset_link_creation_order(create.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "track creation order of the root group");
  return Handle(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, create.get(), access.get()), H5Fclose,
                ("create " + path).c_str());
}

Handle open_file_read(const std::string& path) {
  quiet();
  return Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                ("open " + path).c_str());
}

bool has_hdf5_signature(const std::string& path) {
  quiet();
  const htri_t r = H5Fis_hdf5(path.c_str());
  H5Eclear2(H5E_DEFAULT);
  return r > 0;
}

Handle open_file_write(const std::string& path) {
  quiet();
  Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "create file access list");
  check(H5Pset_file_locking(access.get(), false, true), "disable file locking");
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), "set format bounds");
  return Handle(H5Fopen(path.c_str(), H5F_ACC_RDWR, access.get()), H5Fclose,
                ("open " + path + " for writing").c_str());
}

Handle create_group(hid_t parent, const std::string& name, bool in_creation_order) {
  Handle create(H5Pcreate(H5P_GROUP_CREATE), H5Pclose, "create group properties");
  if (in_creation_order)
    check(H5Pset_link_creation_order(create.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
          "track creation order of " + name);
  return Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, create.get(), H5P_DEFAULT), H5Gclose,
                ("create group " + name).c_str());
}

Handle open_group(hid_t parent, const std::string& name) {
  quiet();
  return Handle(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), H5Gclose,
                ("open group " + name).c_str());
}

Handle open_dataset(hid_t parent, const std::string& name) {
  quiet();
  return Handle(H5Dopen2(parent, name.c_str(), H5P_DEFAULT), H5Dclose,
                ("open dataset " + name).c_str());
}

void flush(hid_t object, const std::string& what) {
  check(H5Fflush(object, H5F_SCOPE_GLOBAL), what);
}

bool exists(hid_t parent, const std::string& name) {
  quiet();
  const htri_t r = H5Lexists(parent, name.c_str(), H5P_DEFAULT);
  if (r < 0) fail("look up " + name);
  return r > 0;
}

std::vector<std::string> children(hid_t group) {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5L_info_t*, void* data) -> herr_t {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
  };
  // In creation order where the group tracks it (the order a writer chose), else by name.
  quiet();
  hid_t plist = H5Gget_create_plist(group);
  unsigned flags = 0;
  if (plist >= 0) {
    if (H5Pget_link_creation_order(plist, &flags) < 0) flags = 0;
    H5Pclose(plist);
  }
  const H5_index_t index = (flags & H5P_CRT_ORDER_TRACKED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  check(H5Literate(group, index, H5_ITER_INC, nullptr, collect, &names), "list group");
  return names;
}

Handle create_vector(hid_t parent, const std::string& name, Element type, std::size_t rows,
                     std::size_t chunk, const Fill& fill, bool deflate) {
  const hsize_t dims[1] = {rows}, maxdims[1] = {H5S_UNLIMITED};
  Handle space(H5Screate_simple(1, dims, maxdims), H5Sclose, "create dataspace");
  Handle create(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "create dataset properties");
  const hsize_t chunk_dims[1] = {std::max<std::size_t>(1, chunk)};
  check(H5Pset_chunk(create.get(), 1, chunk_dims), "set chunk size of " + name);
  if (deflate) {
    check(H5Pset_shuffle(create.get()), "set shuffle filter of " + name);
    check(H5Pset_deflate(create.get(), 1), "set deflate filter of " + name);
  }
  Handle ftype = file_type(type, parent);
  std::visit(
      [&](const auto& f) {
        using F = std::decay_t<decltype(f)>;
        if constexpr (std::is_same_v<F, std::string>) {
          const char* text = f.c_str();
          check(H5Pset_fill_value(create.get(), ftype.get(), &text), "set fill of " + name);
        } else if constexpr (!std::is_same_v<F, std::monostate>) {
          check(H5Pset_fill_value(create.get(), native_type<F>(), &f), "set fill of " + name);
        }
      },
      fill);
  return Handle(H5Dcreate2(parent, name.c_str(), ftype.get(), space.get(), H5P_DEFAULT,
                           create.get(), H5P_DEFAULT),
                H5Dclose, ("create dataset " + name).c_str());
}

std::size_t length(hid_t set) {
  Handle space(H5Dget_space(set), H5Sclose, "get dataspace");
  const hssize_t n = H5Sget_simple_extent_npoints(space.get());
  if (n < 0) fail("size of dataset");
  return static_cast<std::size_t>(n);
}

void write_block(hid_t set, std::size_t first, const Values& values) {
  const std::size_t n = std::visit([](const auto& v) { return v.size(); }, values);
  if (n == 0) return;
  Handle space = rows_space(set, first, n);
  write_selected(set, space.get(), values, "write rows");
}

void write_rows(hid_t set, const std::vector<std::uint64_t>& rows, const Values& values) {
  if (rows.empty()) return;
  // Rows come mostly in runs of consecutive indices (a batch's points, a replay of the journal),
  // and HDF5 writes a run selected as a hyperslab several times faster than the same rows
  // selected one element each. But a union of hyperslabs costs time quadratic in their number
  // (HDF5 1.10: 5 ms for 1000 runs, 140 ms for 4000), so beyond a few dozen runs the rows are
  // selected as elements.
  constexpr std::size_t max_runs = 64;
  std::vector<std::size_t> order(rows.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
  const bool sorted = std::is_sorted(rows.begin(), rows.end());
  if (!sorted)
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return rows[a] < rows[b]; });
  std::vector<std::pair<hsize_t, hsize_t>> runs;  // first row, count
  for (std::size_t k = 0; k < order.size() && runs.size() <= max_runs;) {
    std::size_t end = k + 1;
    while (end < order.size() && rows[order[end]] == rows[order[end - 1]] + 1) ++end;
    runs.emplace_back(rows[order[k]], end - k);
    k = end;
  }
  Handle space(H5Dget_space(set), H5Sclose, "get dataspace");
  if (runs.size() > max_runs) {
    const std::vector<hsize_t> coordinates(rows.begin(), rows.end());
    check(H5Sselect_elements(space.get(), H5S_SELECT_SET, coordinates.size(), coordinates.data()),
          "select rows");
    write_selected(set, space.get(), values, "write rows");
    return;
  }
  H5S_seloper_t op = H5S_SELECT_SET;
  for (const auto& [first, count] : runs) {
    const hsize_t start[1] = {first}, n[1] = {count};
    check(H5Sselect_hyperslab(space.get(), op, start, nullptr, n, nullptr), "select rows");
    op = H5S_SELECT_OR;
  }
  if (sorted) {
    write_selected(set, space.get(), values, "write rows");
    return;
  }
  const Values in_order = std::visit(
      [&](const auto& v) -> Values {
        std::decay_t<decltype(v)> out;
        out.reserve(v.size());
        for (const std::size_t k : order) out.push_back(v[k]);
        return out;
      },
      values);
  write_selected(set, space.get(), in_order, "write rows");
}

void resize(hid_t set, std::size_t rows) {
  const hsize_t extent[1] = {rows};
  check(H5Dset_extent(set, extent), "resize dataset");
}

std::size_t append(hid_t set, const std::vector<double>& values) {
  const std::size_t old = length(set);
  if (values.empty()) return old;
  resize(set, old + values.size());
  write_block(set, old, values);
  return old;
}

Handle create_dimension(hid_t parent, const std::string& name, std::size_t size, bool extendible) {
  const hsize_t dims[1] = {size}, maxdims[1] = {extendible ? H5S_UNLIMITED : size};
  Handle space(H5Screate_simple(1, dims, maxdims), H5Sclose, "create dataspace");
  Handle create(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "create dataset properties");
  if (extendible) {
    const hsize_t chunk[1] = {1024};
    check(H5Pset_chunk(create.get(), 1, chunk), "set chunk size of " + name);
  }
  // Never written, so it takes no space: netCDF-C's own float type and name for such a scale.
  Handle set(H5Dcreate2(parent, name.c_str(), H5T_IEEE_F32BE, space.get(), H5P_DEFAULT,
                        create.get(), H5P_DEFAULT),
             H5Dclose, ("create dimension " + name).c_str());
  char scale_name[96];
  std::snprintf(scale_name, sizeof scale_name, "%s%10zu",
                "This is a netCDF dimension but not a netCDF variable.", size);
  check(H5DSset_scale(set.get(), scale_name), "make " + name + " a dimension");
  return set;
}

void attach_dimension(hid_t set, hid_t dimension, unsigned index) {
  check(H5DSattach_scale(set, dimension, index), "attach a dimension");
}

void make_coordinate(hid_t set, const std::string& name) {
  check(H5DSset_scale(set, name.c_str()), "make " + name + " a coordinate");
}

Handle create_array(hid_t parent, const std::string& name, const std::vector<hid_t>& dimensions,
                    const std::vector<double>& values) {
  std::vector<hsize_t> shape;
  for (const hid_t d : dimensions) shape.push_back(length(d));
  Handle space(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr), H5Sclose,
               "create dataspace");
  Handle set(H5Dcreate2(parent, name.c_str(), H5T_NATIVE_DOUBLE, space.get(), H5P_DEFAULT,
                        H5P_DEFAULT, H5P_DEFAULT),
             H5Dclose, ("create dataset " + name).c_str());
  if (!values.empty())
    check(H5Dwrite(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          "write dataset " + name);
  for (std::size_t k = 0; k < dimensions.size(); ++k)
    attach_dimension(set.get(), dimensions[k], static_cast<unsigned>(k));
  return set;
}

Handle write(hid_t parent, const std::string& name, const Values& values) {
  const std::size_t n = std::visit([](const auto& v) { return v.size(); }, values);
  Handle space = vector_space(n);
  const bool text = std::holds_alternative<std::vector<std::string>>(values);
  Handle type = text ? string_type()
                     : Handle(H5Tcopy(std::visit(
                                  [](const auto& v) -> hid_t {
                                    using T = typename std::decay_t<decltype(v)>::value_type;
                                    if constexpr (std::is_same_v<T, std::string>)
                                      return H5T_C_S1;
                                    else
                                      return native_type<T>();
                                  },
                                  values)),
                              H5Tclose, "copy type");
  Handle set(H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT,
                        H5P_DEFAULT),
             H5Dclose, ("create dataset " + name).c_str());
  write_selected(set.get(), H5S_ALL, values, "write dataset " + name);
  return set;
}

std::vector<double> read_doubles(hid_t parent, const std::string& name) {
  Handle set = open_dataset(parent, name);
  return read_doubles(set.get(), 0, length(set.get()));
}

std::vector<double> read_doubles(hid_t set, std::size_t first, std::size_t count) {
  std::vector<double> values(count);
  if (count == 0) return values;
  Handle space = rows_space(set, first, count);
  Handle memory = vector_space(count);
  if (is_enum(set)) {
    Handle type(H5Dget_type(set), H5Tclose, "get type");
    std::vector<std::int8_t> bytes(count);
    check(H5Dread(set, type.get(), memory.get(), space.get(), H5P_DEFAULT, bytes.data()),
          "read rows");
    for (std::size_t i = 0; i < count; ++i) values[i] = bytes[i];
    return values;
  }
  check(H5Dread(set, H5T_NATIVE_DOUBLE, memory.get(), space.get(), H5P_DEFAULT, values.data()),
        "read rows");
  return values;
}

std::vector<std::int64_t> read_i64(hid_t parent, const std::string& name) {
  return read_numbers<std::int64_t>(parent, name);
}

std::vector<std::uint64_t> read_u64(hid_t parent, const std::string& name) {
  return read_numbers<std::uint64_t>(parent, name);
}

bool is_string_dataset(hid_t parent, const std::string& name) {
  Handle set = open_dataset(parent, name);
  Handle type(H5Dget_type(set.get()), H5Tclose, "get type");
  return H5Tget_class(type.get()) == H5T_STRING;
}

std::vector<std::string> read_strings(hid_t parent, const std::string& name) {
  Handle set = open_dataset(parent, name);
  return read_strings(set.get(), 0, length(set.get()));
}

std::vector<std::string> read_strings(hid_t set, std::size_t first, std::size_t count) {
  std::vector<std::string> values;
  values.reserve(count);
  if (count == 0) return values;
  Handle space = rows_space(set, first, count);
  Handle memory = vector_space(count);
  if (!is_variable_string(set)) {
    Handle stored(H5Dget_type(set), H5Tclose, "get type");
    const std::size_t width = H5Tget_size(stored.get());
    std::string buffer(count * width, '\0');
    check(H5Dread(set, stored.get(), memory.get(), space.get(), H5P_DEFAULT, buffer.data()),
          "read text");
    for (std::size_t i = 0; i < count; ++i) {
      const char* p = buffer.data() + i * width;
      values.emplace_back(p, strnlen(p, width));
    }
    return values;
  }
  Handle type = string_type();
  std::vector<char*> pointers(count, nullptr);
  check(H5Dread(set, type.get(), memory.get(), space.get(), H5P_DEFAULT, pointers.data()),
        "read text");
  for (char* p : pointers) values.emplace_back(p ? p : "");
  H5Dvlen_reclaim(type.get(), memory.get(), H5P_DEFAULT, pointers.data());
  return values;
}

std::vector<std::uint64_t> read_u64(hid_t set, std::size_t first, std::size_t count) {
  return read_range<std::uint64_t>(set, first, count);
}

std::vector<std::int64_t> read_i64(hid_t set, std::size_t first, std::size_t count) {
  return read_range<std::int64_t>(set, first, count);
}

void write_attribute(hid_t object, const std::string& name, const std::string& value) {
  Handle type = string_type();
  const char* p = value.c_str();
  write_scalar_attribute(object, name, type.get(), &p);
}

void write_attribute(hid_t object, const std::string& name, std::int64_t value) {
  write_scalar_attribute(object, name, H5T_NATIVE_INT64, &value);
}

void write_attribute(hid_t object, const std::string& name, double value) {
  write_scalar_attribute(object, name, H5T_NATIVE_DOUBLE, &value);
}

double read_double_attribute(hid_t object, const std::string& name) {
  return read_scalar_attribute<double>(object, name);
}

bool has_attribute(hid_t object, const std::string& name) {
  quiet();
  const htri_t r = H5Aexists(object, name.c_str());
  if (r < 0) fail("look up attribute " + name);
  return r > 0;
}

std::string read_string_attribute(hid_t object, const std::string& name) {
  quiet();
  Handle attr(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose,
              ("open attribute " + name).c_str());
  Handle type = string_type();
  char* p = nullptr;
  check(H5Aread(attr.get(), type.get(), &p), "read attribute " + name);
  std::string value = p ? p : "";
  H5free_memory(p);
  return value;
}

std::int64_t read_int_attribute(hid_t object, const std::string& name) {
  return read_scalar_attribute<std::int64_t>(object, name);
}

std::vector<std::pair<std::string, std::string>> attributes_as_text(hid_t object) {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
  };
  quiet();
  check(H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names),
        "list attributes");
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& name : names) {
    Handle attr(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose,
                ("open attribute " + name).c_str());
    Handle type(H5Aget_type(attr.get()), H5Tclose, "attribute type");
    const H5T_class_t kind = H5Tget_class(type.get());
    if (kind == H5T_STRING)
      out.emplace_back(name, read_string_attribute(object, name));
    else if (kind == H5T_INTEGER)
      out.emplace_back(name, std::to_string(read_int_attribute(object, name)));
    else if (kind == H5T_FLOAT)
      out.emplace_back(name, exact_number(read_double_attribute(object, name)));
  }
  return out;
}

}  // namespace diffsweep::h5
