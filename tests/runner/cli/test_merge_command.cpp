// `diffsweep merge` on files the runner wrote: the shards of a sweep merge into the file the whole
// sweep gives, point for point (status, error, seed, metric and series); a point no shard ran
// stays pending; and another sweep, two outcomes of one point, or an existing output are refused
// before anything is written.
#define BOOST_TEST_MODULE merge_command
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "common/errors.hpp"
#include "results_io/hdf5.hpp"
#include "results_io/results_reader.hpp"
#include "runner/cli/merge_command.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/synthetic_run.hpp"

using namespace diffsweep;

namespace {

// Six points: x = 3 fails (above throw_above), the others are done with noise from their seeds.
const std::string sweep_text =
    "[sweep]\nexperiment = synthetic\nseed = 7\nreplicates = 2\n[fixed]\nnoise = 0.5\n"
    "throw_above = 2.5\n[axes]\nx = 1, 2, 3\n";

// merge's standard output, and what it returned.
std::string merge(const std::string& out, const std::vector<std::string>& inputs) {
  std::ostringstream text;
  std::streambuf* old = std::cout.rdbuf(text.rdbuf());
  try {
    const int status = merge_results(out, inputs);
    std::cout.rdbuf(old);
    BOOST_TEST(status == 0);
  } catch (...) {
    std::cout.rdbuf(old);
    throw;
  }
  return text.str();
}

// The InputError merge throws, or "" when it merges.
std::string merge_error(const std::string& out, const std::vector<std::string>& inputs) {
  try {
    merge(out, inputs);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

bool same_number(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }

}  // namespace

BOOST_AUTO_TEST_CASE(two_shards_merge_into_the_whole_sweeps_file) {
  const std::string dir = test::fresh_dir("merge-shards");
  SyntheticExperiment e;
  const Sweep sweep = test::synthetic_sweep(e, sweep_text);
  BOOST_TEST_REQUIRE(sweep.size() == 6u);
  BOOST_TEST(test::run_synthetic(dir + "/whole.h5", sweep));
  test::run_synthetic(dir + "/a.h5", sweep, PointSelection("", Shard{1, 2}, sweep));
  test::run_synthetic(dir + "/b.h5", sweep, PointSelection("", Shard{2, 2}, sweep));

  const std::string said = merge(dir + "/merged.h5", {dir + "/a.h5", dir + "/b.h5"});
  BOOST_TEST(said == "merged 2 files into " + dir +
                         "/merged.h5: 6 points, 4 done, 2 failed, 0 diverged, 0 not run\n");
  // An output like any other: its journal beside it, so the sweep resumes into it.
  BOOST_TEST(std::filesystem::exists(journal_path(dir + "/merged.h5")));

  const results::ResultsTable whole = results::load_results(dir + "/whole.h5");
  const results::ResultsTable merged = results::load_results(dir + "/merged.h5");
  BOOST_TEST_REQUIRE(merged.rows == whole.rows);
  BOOST_TEST(merged.point_id == whole.point_id, boost::test_tools::per_element());
  BOOST_TEST(merged.seed == whole.seed, boost::test_tools::per_element());
  BOOST_TEST(merged.status == whole.status, boost::test_tools::per_element());
  BOOST_TEST(merged.text("error") == whole.text("error"), boost::test_tools::per_element());
  BOOST_TEST(merged.status[4] == "failed");  // x = 3
  BOOST_TEST(merged.text("error")[4].find("above throw_above") != std::string::npos);
  const auto& value = merged.numbers("value");
  for (std::size_t r = 0; r < whole.rows; ++r) {
    BOOST_TEST_CONTEXT("row " << r) {
      BOOST_TEST(same_number(value[r], whole.numbers("value")[r]));
      BOOST_TEST(
          results::read_series(merged, r, "trace") == results::read_series(whole, r, "trace"),
          boost::test_tools::per_element());
    }
  }
  // The noise is real: replicates of one x differ.
  BOOST_TEST(value[0] != value[1]);
  BOOST_TEST(results::read_series(merged, 2, "trace").size() == 10u);
}

BOOST_AUTO_TEST_CASE(a_point_no_input_finished_stays_pending) {
  const std::string dir = test::fresh_dir("merge-one-shard");
  SyntheticExperiment e;
  const Sweep sweep = test::synthetic_sweep(e, sweep_text);
  test::run_synthetic(dir + "/a.h5", sweep,
                      PointSelection("", Shard{1, 3}, sweep));  // points 0 and 3
  const std::string said = merge(dir + "/merged.h5", {dir + "/a.h5"});
  BOOST_TEST(said == "merged 1 files into " + dir +
                         "/merged.h5: 6 points, 2 done, 0 failed, 0 diverged, 4 not run\n");
  const results::ResultsTable merged = results::load_results(dir + "/merged.h5");
  BOOST_TEST(merged.status == (std::vector<std::string>{"done", "pending", "pending", "done",
                                                        "pending", "pending"}),
             boost::test_tools::per_element());
  BOOST_TEST(std::isnan(merged.numbers("value")[1]));
}

BOOST_AUTO_TEST_CASE(another_sweep_two_outcomes_or_an_existing_output_are_refused) {
  const std::string dir = test::fresh_dir("merge-refused");
  SyntheticExperiment e;
  const Sweep sweep = test::synthetic_sweep(e, sweep_text);
  test::run_synthetic(dir + "/whole.h5", sweep);

  std::string other_text = sweep_text;
  other_text.replace(other_text.find("seed = 7"), 8, "seed = 8");
  const Sweep other = test::synthetic_sweep(e, other_text);
  test::run_synthetic(dir + "/other.h5", other);
  const std::string another = merge_error(dir + "/out.h5", {dir + "/whole.h5", dir + "/other.h5"});
  BOOST_TEST(another.rfind(dir + "/other.h5 holds another sweep (", 0) == 0u, another);
  BOOST_TEST(another.find(results::hex_id(other.hash)) != std::string::npos, another);
  BOOST_TEST(another.find(results::hex_id(sweep.hash)) != std::string::npos, another);

  // A copy whose point 3 finished with another value.
  const std::string changed = dir + "/changed.h5";
  std::filesystem::copy_file(dir + "/whole.h5", changed);
  {
    h5::Handle f = h5::open_file_write(changed);
    h5::Handle points = h5::open_group(f.get(), "points");
    h5::Handle value = h5::open_dataset(points.get(), "value");
    h5::write_rows(value.get(), {3}, std::vector<double>{123.0});
  }
  const std::string conflict = merge_error(dir + "/out.h5", {dir + "/whole.h5", changed});
  BOOST_TEST(conflict == "point 3 (id " + std::to_string(sweep.point_id(3)) +
                             ") finished with different results in " + dir + "/whole.h5 and " +
                             changed + "; merge refuses to choose",
             conflict);
  // Nothing was written for either refusal.
  BOOST_TEST(!std::filesystem::exists(dir + "/out.h5"));
  BOOST_TEST(!std::filesystem::exists(journal_path(dir + "/out.h5")));

  // The same file twice agrees with itself.
  BOOST_TEST(merge_error(dir + "/twice.h5", {dir + "/whole.h5", dir + "/whole.h5"}) == "");
  test::write_text(dir + "/taken.h5", "mine");
  BOOST_TEST(merge_error(dir + "/taken.h5", {dir + "/whole.h5"}) ==
             dir + "/taken.h5 exists; merge writes a new results file (give another name)");
  BOOST_TEST(test::read_text(dir + "/taken.h5") == "mine");
}
