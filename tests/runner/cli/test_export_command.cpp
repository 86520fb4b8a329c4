// `diffsweep export` on results files: the points CSV has the file's columns in its order, ids
// and seeds exact, NaN as an empty field and text quoted as RFC 4180 says; the series CSV is in
// long form; an existing file is never overwritten, and an export that fails leaves none of its
// files.
#define BOOST_TEST_MODULE export_command
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "common/errors.hpp"
#include "results_io/hdf5.hpp"
#include "runner/cli/export_command.hpp"
#include "tests/support/fake_results_file.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/synthetic_run.hpp"

using namespace diffsweep;

namespace {

// Three points: a seed above 2^53, a NaN, text with a comma, a quote and a line break; point 12
// has a series.
std::string fake_file(const std::string& dir) {
  test::FakeResults f;
  f.experiment = "synthetic";
  f.axes = "x";
  f.point_id = {11, 12, 13};
  f.status = {"done", "done", "failed"};
  f.columns = {{"x", "parameter", {0.1, 2, 1e-300}},
               {"value", "metric", {1.5, NAN, NAN}},
               {"error", "point", {}, {}, {"", "", "bad, \"very\"\nbad"}},
               {"worker", "point", {}, {1, -2, 3}}};
  f.series[12] = {{"trace", {0.25, -1}}};
  f.series[11] = {{"other", {7}}};
  const std::string path = dir + "/fake.h5";
  test::write_fake_results(path, f);
  return path;
}

// The names in `dir`, sorted.
std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// What export writes to standard error, and its InputError ("" when none).
struct Exported {
  std::string said, error;
};
Exported run_export(const std::string& results, const ExportFiles& files) {
  std::ostringstream err;
  std::streambuf* old = std::cerr.rdbuf(err.rdbuf());
  Exported e;
  try {
    BOOST_TEST(export_files(results, files) == 0);
  } catch (const InputError& x) {
    e.error = x.what();
  } catch (...) {
    std::cerr.rdbuf(old);
    throw;
  }
  std::cerr.rdbuf(old);
  e.said = err.str();
  return e;
}

}  // namespace

BOOST_AUTO_TEST_CASE(points_and_series_are_written_as_csv) {
  const std::string dir = test::fresh_dir("export-csv");
  const std::string results = fake_file(dir);
  const Exported e = run_export(results, {dir + "/points.csv", dir + "/series.csv", ""});
  BOOST_TEST(e.error == "");
  BOOST_TEST(test::read_text(dir + "/points.csv") ==
             "point_id,status,x,value,error,worker\n"
             "11,done,0.1,1.5,,1\n"
             "12,done,2,,,-2\n"
             "13,failed,1e-300,,\"bad, \"\"very\"\"\nbad\",3\n");
  BOOST_TEST(test::read_text(dir + "/series.csv") ==
             "point_id,series,index,value\n"
             "11,other,0,7\n"
             "12,trace,0,0.25\n"
             "12,trace,1,-1\n");
  BOOST_TEST(e.said == "diffsweep: 3 points of " + results + " in " + dir +
                           "/points.csv\ndiffsweep: the series of " + results + " in " + dir +
                           "/series.csv\n");
  BOOST_TEST(files_in(dir) == (std::vector<std::string>{"fake.h5", "points.csv", "series.csv"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(seeds_and_ids_are_exact_and_the_grid_view_is_written) {
  const std::string dir = test::fresh_dir("export-run");
  SyntheticExperiment e;
  const Sweep sweep = test::synthetic_sweep(
      e, "[sweep]\nexperiment = synthetic\nseed = 3\nreplicates = 2\n[axes]\nx = 1, 2\n");
  BOOST_TEST_REQUIRE(test::run_synthetic(dir + "/run.h5", sweep));
  BOOST_TEST(run_export(dir + "/run.h5", {dir + "/p.csv", "", dir + "/grid.nc"}).error == "");
  std::istringstream csv(test::read_text(dir + "/p.csv"));
  std::string header;
  std::getline(csv, header);
  // Parameters first, as the file holds them.
  BOOST_TEST(header.rfind("x,y,", 0) == 0u, header);
  BOOST_TEST(header.find(",value,point_id,replicate,seed,status,") != std::string::npos, header);
  for (std::size_t row = 0; row < sweep.size(); ++row) {
    std::string line;
    BOOST_TEST_REQUIRE(static_cast<bool>(std::getline(csv, line)));
    // The 64-bit id and seed in full (a double would round them).
    BOOST_TEST(line.find("," + std::to_string(sweep.point_id(row)) + "," +
                         std::to_string(sweep.point(row).replicate) + "," +
                         std::to_string(sweep.point(row).seed) + ",done,") != std::string::npos,
               line);
  }
  // The grid view is written, an HDF5 (netCDF-4) file.
  h5::Handle grid = h5::open_file_read(dir + "/grid.nc");
  BOOST_TEST(!h5::children(grid.get()).empty());
}

BOOST_AUTO_TEST_CASE(an_existing_file_is_never_overwritten_and_nothing_else_is_written) {
  const std::string dir = test::fresh_dir("export-exists");
  const std::string results = fake_file(dir);
  test::write_text(dir + "/series.csv", "mine\n");
  const Exported e = run_export(results, {dir + "/points.csv", dir + "/series.csv", ""});
  BOOST_TEST(e.error == dir +
                            "/series.csv exists; export writes a new file (remove it or give "
                            "another name)");
  BOOST_TEST(test::read_text(dir + "/series.csv") == "mine\n");
  BOOST_TEST(files_in(dir) == (std::vector<std::string>{"fake.h5", "series.csv"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_export_that_fails_late_leaves_none_of_its_files) {
  const std::string dir = test::fresh_dir("export-fails");
  const std::string results = fake_file(dir);
  // Both CSVs are whole before the grid view fails: a fake file's sweep cannot be rebuilt.
  const Exported e =
      run_export(results, {dir + "/points.csv", dir + "/series.csv", dir + "/grid.nc"});
  BOOST_TEST(e.error.find(results) != std::string::npos, e.error);
  BOOST_TEST(files_in(dir) == (std::vector<std::string>{"fake.h5"}),
             boost::test_tools::per_element());
  // The same command with the grid view left out then succeeds.
  BOOST_TEST(run_export(results, {dir + "/points.csv", dir + "/series.csv", ""}).error == "");
}

BOOST_AUTO_TEST_CASE(one_name_for_two_files_or_a_grid_view_to_a_pipe_is_refused) {
  const std::string dir = test::fresh_dir("export-names");
  const std::string results = fake_file(dir);
  BOOST_TEST(run_export(results, {dir + "/a.csv", dir + "/a.csv", ""}).error ==
             "export: two of --csv, --series-csv and --netcdf name the same file " + dir +
                 "/a.csv");
  BOOST_TEST(run_export(results, {"", "", "-"}).error ==
             "export: --netcdf needs a file name (an HDF5 file cannot be a pipe)");
  BOOST_TEST(files_in(dir) == (std::vector<std::string>{"fake.h5"}),
             boost::test_tools::per_element());
}
