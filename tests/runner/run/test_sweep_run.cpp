// The steps every run shares: a sweep loaded with its overrides and output name (a shard's own);
// the run's provenance; --dry-run's listing, with the statuses of an existing file; a store
// opened as planned (a filter that matches nothing refused before any file is made); the finish,
// a summary or how to resume; and a whole single-process run, then its rerun that has nothing to
// do.
#define BOOST_TEST_MODULE sweep_run
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>

#include "common/errors.hpp"
#include "common/version.hpp"
#include "results_io/results_reader.hpp"
#include "runner/run/sweep_run.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {

// What a stream printed while this lived.
class Captured {
 public:
  explicit Captured(std::ostream& stream) : stream_(stream), old_(stream.rdbuf(text_.rdbuf())) {}
  ~Captured() { stream_.rdbuf(old_); }
  std::string text() const { return text_.str(); }

 private:
  std::ostream& stream_;
  std::ostringstream text_;
  std::streambuf* old_;
};

const std::string sweep_text =
    "[sweep]\nexperiment = synthetic\nseed = 2\nreplicates = 2\n[axes]\nx = 1, 2, 3\n";

CliOptions options_for(const std::string& dir, std::vector<std::string> overrides = {}) {
  CliOptions o;
  o.sweep_file = dir + "/grid.ini";
  o.overrides = std::move(overrides);
  o.quiet = true;
  return o;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_sweep_loads_with_its_overrides_and_the_output_it_names) {
  const std::string dir = test::fresh_dir("sweep-run-load");
  const LoadedSweep plain = load_sweep(options_for(dir), sweep_text);
  BOOST_TEST(plain.experiment->name() == "synthetic");
  BOOST_TEST(plain.sweep.size() == 6u);
  BOOST_TEST(plain.output == "results/grid.h5");

  CliOptions o = options_for(dir, {"exponent=2", "sweep.replicates=3"});
  const LoadedSweep changed = load_sweep(o, sweep_text);
  BOOST_TEST(changed.sweep.size() == 9u);
  BOOST_TEST(changed.sweep.point(0).params.real("exponent") == 2.0);
  BOOST_TEST(changed.output == "results/grid+exponent=2+sweep.replicates=3.h5");
  BOOST_TEST(changed.sweep.hash != plain.sweep.hash);

  o = options_for(dir);
  o.shard = Shard{2, 5};
  BOOST_TEST(load_sweep(o, sweep_text).output == "results/grid.shard-2-of-5.h5");
  o.output = dir + "/mine.h5";
  BOOST_TEST(load_sweep(o, sweep_text).output == dir + "/mine.h5");

  BOOST_CHECK_THROW(load_sweep(options_for(dir), "[sweep]\nexperiment = nothing\n[axes]\nx = 1\n"),
                    InputError);
}

BOOST_AUTO_TEST_CASE(the_run_s_provenance_names_its_ranks_and_launch) {
  const RunInfo info = make_run_info({"node1", "node2", "node2"}, {"srun", "812", "3"});
  BOOST_TEST(info.host == "node1");
  BOOST_TEST(info.ranks == 3);
  BOOST_TEST(info.rank_hosts == "node1,node2,node2");
  BOOST_TEST(info.launcher == "srun");
  BOOST_TEST(info.job_id == "812");
  BOOST_TEST(info.array_task_id == "3");
  BOOST_TEST(info.version == std::string(diffsweep_version()));
  BOOST_TEST(info.git_commit == std::string(git_commit()));
  BOOST_TEST(!info.mpi_version.empty());
  // UTC, ISO 8601: 2026-01-31T12:00:00Z.
  BOOST_TEST_REQUIRE(info.run_started.size() >= 20u);
  BOOST_TEST(info.run_started[4] == '-');
  BOOST_TEST(info.run_started[10] == 'T');
  BOOST_TEST(info.run_started.back() == 'Z');
}

BOOST_AUTO_TEST_CASE(a_whole_run_then_a_rerun_with_nothing_to_do) {
  const std::string dir = test::fresh_dir("sweep-run-whole");
  test::write_text(dir + "/grid.ini", sweep_text);
  CliOptions o = options_for(dir);
  o.output = dir + "/r.h5";
  {
    Captured out(std::cout), err(std::cerr);
    BOOST_TEST(run_single_process(o, {"none", "", ""}) == exit_ok);
    BOOST_TEST(out.text().starts_with("results: " + o.output +
                                      "  (6 points: 6 done, 0 failed, 0 "
                                      "diverged, 0 not run)\n"),
               out.text());
  }
  const results::ResultsTable t = results::load_results(o.output);
  BOOST_TEST_REQUIRE(t.rows == 6u);
  for (const auto& s : t.status) BOOST_TEST(s == "done");
  {
    Captured out(std::cout), err(std::cerr);
    BOOST_TEST(run_single_process(o, {"none", "", ""}) == exit_ok);
    BOOST_TEST(has(err.text(), o.output + ": all 6 points already finished; nothing to do"),
               err.text());
  }
}

BOOST_AUTO_TEST_CASE(a_dry_run_lists_the_points_and_an_existing_file_s_statuses) {
  const std::string dir = test::fresh_dir("sweep-run-dry");
  test::write_text(dir + "/grid.ini", sweep_text);
  CliOptions o = options_for(dir);
  o.output = dir + "/r.h5";
  o.only = "x=2";
  o.dry_run = true;
  {
    Captured out(std::cout);
    BOOST_TEST(run_single_process(o, {"none", "", ""}) == exit_ok);
    BOOST_TEST(has(out.text(), "6 points of experiment synthetic (sweep grid, hash "), out.text());
    BOOST_TEST(has(out.text(), "; 2 selected (only x=2)\n"), out.text());
    BOOST_TEST(!has(out.text(), "status"));
  }
  BOOST_TEST(!std::filesystem::exists(o.output));

  // Run x = 2 only; a dry run then shows the file's statuses.
  o.dry_run = false;
  {
    Captured out(std::cout), err(std::cerr);
    run_single_process(o, {"none", "", ""});
  }
  o.dry_run = true;
  o.only.clear();
  Captured out(std::cout);
  BOOST_TEST(dry_run(load_sweep(o, sweep_text), o) == exit_ok);
  std::istringstream lines(out.text());
  std::string line;
  std::getline(lines, line);
  std::getline(lines, line);
  BOOST_TEST(has(line, "status"), line);
  std::size_t done = 0, pending = 0;
  while (std::getline(lines, line)) {
    done += has(line, " done ");
    pending += has(line, " pending ");
  }
  BOOST_TEST(done == 2u);
  BOOST_TEST(pending == 4u);
}

BOOST_AUTO_TEST_CASE(a_store_opens_as_planned_and_the_finish_says_how_to_resume) {
  const std::string dir = test::fresh_dir("sweep-run-store");
  CliOptions o = options_for(dir);
  o.output = dir + "/r.h5";
  const LoadedSweep loaded = load_sweep(o, sweep_text);
  // A filter that matches nothing: refused, and no file made.
  o.only = "x=7";
  try {
    open_store(loaded, o, {"here"}, {"none", "", ""});
    BOOST_FAIL("--only x=7 was not refused");
  } catch (const InputError& e) {
    BOOST_TEST(std::string(e.what()) ==
               "--only 'x=7' matches none of the sweep's 6 points; nothing was run or written");
  }
  BOOST_TEST(!std::filesystem::exists(o.output));

  o.only = "x=3";
  auto store = open_store(loaded, o, {"here"}, {"none", "", ""});
  BOOST_TEST(store->planned_count() == 2u);
  BOOST_TEST(store->planned_left() == 2u);
  try {
    finish_run(*store, loaded, false);
    BOOST_FAIL("an incomplete run finished");
  } catch (const Interrupted& e) {
    BOOST_TEST(std::string(e.what()) == "interrupted: 0 of 6 points are in " + o.output +
                                            "; run the same command again to resume");
  }
  // The snapshot is written either way: the file exists, every point pending.
  BOOST_TEST(results::load_results(o.output).rows == 6u);
}
