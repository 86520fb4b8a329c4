// The grid view (`diffsweep export --netcdf`): a dimension per swept axis and `replicate`, each
// metric a variable over them whose every cell holds the value of the row with those parameters,
// coordinates as the sweep gave them (an integer axis stays integer), and a `case` dimension for a
// sweep of cases, whose cells at another case's parameters are NaN.
#define BOOST_TEST_MODULE grid_view
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "results_io/hdf5.hpp"
#include "runner/cli/grid_view.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/synthetic_run.hpp"

using namespace diffsweep;

namespace {

// The file of a synthetic sweep run in full, and its grid view.
struct Viewed {
  results::ResultsTable table;
  h5::Handle grid;
};

Viewed view(const std::string& name, const std::string& sweep_text) {
  const std::string dir = test::fresh_dir("grid-view-" + name);
  SyntheticExperiment e;
  BOOST_REQUIRE(test::run_synthetic(dir + "/run.h5", test::synthetic_sweep(e, sweep_text)));
  Viewed v{results::load_results(dir + "/run.h5"), {}};
  write_grid_view(v.table, dir + "/grid.nc");
  v.grid = h5::open_file_read(dir + "/grid.nc");
  return v;
}

// Every value of an array of any rank, in row-major order (h5::read_doubles reads vectors).
std::vector<double> cells_of(hid_t group, const std::string& name) {
  const h5::Handle set = h5::open_dataset(group, name);
  const hid_t space = H5Dget_space(set.get());
  std::vector<double> out(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
  H5Sclose(space);
  h5::check(H5Dread(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
            "read " + name);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_cell_holds_the_value_of_the_row_with_its_parameters) {
  const Viewed v = view("cells",
                        "[sweep]\nexperiment = synthetic\nseed = 3\nreplicates = 2\n[fixed]\n"
                        "noise = 0.5\n[axes]\nx = 4, 1, 2\nexponent = 1.5, 0.5\n");
  const hid_t g = v.grid.get();
  // Coordinates ascending, whatever order the sweep gave them in.
  BOOST_TEST(h5::read_doubles(g, "x") == (std::vector<double>{1, 2, 4}),
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_doubles(g, "exponent") == (std::vector<double>{0.5, 1.5}),
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_i64(g, "replicate") == (std::vector<std::int64_t>{0, 1}),
             boost::test_tools::per_element());
  // `value` over (x, exponent, replicate), row-major: cell (i, j, r) at (i * 2 + j) * 2 + r.
  const std::vector<double> cells = cells_of(g, "value");
  BOOST_REQUIRE(cells.size() == 12u);
  const auto &x = v.table.numbers("x"), &exponent = v.table.numbers("exponent"),
             &value = v.table.numbers("value");
  const auto& replicate = v.table.numbers("replicate");
  const std::vector<double> xs{1, 2, 4}, exponents{0.5, 1.5};
  BOOST_REQUIRE(v.table.rows == 12u);
  for (std::size_t row = 0; row < v.table.rows; ++row) {
    const auto i = std::find(xs.begin(), xs.end(), x[row]) - xs.begin();
    const auto j = std::find(exponents.begin(), exponents.end(), exponent[row]) - exponents.begin();
    const auto cell = static_cast<std::size_t>((i * 2 + j) * 2) + std::size_t(replicate[row]);
    BOOST_TEST(cells[cell] == value[row], "row " << row);
  }
}

BOOST_AUTO_TEST_CASE(an_integer_axis_stays_integer_and_cases_get_a_dimension) {
  const Viewed v =
      view("cases",
           "[sweep]\nexperiment = synthetic\nseed = 3\n[fixed]\nx = 2\n[axes]\nsleep_ms = 1, 0\n"
           "[case.steep]\nexponent = 2\n[case.flat]\nexponent = 0.5\n");
  const hid_t g = v.grid.get();
  BOOST_TEST(h5::read_strings(g, "case") == (std::vector<std::string>{"steep", "flat"}),
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_i64(g, "sleep_ms") == (std::vector<std::int64_t>{0, 1}),
             boost::test_tools::per_element());
  const h5::Handle axis = h5::open_dataset(g, "sleep_ms");
  const hid_t type = H5Dget_type(axis.get());
  BOOST_TEST(H5Tget_class(type) == H5T_INTEGER);
  H5Tclose(type);
  // (case, exponent, sleep_ms, replicate): a case's cells at the other case's exponent are NaN.
  BOOST_TEST(h5::read_doubles(g, "exponent") == (std::vector<double>{0.5, 2}),
             boost::test_tools::per_element());
  const std::vector<double> value = cells_of(g, "value");
  BOOST_REQUIRE(value.size() == 8u);
  for (const std::size_t k : {0, 1, 6, 7}) BOOST_TEST(std::isnan(value[k]), "cell " << k);
  for (const std::size_t k : {2, 3}) BOOST_TEST(value[k] == 4.0, "cell " << k);
  for (const std::size_t k : {4, 5})
    BOOST_TEST(value[k] == std::sqrt(2.0), "cell " << k << boost::test_tools::tolerance(1e-12));
}
