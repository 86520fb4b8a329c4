// `diffsweep status` on results files made by the results writer: the text names the run, counts
// every status, gives the command that resumes the sweep (quoted for a shell) and lists the
// failures with their attempts; --json holds the same counts and every failure; a file extended
// in place shows its earlier sweeps; a file that is not ours is refused naming it.
#define BOOST_TEST_MODULE status_command
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/errors.hpp"
#include "runner/cli/status_command.hpp"
#include "tests/support/fake_results_file.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {

std::string status_text(const std::string& path, bool json) {
  std::ostringstream out;
  BOOST_TEST(print_status(out, path, json) == 0);
  return out.str();
}

// Four points, one of each finished status and one pending, run by four ranks on two hosts.
std::string unfinished_file(const std::string& dir) {
  test::FakeResults f;
  f.experiment = "synthetic";
  f.axes = "x";
  f.point_id = {11, 12, 13, 14};
  f.status = {"done", "failed", "pending", "diverged"};
  f.columns = {{"x", "parameter", {1, 2, 3, 4}},
               {"value", "metric", {0.5, NAN, NAN, NAN}},
               {"error", "point", {}, {}, {"", "boom", "", "value is NaN"}},
               {"attempts", "point", {}, {1, 3, 0, 1}}};
  f.attributes = {{"sweep_seed", "7"},
                  {"sweep_hash", "00000000000000ab"},
                  {"sweep_file", "my sweep.ini"},
                  {"sweep_text", "[sweep]\nexperiment = synthetic\n"},
                  {"overrides", "y=2\nnoise=0.5"},
                  {"diffsweep_version", "1.2"},
                  {"git_commit", "deadbeef"},
                  {"hdf5_version", "1.10.8"},
                  {"mpi_version", "Open MPI 4.1"},
                  {"started", "2026-12-01T10:00:00Z"},
                  {"run_started", "2026-12-02T11:00:00Z"},
                  {"host", "n1"},
                  {"ranks", "4"},
                  {"rank_hosts", "n1,n1,n2,n1"},
                  {"launcher", "mpirun"},
                  {"job_id", "99"},
                  {"array_task_id", "3"}};
  const std::string path = dir + "/unfinished.h5";
  test::write_fake_results(path, f);
  return path;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_text_names_the_run_counts_and_the_commands_that_finish_it) {
  const std::string path = unfinished_file(test::fresh_dir("status-text"));
  const std::string resume = "diffsweep 'my sweep.ini' y=2 noise=0.5 -o " + path;
  BOOST_TEST(status_text(path, false) ==
             path + ": sweep fake (experiment synthetic, seed 7, hash 00000000000000ab)\n" +
                 "  written by diffsweep 1.2 (deadbeef), HDF5 1.10.8, Open MPI 4.1\n"
                 "  started 2026-12-01T10:00:00Z, last run 2026-12-02T11:00:00Z on n1 (4 ranks), "
                 "not ended\n"
                 "  ranks on 2 hosts: n1 x3, n2 x1; launcher mpirun, job 99 (array task 3)\n"
                 "  overrides: y=2 noise=0.5\n"
                 "  4 points: 1 done, 1 failed, 1 diverged, 1 pending, 0 running\n"
                 "  1 remain; to run them: " +
                 resume +
                 "\n"
                 "  failed and diverged points; to rerun them: " +
                 resume +
                 " --retry failed,diverged\n"
                 "    1  12  failed (attempt 3): boom\n"
                 "    3  14  diverged: value is NaN\n");
}

BOOST_AUTO_TEST_CASE(json_holds_the_counts_and_every_failure) {
  const std::string path = unfinished_file(test::fresh_dir("status-json"));
  const auto j = nlohmann::json::parse(status_text(path, true));
  BOOST_TEST(j["file"] == path);
  BOOST_TEST(j["counts"]["points"] == 4);
  BOOST_TEST(j["counts"]["done"] == 1);
  BOOST_TEST(j["counts"]["failed"] == 1);
  BOOST_TEST(j["counts"]["diverged"] == 1);
  BOOST_TEST(j["counts"]["pending"] == 1);
  BOOST_TEST(j["outside"]["points"] == 0);
  BOOST_TEST(j["remaining"] == 1);
  BOOST_TEST(j["sweep_text"] == "[sweep]\nexperiment = synthetic\n");
  BOOST_TEST(!j["attributes"].contains("sweep_text"));  // once, at the top
  BOOST_TEST(j["attributes"]["job_id"] == "99");
  BOOST_TEST(j["sweep_history"].is_array());
  BOOST_TEST(j["sweep_history"].empty());
  BOOST_TEST_REQUIRE(j["failures"].size() == 2u);
  BOOST_TEST(j["failures"][0]["index"] == 1);
  BOOST_TEST(j["failures"][0]["point_id"] == 12);
  BOOST_TEST(j["failures"][0]["attempts"] == 3);
  BOOST_TEST(j["failures"][0]["error"] == "boom");
  BOOST_TEST(j["failures"][1]["status"] == "diverged");
}

BOOST_AUTO_TEST_CASE(a_finished_extended_file_lists_its_earlier_sweeps_and_nothing_to_run) {
  test::FakeResults f;
  f.experiment = "synthetic";
  f.axes = "x";
  f.point_id = {1, 2, 3, 4};
  f.status = {"done", "done", "done", "failed"};
  // Not the literal {1, 1, 1, 0}: GCC 12.2's SLP vectorizer with AVX-512 (-march=native) builds
  // it as {1, 1, 1, 1}.
  std::vector<std::int64_t> in_sweep(4, 1);
  in_sweep[3] = 0;
  f.columns = {{"in_sweep", "point", {}, in_sweep},
               {"error", "point", {}, {}, {"", "", "", "old"}}};
  BOOST_TEST_REQUIRE(f.columns[0].integers[3] == 0);
  f.attributes = {
      {"sweep_file", "s.ini"},
      {"ended", "2026-12-03T00:00:00Z"},
      {"sweep_history", R"([{"path":"old.ini","overrides":["y=3"],"hash":"1234","n_points":2,)"
                        R"("until":"2026-11-30"}])"}};
  const std::string path = test::fresh_dir("status-extended") + "/extended.h5";
  test::write_fake_results(path, f);
  const std::string text = status_text(path, false);
  BOOST_TEST(text.find(", ended 2026-12-03T00:00:00Z\n") != std::string::npos, text);
  BOOST_TEST(text.find("  3 points: 3 done, 0 failed, 0 diverged, 0 pending, 0 running\n"
                       "  1 more points outside the current sweep (of an earlier sweep of this "
                       "file, kept with their results; the analysis leaves them out): 0 done, 1 "
                       "failed, 0 diverged\n"
                       "  extended in place from 1 earlier sweep (oldest first; texts in --json):\n"
                       "    old.ini y=3 (hash 1234, 2 points), until 2026-11-30\n"
                       "  nothing remains to run\n") != std::string::npos,
             text);
  // The outside row's failure is not the sweep's.
  BOOST_TEST(text.find("failed and diverged") == std::string::npos, text);
  BOOST_TEST(text.find("ranks on") == std::string::npos, text);  // no rank_hosts recorded
  const auto j = nlohmann::json::parse(status_text(path, true));
  BOOST_TEST(j["outside"]["failed"] == 1);
  BOOST_TEST(j["sweep_history"][0]["hash"] == "1234");
  BOOST_TEST(j["failures"].empty());
}

BOOST_AUTO_TEST_CASE(the_text_lists_the_first_20_failures_and_counts_the_rest) {
  test::FakeResults f;
  f.experiment = "synthetic";
  f.axes = "x";
  for (std::uint64_t i = 0; i < 23; ++i) {
    f.point_id.push_back(100 + i);
    f.status.push_back("failed");
  }
  f.attributes = {{"sweep_file", "s.ini"}};
  const std::string path = test::fresh_dir("status-many") + "/many.h5";
  test::write_fake_results(path, f);
  const std::string text = status_text(path, false);
  BOOST_TEST(
      text.find("  failed and diverged points (first 20); to rerun them:") != std::string::npos,
      text);
  BOOST_TEST(text.find("    19  119  failed: \n") != std::string::npos, text);
  BOOST_TEST(text.find("    20  120") == std::string::npos, text);
  BOOST_TEST(text.find("    ... 3 more (every one with --json, or in the file's error column)\n") !=
                 std::string::npos,
             text);
  BOOST_TEST(nlohmann::json::parse(status_text(path, true))["failures"].size() == 23u);
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_ours_is_refused_naming_it) {
  const std::string path = test::fresh_dir("status-refused") + "/notes.h5";
  test::write_text(path, "notes\n");
  std::ostringstream out;
  try {
    print_status(out, path, false);
    BOOST_FAIL("a text file had a status");
  } catch (const InputError& e) {
    BOOST_TEST(std::string(e.what()).rfind(path + ": ", 0) == 0u, e.what());
  }
  BOOST_TEST(out.str().empty());
}
