#include "results_io/hdf5.hpp"

#include "common/errors.hpp"

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

Handle vector_space(std::size_t n) {
  const hsize_t dims[1] = {n};
  return Handle(H5Screate_simple(1, dims, nullptr), H5Sclose, "create dataspace");
}

template <class T>
void write_numbers(hid_t parent, const std::string& name, const std::vector<T>& values) {
  Handle space = vector_space(values.size());
  Handle set(H5Dcreate2(parent, name.c_str(), native_type<T>(), space.get(), H5P_DEFAULT,
                        H5P_DEFAULT, H5P_DEFAULT),
             H5Dclose, ("create dataset " + name).c_str());
  if (!values.empty())
    check(H5Dwrite(set.get(), native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          "write dataset " + name);
}

// An open 1-D dataset and its length, for reading it whole.
struct OpenVector {
  Handle set, space;
  std::size_t size = 0;
};

OpenVector open_vector(hid_t parent, const std::string& name) {
  quiet();
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

std::string library_version() {
  unsigned major = 0, minor = 0, release = 0;
  H5get_libversion(&major, &minor, &release);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

Handle create_file(const std::string& path) {
  quiet();
  // The 1.8 object format stores a small group's links in its header ("compact" groups): a
  // results file has one group per point, and these are several times faster to create than the
  // 1.6 format's B-tree and heap per group. Every HDF5 since 1.8 (and h5py) reads them.
  Handle access(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "create file access list");
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_V110), "set format bounds");
  return Handle(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.get()), H5Fclose,
                ("create " + path).c_str());
}

Handle open_file_read(const std::string& path) {
  quiet();
  return Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                ("open " + path).c_str());
}

Handle create_group(hid_t parent, const std::string& name) {
  return Handle(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
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
  check(H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names), "list group");
  return names;
}

void write(hid_t parent, const std::string& name, const std::vector<double>& values) {
  write_numbers(parent, name, values);
}
void write(hid_t parent, const std::string& name, const std::vector<std::int64_t>& values) {
  write_numbers(parent, name, values);
}
void write(hid_t parent, const std::string& name, const std::vector<std::uint64_t>& values) {
  write_numbers(parent, name, values);
}

void write(hid_t parent, const std::string& name, const std::vector<std::string>& values) {
  Handle type = string_type();
  Handle space = vector_space(values.size());
  Handle set(H5Dcreate2(parent, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT,
                        H5P_DEFAULT),
             H5Dclose, ("create dataset " + name).c_str());
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& v : values) pointers.push_back(v.c_str());
  if (!values.empty())
    check(H5Dwrite(set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
          "write dataset " + name);
}

std::vector<double> read_doubles(hid_t parent, const std::string& name) {
  return read_numbers<double>(parent, name);
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
  const OpenVector v = open_vector(parent, name);
  Handle type = string_type();
  std::vector<char*> pointers(v.size, nullptr);
  if (v.size > 0)
    check(H5Dread(v.set.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
          "read dataset " + name);
  std::vector<std::string> values;
  values.reserve(pointers.size());
  for (char* p : pointers) values.emplace_back(p ? p : "");
  if (v.size > 0) H5Dvlen_reclaim(type.get(), v.space.get(), H5P_DEFAULT, pointers.data());
  return values;
}

void write_attribute(hid_t object, const std::string& name, const std::string& value) {
  Handle type = string_type();
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, "create scalar space");
  Handle attr(H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
              H5Aclose, ("create attribute " + name).c_str());
  const char* p = value.c_str();
  check(H5Awrite(attr.get(), type.get(), &p), "write attribute " + name);
}

namespace {

template <class T>
void write_scalar_attribute(hid_t object, const std::string& name, T value) {
  Handle space(H5Screate(H5S_SCALAR), H5Sclose, "create scalar space");
  Handle attr(
      H5Acreate2(object, name.c_str(), native_type<T>(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
      H5Aclose, ("create attribute " + name).c_str());
  check(H5Awrite(attr.get(), native_type<T>(), &value), "write attribute " + name);
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

void write_attribute(hid_t object, const std::string& name, std::int64_t value) {
  write_scalar_attribute(object, name, value);
}

void write_attribute(hid_t object, const std::string& name, double value) {
  write_scalar_attribute(object, name, value);
}

double read_double_attribute(hid_t object, const std::string& name) {
  return read_scalar_attribute<double>(object, name);
}

bool has_attribute(hid_t object, const std::string& name) {
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

}  // namespace diffsweep::h5
