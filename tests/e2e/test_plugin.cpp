// C++ experiment plugins end to end: diffsweep installed into a scratch prefix, the example
// plugin (examples/plugin) and the tests' (tests/plugin) configured and built against it with
// find_package, sweeps run under the launcher of the MPI library the build uses, a worker killed
// inside a point and the sweep resumed; the libraries that are no plugin this diffsweep can run,
// and a plugin whose points throw.
#define BOOST_TEST_MODULE plugin
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <set>
#include <thread>

#include "common/experiment_plugin.hpp"
#include "results_io/hdf5.hpp"
#include "tests/support/mpi_ranks.hpp"
#include "tests/support/results_checks.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;
namespace fs = std::filesystem;

namespace {

const std::string build_dir = DIFFSWEEP_BUILD_DIR;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string attribute(const std::string& h5_path, const std::string& name) {
  h5::Handle f = h5::open_file_read(h5_path);
  return h5::read_string_attribute(f.get(), name);
}

// diffsweep installed once for the whole suite, and the example plugin built against it alone.
struct Installed {
  std::string prefix, bin, analyze_bin;
  std::string example;  // a copy of examples/plugin, built in its build/
  std::string plugins;  // tests/plugin's libraries, built against it
};

// Configures and builds the CMake project in `source` into `binary` against `prefix`.
void build_against(const std::string& prefix, const std::string& source, const std::string& binary,
                   const std::string& dir) {
  const auto configure = test::run_process(
      {CMAKE_COMMAND_PATH, "-S", source, "-B", binary, "-DCMAKE_PREFIX_PATH=" + prefix,
       "-DCMAKE_CXX_COMPILER=" CXX_COMPILER, "-DCMAKE_BUILD_TYPE=Release"},
      dir);
  BOOST_TEST_REQUIRE(configure.status == 0, configure.out + configure.err);
  const auto build = test::run_process({CMAKE_COMMAND_PATH, "--build", binary}, dir);
  BOOST_TEST_REQUIRE(build.status == 0, build.out + build.err);
}

const Installed& installed() {
  static const Installed i = [] {
    Installed i;
    const std::string dir = test::fresh_dir("plugin-install");
    i.prefix = dir + "/prefix";
    i.bin = i.prefix + "/bin/diffsweep";
    i.analyze_bin = i.prefix + "/bin/diffsweep-analyze";
    i.example = dir + "/example";
    const auto install =
        test::run_process({CMAKE_COMMAND_PATH, "--install", build_dir, "--prefix", i.prefix}, dir);
    BOOST_TEST_REQUIRE(install.status == 0, install.err);
    fs::copy(std::string(DIFFSWEEP_SOURCE_DIR) + "/examples/plugin", i.example);
    build_against(i.prefix, i.example, i.example + "/build", dir);
    i.plugins = dir + "/test-plugins";
    build_against(i.prefix, std::string(DIFFSWEEP_SOURCE_DIR) + "/tests/plugin", i.plugins, dir);
    return i;
  }();
  return i;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_install_ships_the_interface_headers_alone_and_a_cmake_package) {
  const Installed& i = installed();
  std::set<std::string> headers;
  for (const auto& e : fs::recursive_directory_iterator(i.prefix + "/include"))
    if (e.is_regular_file()) headers.insert(fs::relative(e.path(), i.prefix + "/include"));
  BOOST_TEST((headers == std::set<std::string>{"diffsweep/experiment.hpp", "diffsweep/params.hpp",
                                               "diffsweep/experiment_plugin.hpp"}));
  // They need the C++ standard library only: no Eigen, HDF5 or MPI header.
  for (const auto& h : headers) {
    const std::string text = test::read_text(i.prefix + "/include/" + h);
    for (const char* other : {"Eigen", "hdf5", "H5", "mpi.h"})
      BOOST_TEST(!has(text, std::string("#include <") + other), h << " includes " << other);
  }
  BOOST_TEST(fs::exists(i.prefix + "/lib/cmake/diffsweep/diffsweepConfig.cmake"));
  BOOST_TEST(fs::exists(i.example + "/build/monte_carlo.so"));
  // docs/plugins.md shows the example's code as it is, from its first include on.
  const std::string source = DIFFSWEEP_SOURCE_DIR;
  const std::string code = test::read_text(source + "/examples/plugin/monte_carlo.cpp");
  const std::string doc = test::read_text(source + "/docs/plugins.md");
  const std::size_t block = doc.find("```cpp\n") + 7;
  BOOST_TEST(doc.substr(block, doc.find("```\n", block) - block) ==
             code.substr(code.find("#include")));
}

BOOST_AUTO_TEST_CASE(the_example_runs_under_mpirun_as_in_one_process_and_is_analyzed) {
  const Installed& i = installed();
  const std::string dir = i.example, sweep = dir + "/monte_carlo.ini";
  // Run from elsewhere: the plugin's path is resolved against the sweep file's folder.
  const auto described = test::run_process({i.bin, "--describe", sweep}, "/tmp");
  BOOST_TEST(described.status == 0, described.err);
  BOOST_TEST(has(described.out, "monte_carlo: Monte Carlo estimate of E[exp(x Z)]"), described.out);
  BOOST_TEST(has(described.out, "rel_error"), described.out);
  const auto listed = test::run_process({i.bin, "--list-experiments"}, "/tmp");
  BOOST_TEST(has(listed.out, "plugin:PATH"), listed.out);

  // The example's sweep, under mpirun and in one process: the same results, point by point.
  const std::string one = dir + "/one.h5", out = dir + "/three.h5";
  const auto single = test::run_process({i.bin, sweep, "-o", one, "-q"}, "/tmp");
  BOOST_TEST_REQUIRE(single.status == 0, single.err);
  BOOST_TEST(has(single.out, "100 done"), single.out);
  const auto three = test::run_process(test::mpirun(i.bin, 3, {sweep, "-o", out, "-q"}), "/tmp");
  BOOST_TEST_REQUIRE(three.status == 0, three.err);
  std::set<std::uint64_t> ids;
  for (const auto& [id, row] : test::rows_by_id(one)) ids.insert(id);
  BOOST_TEST(ids.size() == 100u);
  test::same_points(out, one, ids, {"x", "samples", "estimate", "rel_error", "seed"});
  // The error falls with the samples: the plugin computed what it says.
  const auto samples = test::column(out, "samples"), error = test::column(out, "rel_error");
  double small = 0, large = 0;
  for (std::size_t r = 0; r < samples.size(); ++r) (samples[r] < 1e3 ? small : large) += error[r];
  BOOST_TEST(large < small);

  // The file says which plugin ran: its name, and its path as given and as resolved.
  BOOST_TEST(attribute(out, "experiment") == "monte_carlo");
  BOOST_TEST(attribute(out, "plugin") == "build/monte_carlo.so");
  BOOST_TEST(attribute(out, "plugin_path") == dir + "/build/monte_carlo.so");
  const auto report = test::run_process({i.analyze_bin, out, "-o", dir + "/report"}, "/tmp");
  BOOST_TEST_REQUIRE(report.status == 0, report.err);
  BOOST_TEST(has(report.out, "no theory checks exist for experiment 'monte_carlo'"), report.out);
  BOOST_TEST(fs::exists(dir + "/report/report.md"));
}

BOOST_AUTO_TEST_CASE(a_library_that_is_no_plugin_is_one_line_exit_2_and_the_results_stay) {
  const Installed& i = installed();
  const std::string dir = test::fresh_dir("plugin-refused");
  const std::string out = dir + "/out.h5";
  // A finished results file of the example, which no refused run may touch.
  const auto first =
      test::run_process({i.bin, i.example + "/monte_carlo.ini", "-o", out, "-q"}, dir);
  BOOST_TEST_REQUIRE(first.status == 0, first.err);
  const std::string before = test::read_text(out);
  // Longer than an ELF header, so that dlopen reads it as one and says what is wrong with it.
  test::write_text(dir + "/not_a_library.so", "#!/bin/sh\n" + std::string(100, '#') + "\n");
  const auto refused = [&](const std::string& value, const std::string& reason) {
    BOOST_TEST_CONTEXT(value) {
      const std::string sweep = dir + "/sweep.ini";
      test::write_text(sweep, "[sweep]\nseed = 1\nexperiment = " + value + "\n[axes]\nx = 1, 2\n");
      const auto r = test::run_process({i.bin, sweep, "-o", out, "-q"}, "/tmp");
      BOOST_TEST(r.status == 2);
      BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1, r.err);
      BOOST_TEST(
          has(r.err, "sweep.ini:3: key 'sweep.experiment': value '" + value + "': " + reason),
          r.err);
      BOOST_TEST(test::read_text(out) == before);
    }
  };
  refused("plugin:missing.so", "no such file: " + dir + "/missing.so");
  refused("plugin:", "no path after 'plugin:'");
  refused("plugin:not_a_library.so",
          "cannot load it: " + dir + "/not_a_library.so: invalid ELF header");
  for (const char* plugin : {"no_entry_point_plugin.so", "wrong_version_plugin.so"})
    fs::copy_file(i.plugins + "/" + plugin, dir + "/" + plugin);
  refused("plugin:no_entry_point_plugin.so",
          "no entry point: the library does not define 'diffsweep_plugin_v1'");
  refused("plugin:wrong_version_plugin.so",
          "built for plugin interface version " + std::to_string(plugin_interface_version + 1) +
              ", and this diffsweep runs " + std::to_string(plugin_interface_version) +
              ": rebuild it against this diffsweep's installed headers");
  // The plugin's own check across parameters, thrown from its code, names the key as ours do.
  const std::string sweep = i.example + "/monte_carlo.ini";
  const auto r = test::run_process({i.bin, sweep, "x=3", "samples=10", "-o", out, "-q"}, "/tmp");
  BOOST_TEST(r.status == 2);
  BOOST_TEST(has(r.err, "key 'samples': value '10': below 100 with x above 2"), r.err);
  BOOST_TEST(test::read_text(out) == before);
}

BOOST_AUTO_TEST_CASE(what_a_plugin_throws_fails_its_point_alone_in_one_process_and_under_mpirun) {
  const Installed& i = installed();
  const std::string dir = test::fresh_dir("plugin-throws");
  const std::string sweep = dir + "/sweep.ini";
  test::write_text(sweep,
                   "[sweep]\nseed = 1\nexperiment = plugin:" + i.plugins +
                       "/misbehaving_plugin.so\nreplicates = 2\n[axes]\nx = 1, 2, 3, 4, 5, 6\n");
  const std::vector<std::string> want = {"done",   "done",   "failed", "failed", "failed", "failed",
                                         "failed", "failed", "failed", "failed", "done",   "done"};
  for (int ranks : {1, 3}) BOOST_TEST_CONTEXT(ranks << " ranks") {
      const std::string out = dir + "/out" + std::to_string(ranks) + ".h5";
      std::vector<std::string> args = {sweep, "-o", out, "-q"};
      if (ranks == 1)
        args.insert(args.begin(), i.bin);
      else
        args = test::mpirun(i.bin, ranks, args);
      const auto r = test::run_process(args, dir);
      BOOST_TEST(r.status == 0, r.err);
      BOOST_TEST(test::texts(out, "status") == want, boost::test_tools::per_element());
      const auto error = test::texts(out, "error");
      BOOST_TEST(error[2] == "x = 2 is not allowed here");
      BOOST_TEST(error[4] ==
                 "plugin experiment 'misbehaving' threw an exception that is not a std::exception");
      BOOST_TEST(error[6] == "x = 4 refused when announced");
      BOOST_TEST(error[8] == "experiment returned undeclared metric 'z'");
      BOOST_TEST(test::column(out, "y")[10] == test::column(dir + "/out1.h5", "y")[10]);
      BOOST_TEST(test::journal_points(out + ".journal") == 12u);
    }
}

BOOST_AUTO_TEST_CASE(a_worker_killed_inside_a_point_under_mpirun_resumes_to_the_same_results) {
  const Installed& i = installed();
  const std::string dir = test::fresh_dir("plugin-killed");
  const std::string sweep = dir + "/sweep.ini";
  test::write_text(sweep, "[sweep]\nseed = 3\nexperiment = plugin:" + i.plugins +
                              "/misbehaving_plugin.so\nreplicates = 4\n[fixed]\ngate_at = 8\n"
                              "[axes]\nx = 1, 6, 7, 8, 9\n");
  // The plugin's files are in its working directory, which the test's is.
  fs::current_path(dir);
  // Uninterrupted, in one process, with the gate open.
  test::write_text(dir + "/gate", "");
  const std::string plain = dir + "/plain.h5", out = dir + "/killed.h5";
  const auto uninterrupted = test::run_process({i.bin, sweep, "-o", plain, "-q"}, dir);
  BOOST_TEST_REQUIRE(uninterrupted.status == 0, uninterrupted.err);
  fs::remove(dir + "/gate");
  fs::remove(dir + "/waiting");

  // Under mpirun with the gate shut: a worker stops inside a point of x = 8, and rank 1 is
  // killed once it surely has (the point says so with the file `waiting`).
  const pid_t job =
      test::spawn(test::mpirun(i.bin, 3, {sweep, "-o", out, "-q"}), dir + "/1.out", dir + "/1.err");
  while (!fs::exists(dir + "/waiting") && waitpid(job, nullptr, WNOHANG) == 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  BOOST_TEST_REQUIRE(fs::exists(dir + "/waiting"), test::read_text(dir + "/1.err"));
  const pid_t worker = test::find_rank(1, out);
  BOOST_REQUIRE(worker > 0);
  kill(worker, SIGKILL);
  BOOST_TEST(test::wait_status(job) != 0);
  const auto killed_status = test::texts(out, "status");
  BOOST_TEST(std::count(killed_status.begin(), killed_status.end(), "done") < 20);

  test::write_text(dir + "/gate", "");
  const auto resumed = test::run_process(test::mpirun(i.bin, 2, {sweep, "-o", out, "-q"}), dir);
  BOOST_TEST_REQUIRE(resumed.status == 0, resumed.err);
  std::set<std::uint64_t> ids;
  for (const auto& [id, row] : test::rows_by_id(plain)) ids.insert(id);
  BOOST_TEST(ids.size() == 20u);
  test::same_points(out, plain, ids, {"x", "y", "seed"});
  BOOST_TEST(test::journal_points(out + ".journal") == 20u);
  const auto status = test::texts(out, "status");
  BOOST_TEST(std::count(status.begin(), status.end(), "done") == 20);
}
