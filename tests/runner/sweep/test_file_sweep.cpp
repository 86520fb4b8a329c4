// The sweep a results file was written by, rebuilt from its text and overrides: the same points
// (hash, ids) as the run's own sweep; and a file that does not say enough, says something else
// (hash, experiment) or is of another format is refused naming the file.
#define BOOST_TEST_MODULE file_sweep
#include <boost/test/unit_test.hpp>

#include "common/errors.hpp"
#include "results_io/hdf5.hpp"
#include "results_io/results_reader.hpp"
#include "runner/sweep/file_sweep.hpp"
#include "tests/support/fake_results_file.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/synthetic_run.hpp"

using namespace diffsweep;

namespace {

const std::string sweep_text =
    "[sweep]\nexperiment = synthetic\nseed = 9\nreplicates = 2\n[axes]\nx = 1, 2, 3\n";

// A file of the sweep run with `overrides`.
std::string run_file(const std::string& name, const std::vector<std::string>& overrides) {
  SyntheticExperiment e;
  SweepSpec spec = parse_sweep_text("s.ini", sweep_text);
  apply_overrides(spec, overrides);
  const Sweep sweep = expand_sweep(spec, e);
  const std::string path = test::fresh_dir("file-sweep-" + name) + "/out.h5";
  test::run_synthetic(path, sweep);
  return path;
}

std::string refusal(const std::string& path) {
  try {
    sweep_of(results::load_results(path), "merge");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

void set_attribute(const std::string& path, const std::string& name, const std::string& value) {
  h5::Handle f = h5::open_file_write(path);
  h5::write_attribute(f.get(), name, value);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_rebuilt_sweep_is_the_runs_own_overrides_included) {
  SyntheticExperiment e;
  SweepSpec spec = parse_sweep_text("s.ini", sweep_text);
  apply_overrides(spec, {"y=2"});
  const Sweep run = expand_sweep(spec, e);
  const Sweep plain = test::synthetic_sweep(e, sweep_text);
  BOOST_TEST_REQUIRE(run.hash != plain.hash);  // the override makes it another sweep

  const std::string path = run_file("overrides", {"y=2"});
  const FileSweep f = sweep_of(results::load_results(path), "merge");
  BOOST_TEST(f.spec.path == "s.ini");
  BOOST_TEST(f.spec.text == sweep_text);
  BOOST_TEST(f.experiment->name() == "synthetic");
  BOOST_TEST(f.sweep.hash == run.hash);
  BOOST_TEST_REQUIRE(f.sweep.size() == 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    BOOST_TEST(f.sweep.point_id(i) == run.point_id(i));
    BOOST_TEST(f.sweep.point(i).params.real("y") == 2.0);
  }
}

BOOST_AUTO_TEST_CASE(a_file_that_does_not_rebuild_its_sweep_is_refused_naming_it) {
  const std::string path = run_file("hash", {});
  BOOST_TEST(refusal(path) == "");
  set_attribute(path, "sweep_hash", "0123456789abcdef");
  const std::string hash = refusal(path);
  BOOST_TEST(hash.rfind(path + ": its sweep text gives hash ", 0) == 0u, hash);
  BOOST_TEST(hash.find(", not the 0123456789abcdef it records") != std::string::npos, hash);

  const std::string other = run_file("experiment", {});
  set_attribute(other, "sweep_text", "[sweep]\nexperiment = nosuch\nseed = 1\n[axes]\nx = 1\n");
  BOOST_TEST(refusal(other) == other + ": unknown experiment 'nosuch'");

  // A file without the sweep's text (not written by a run).
  const std::string dir = test::fresh_dir("file-sweep-fake");
  test::FakeResults fake;
  fake.experiment = "synthetic";
  fake.point_id = {1};
  fake.status = {"done"};
  fake.attributes = {{"sweep_file", "s.ini"}};
  test::write_fake_results(dir + "/fake.h5", fake);
  BOOST_TEST(refusal(dir + "/fake.h5") ==
             dir + "/fake.h5: no 'sweep_text' attribute; not a file diffsweep can merge");

  // Format 1 recorded no overrides.
  set_attribute(path, "sweep_hash", "");
  {
    h5::Handle f = h5::open_file_write(path);
    h5::write_attribute(f.get(), "format_version", std::int64_t{1});
  }
  BOOST_TEST(refusal(path) == path + ": format 1; merge reads formats 2 to " +
                                  std::to_string(results::format_version) +
                                  " (rerun the sweep with this diffsweep)");
}
