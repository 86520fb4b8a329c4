// The HDF5 wrapper on its own: a Handle owns and closes its identifier however it moves, a failed
// call becomes a StorageError that carries HDF5's own error stack, and every element type
// survives a round trip (whole, in blocks, by rows, appended, and as the fill of rows never
// written).
#define BOOST_TEST_MODULE hdf5
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

#include "common/errors.hpp"
#include "results_io/hdf5.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {

std::string fresh_file(const std::string& name) {
  return test::fresh_dir("hdf5-" + name) + "/" + name + ".h5";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_handle_closes_its_identifier_once_however_it_moves) {
  hid_t id = H5I_INVALID_HID;
  {
    h5::Handle a(H5Screate(H5S_SCALAR), H5Sclose, "create a dataspace");
    id = a.get();
    BOOST_TEST(H5Iis_valid(id) > 0);
    h5::Handle b(std::move(a));
    BOOST_TEST(b.get() == id);
    BOOST_TEST(a.get() == H5I_INVALID_HID);  // NOLINT: the moved-from state is specified
    h5::Handle c;
    c = std::move(b);
    BOOST_TEST(c.get() == id);
    BOOST_TEST(H5Iis_valid(id) > 0);
    // Assigning over a handle closes what it held.
    h5::Handle d(H5Screate(H5S_SCALAR), H5Sclose, "create a dataspace");
    const hid_t other = d.get();
    d = std::move(c);
    BOOST_TEST(H5Iis_valid(other) <= 0);
    BOOST_TEST(d.get() == id);
  }
  BOOST_TEST(H5Iis_valid(id) <= 0);
}

BOOST_AUTO_TEST_CASE(a_failed_call_is_a_storage_error_with_hdf5s_own_words) {
  const std::string missing = test::fresh_dir("hdf5-missing") + "/none.h5";
  try {
    h5::open_file_read(missing);
    BOOST_FAIL("opened a file that does not exist");
  } catch (const StorageError& e) {
    const std::string message = e.what();
    BOOST_TEST(message.rfind("HDF5: ", 0) == 0u, message);
    // The stack's frames follow what was tried: more than our own words.
    BOOST_TEST(message.find(": ", 6) != std::string::npos, message);
    BOOST_TEST(e.status() == exit_error);
  }
  BOOST_CHECK_THROW(h5::check(-1, "a refused call"), StorageError);
  BOOST_CHECK_THROW(h5::Handle(H5I_INVALID_HID, H5Sclose, "nothing"), StorageError);
}

BOOST_AUTO_TEST_CASE(every_element_type_round_trips) {
  const std::string path = fresh_file("round-trip");
  const double nan = std::numeric_limits<double>::quiet_NaN();
  {
    h5::Handle file = h5::create_file(path);
    h5::Handle reals =
        h5::create_vector(file.get(), "reals", h5::Element::float64, 5, 2, nan, true);
    h5::write_block(reals.get(), 1, std::vector<double>{-1.5, 1e300});
    h5::Handle ints = h5::create_vector(file.get(), "ints", h5::Element::int64, 4, 4, -7L);
    h5::write_rows(ints.get(), {3, 0},
                   std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min(), 42});
    h5::Handle ids = h5::create_vector(file.get(), "ids", h5::Element::uint64, 2, 2);
    h5::write_block(ids.get(), 0,
                    std::vector<std::uint64_t>{std::numeric_limits<std::uint64_t>::max(), 1});
    h5::Handle words =
        h5::create_vector(file.get(), "words", h5::Element::text, 3, 3, std::string("pending"));
    h5::write_rows(words.get(), {2, 0}, std::vector<std::string>{"", "σ₀ = 0.05, n=64"});
    h5::Handle flags = h5::create_vector(file.get(), "flags", h5::Element::boolean, 3, 3);
    h5::write_block(flags.get(), 1, std::vector<std::int64_t>{1, 0});
    h5::Handle series = h5::create_vector(file.get(), "series", h5::Element::float64, 0, 4);
    BOOST_TEST(h5::append(series.get(), {1, 2, 3}) == 0u);
    BOOST_TEST(h5::append(series.get(), {4}) == 3u);
  }
  h5::Handle file = h5::open_file_read(path);
  const auto reals = h5::read_doubles(file.get(), "reals");
  BOOST_REQUIRE(reals.size() == 5u);
  BOOST_TEST(std::isnan(reals[0]));  // the fill of a row never written
  BOOST_TEST(reals[1] == -1.5);
  BOOST_TEST(reals[2] == 1e300);
  BOOST_TEST(std::isnan(reals[4]));
  BOOST_TEST(h5::read_i64(file.get(), "ints") ==
                 (std::vector<std::int64_t>{42, -7, -7, std::numeric_limits<std::int64_t>::min()}),
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_u64(file.get(), "ids") ==
                 (std::vector<std::uint64_t>{std::numeric_limits<std::uint64_t>::max(), 1}),
             boost::test_tools::per_element());
  BOOST_TEST(h5::is_string_dataset(file.get(), "words"));
  BOOST_TEST(!h5::is_string_dataset(file.get(), "reals"));
  BOOST_TEST(h5::read_strings(file.get(), "words") ==
                 (std::vector<std::string>{"σ₀ = 0.05, n=64", "pending", ""}),
             boost::test_tools::per_element());
  // Booleans are the file's named enum, read back as 0/1 (all FALSE where never written).
  BOOST_TEST(h5::exists(file.get(), "boolean"));
  BOOST_TEST(h5::read_doubles(file.get(), "flags") == (std::vector<double>{0, 1, 0}),
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_doubles(file.get(), "series") == (std::vector<double>{1, 2, 3, 4}),
             boost::test_tools::per_element());
  h5::Handle series = h5::open_dataset(file.get(), "series");
  BOOST_TEST(h5::length(series.get()) == 4u);
  BOOST_TEST(h5::read_doubles(series.get(), 1, 2) == (std::vector<double>{2, 3}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(attributes_and_members_in_creation_order) {
  const std::string path = fresh_file("attributes");
  {
    h5::Handle file = h5::create_file(path);
    h5::Handle group = h5::create_group(file.get(), "points", true);
    for (const char* name : {"zeta", "alpha", "mu"})
      h5::write(group.get(), name, std::vector<double>{1.0});
    h5::write_attribute(group.get(), "units", std::string("s"));
    h5::write_attribute(group.get(), "units", std::string("ms"));  // replaces
    h5::write_attribute(group.get(), "count", std::int64_t{-3});
    h5::write_attribute(group.get(), "level", 0.95);
    h5::Handle grown = h5::create_vector(group.get(), "grown", h5::Element::int64, 2, 2);
    h5::resize(grown.get(), 5);
    BOOST_TEST(h5::length(grown.get()) == 5u);
  }
  h5::Handle file = h5::open_file_read(path);
  h5::Handle group = h5::open_group(file.get(), "points");
  BOOST_TEST(
      h5::children(group.get()) == (std::vector<std::string>{"zeta", "alpha", "mu", "grown"}),
      boost::test_tools::per_element());
  BOOST_TEST(h5::read_string_attribute(group.get(), "units") == "ms");
  BOOST_TEST(h5::read_int_attribute(group.get(), "count") == -3);
  BOOST_TEST(h5::read_double_attribute(group.get(), "level") == 0.95);
  BOOST_TEST(h5::has_attribute(group.get(), "level"));
  BOOST_TEST(!h5::has_attribute(group.get(), "missing"));
  BOOST_CHECK_THROW(h5::read_string_attribute(group.get(), "missing"), StorageError);
  BOOST_TEST(h5::has_hdf5_signature(path));
}
