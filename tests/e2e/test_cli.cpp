// End-to-end runs of the diffsweep binary, as a researcher would use it.
#define BOOST_TEST_MODULE cli
#include <sys/wait.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "results_io/hdf5.hpp"
#include "runner/store/journal.hpp"
#include "tests/support/gate.hpp"
#include "tests/support/results_checks.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;
namespace fs = std::filesystem;

namespace {

const std::string bin = DIFFSWEEP_BIN;
const std::string analyze_bin = ANALYZE_BIN;
const std::string source_dir = DIFFSWEEP_SOURCE_DIR;

std::string write_sweep(const std::string& dir, const std::string& name, const std::string& body) {
  const std::string path = dir + "/" + name;
  test::write_text(path, "[sweep]\nexperiment = synthetic\nseed = 5\n" + body);
  return path;
}

// A sweep of `points` points of tests/external's program behind its gate (gate_proxy.py): the
// program answers `hold_after` points, each taking `pause` seconds at least, then holds every
// other until `release(dir)` (tests/support/gate.hpp). A test that signals a run once `held(dir)`
// finds it mid-sweep, whatever the machine's speed.
std::string gated_sweep(const std::string& dir, int points, int hold_after, double pause = 0) {
  for (const char* file : {"gate_proxy.py", "test_program.py"})
    fs::copy_file(source_dir + "/tests/external/" + file, dir + "/" + file);
  const std::string path = dir + "/gated.ini";
  std::ostringstream text;
  text << "[sweep]\nexperiment = external\nseed = 5\ncommand = exec /usr/bin/python3 "
       << "gate_proxy.py " << hold_after << " " << pause << " /usr/bin/python3 test_program.py\n"
       << "[fixed]\nnoise = 0.3\n[axes]\nx = linspace(1, " << points << ", " << points << ")\n";
  test::write_text(path, text.str());
  return path;
}

}  // namespace

BOOST_AUTO_TEST_CASE(bad_input_is_one_line_exit_2_and_writes_nothing) {
  const std::string dir = test::fresh_dir("cli-bad");
  const std::string sweep = write_sweep(dir, "bad.ini", "[axes]\nx = 1, 2, banana\n");
  const auto r = test::run_process({bin, sweep, "-o", dir + "/out.h5", "-q"}, dir);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err ==
             "diffsweep: error: " + sweep + ":5: key 'axes.x': value 'banana': not a number\n");
  BOOST_TEST(!fs::exists(dir + "/out.h5"));
  BOOST_TEST(!fs::exists(dir + "/out.h5.journal"));

  const std::string unknown = dir + "/unknown.ini";
  test::write_text(unknown, "[sweep]\nexperiment = telepathy\nseed = 1\n");
  const auto u = test::run_process({bin, unknown, "-o", dir + "/out.h5"}, dir);
  BOOST_TEST(u.status == 2);
  BOOST_TEST(u.err.find("key 'sweep.experiment': value 'telepathy': unknown experiment") !=
             std::string::npos);
  BOOST_TEST(test::run_process({bin, dir + "/missing.ini"}, dir).status == 2);
  BOOST_TEST(test::run_process({bin, "--no-such-option"}, dir).status == 2);
}

BOOST_AUTO_TEST_CASE(bad_input_never_touches_existing_results) {
  const std::string dir = test::fresh_dir("cli-keep");
  const std::string good = write_sweep(dir, "good.ini", "[axes]\nx = 1, 2\n");
  BOOST_TEST(test::run_process({bin, good, "-o", dir + "/out.h5", "-q"}, dir).status == 0);
  const std::string before = test::read_text(dir + "/out.h5");
  const std::string bad = write_sweep(dir, "bad.ini", "[axes]\nx = 1, 2\nnoise = -3\n");
  BOOST_TEST(test::run_process({bin, bad, "-o", dir + "/out.h5", "-q"}, dir).status == 2);
  BOOST_TEST(test::read_text(dir + "/out.h5") == before);
}

BOOST_AUTO_TEST_CASE(failures_and_nans_are_recorded_and_the_sweep_goes_on) {
  const std::string dir = test::fresh_dir("cli-faults");
  const std::string sweep = write_sweep(
      dir, "faults.ini", "[fixed]\nthrow_above = 4\nnan_above = 2\n[axes]\nx = 1, 2, 3, 4, 5, 6\n");
  const auto r = test::run_process({bin, sweep, "-o", dir + "/out.h5", "-q"}, dir);
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.find("2 done, 2 failed, 2 diverged") != std::string::npos);
  const auto status = test::statuses(dir + "/out.h5");
  const std::vector<std::string> want = {"done",     "done",   "diverged",
                                         "diverged", "failed", "failed"};
  BOOST_TEST(status == want, boost::test_tools::per_element());
  const auto value = test::column(dir + "/out.h5", "value");
  BOOST_TEST(value[1] == 2.0);
  BOOST_TEST(std::isnan(value[2]));
  BOOST_TEST(std::isnan(value[5]));
  h5::Handle f = h5::open_file_read(dir + "/out.h5");
  h5::Handle points = h5::open_group(f.get(), "points");
  const auto error = h5::read_strings(points.get(), "error");
  BOOST_TEST(error[0].empty());
  BOOST_TEST(error[2].find("nan") != std::string::npos);
  BOOST_TEST(error[4].find("above throw_above") != std::string::npos);
  BOOST_TEST(h5::read_int_attribute(f.get(), "n_failed") == 2);
  BOOST_TEST(!h5::read_string_attribute(f.get(), "ended").empty());
}

// A sweep with [case.NAME] sections runs each case's points once, in file order, and the results
// file names every varied parameter as an axis.
BOOST_AUTO_TEST_CASE(a_sweep_with_cases_runs_and_records_its_axes) {
  const std::string dir = test::fresh_dir("cli-cases");
  const std::string sweep = write_sweep(dir, "cases.ini",
                                        "replicates = 2\n[axes]\nx = 1, 2\n[case.flat]\n"
                                        "exponent = 0\n[case.steep]\nexponent = 2, 3\n"
                                        "noise = 0\n");
  const auto r = test::run_process({bin, sweep, "-o", dir + "/out.h5", "-q"}, dir);
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out.find("12 points: 12 done") != std::string::npos, r.out);
  const auto exponent = test::column(dir + "/out.h5", "exponent");
  const auto x = test::column(dir + "/out.h5", "x");
  const auto value = test::column(dir + "/out.h5", "value");
  const std::vector<double> want_exponent = {0, 0, 0, 0, 2, 2, 2, 2, 3, 3, 3, 3};
  BOOST_TEST(exponent == want_exponent, boost::test_tools::per_element());
  // value = y x^exponent (noise 0, y 1): the case's own parameters reached each point.
  for (std::size_t i = 0; i < x.size(); ++i)
    BOOST_TEST(value[i] == std::pow(x[i], exponent[i]), "row " << i);
  h5::Handle f = h5::open_file_read(dir + "/out.h5");
  BOOST_TEST(h5::read_string_attribute(f.get(), "axes") == "exponent,noise,x");
}

BOOST_AUTO_TEST_CASE(sigkill_mid_sweep_then_the_same_command_resumes) {
  const std::string dir = test::fresh_dir("cli-kill");
  // Each point takes longer than a batch of finished points is held: each is journaled at once.
  const std::string sweep = gated_sweep(dir, 40, 8, 0.06);
  const std::string out = dir + "/out.h5";
  const std::vector<std::string> command = {bin, sweep, "-o", out, "-q"};
  const pid_t pid = test::spawn(command, dir + "/run1.out", dir + "/run1.err");
  // Killed once 8 points are journaled and the 9th is held, whatever the machine's speed. The
  // journal is counted in a copy: the run holds its lock.
  test::wait_until_held(dir);
  const auto journaled = [&] {
    fs::copy_file(out + ".journal", dir + "/peek.journal", fs::copy_options::overwrite_existing);
    return test::journal_points(dir + "/peek.journal");
  };
  while (journaled() < 8) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  kill(pid, SIGKILL);
  BOOST_TEST(test::wait_status(pid) == 128 + SIGKILL);
  test::release(dir);

  // The file left behind opens and holds only whole points.
  const auto after_kill = test::statuses(out);
  const auto finished = std::count(after_kill.begin(), after_kill.end(), "done");
  BOOST_TEST(finished <= 8);
  BOOST_TEST(test::journal_points(out + ".journal") == 8u);

  const auto resumed = test::run_process(command, dir);
  BOOST_TEST(resumed.status == 0);
  BOOST_TEST(resumed.err.find("resuming") != std::string::npos);
  const auto final_status = test::statuses(out);
  BOOST_TEST(std::count(final_status.begin(), final_status.end(), "done") == 40);
  BOOST_TEST(test::journal_points(out + ".journal") == 40u);

  // Bit-identical to a run that was never interrupted.
  const auto clean = test::run_process({bin, sweep, "-o", dir + "/clean.h5", "-q"}, dir);
  BOOST_TEST(clean.status == 0);
  const auto a = test::column(out, "y"), b = test::column(dir + "/clean.h5", "y");
  BOOST_TEST(a == b, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(sigterm_stops_cleanly_with_exit_3_and_resumes) {
  const std::string dir = test::fresh_dir("cli-term");
  const std::string sweep = gated_sweep(dir, 30, 5);
  const std::vector<std::string> command = {bin, sweep, "-o", dir + "/out.h5", "-q"};
  const pid_t pid = test::spawn(command, dir + "/run1.out", dir + "/run1.err");
  // The 6th point is held: the stop finds it running, and it ends once released.
  test::wait_until_held(dir);
  kill(pid, SIGTERM);
  test::release(dir);
  BOOST_TEST(test::wait_status(pid) == 3);
  BOOST_TEST(test::read_text(dir + "/run1.err").find("run the same command again to resume") !=
             std::string::npos);
  const auto s = test::statuses(dir + "/out.h5");
  const auto done = std::count(s.begin(), s.end(), "done");
  BOOST_TEST(done == static_cast<long>(test::journal_points(dir + "/out.h5.journal")));
  BOOST_TEST(done >= 5);
  BOOST_TEST(done < 30);
  BOOST_TEST(test::run_process(command, dir).status == 0);
  const auto t = test::statuses(dir + "/out.h5");
  BOOST_TEST(std::count(t.begin(), t.end(), "done") == 30);
}

BOOST_AUTO_TEST_CASE(a_second_sigint_ends_a_long_point_at_once) {
  const std::string dir = test::fresh_dir("cli-twice");
  // Its first point is held and never released: only the second signal can end the run.
  const std::string sweep = gated_sweep(dir, 2, 0);
  const pid_t pid = test::spawn({bin, sweep, "-o", dir + "/out.h5", "-q"}, dir + "/o", dir + "/e");
  test::wait_until_held(dir);
  // Signals sent while one is pending merge into one: SIGINT again until the process has ended.
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    kill(pid, SIGINT);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == SIGINT));
  BOOST_TEST(test::statuses(dir + "/out.h5").size() == 2u);  // the file from the start still opens
}

BOOST_AUTO_TEST_CASE(restart_never_moves_the_files_of_a_running_sweep) {
  const std::string dir = test::fresh_dir("cli-busy");
  const std::string sweep = gated_sweep(dir, 20, 3);
  const pid_t pid = test::spawn({bin, sweep, "-o", dir + "/out.h5", "-q"}, dir + "/o", dir + "/e");
  test::wait_until_held(dir);
  const auto second =
      test::run_process({bin, sweep, "-o", dir + "/out.h5", "-q", "--restart"}, dir);
  test::release(dir);
  BOOST_TEST(second.status == 2);
  BOOST_TEST(second.err.find("in use by another diffsweep") != std::string::npos, second.err);
  BOOST_TEST(test::wait_status(pid) == 0);
  for (const auto& e : fs::directory_iterator(dir))
    BOOST_TEST(e.path().filename().string().find(".old-") == std::string::npos);
  const auto s = test::statuses(dir + "/out.h5");
  BOOST_TEST(std::count(s.begin(), s.end(), "done") == 20);
}

BOOST_AUTO_TEST_CASE(of_two_fresh_starts_on_one_output_one_runs_and_one_is_refused) {
  const std::string dir = test::fresh_dir("cli-race");
  // The points are held until the first of the two has ended: the one running then is the
  // winner, the one that ended the loser.
  const std::string sweep = gated_sweep(dir, 4, 0);
  for (int round = 0; round < 8; ++round) {
    fs::remove(dir + "/go");
    const std::string out = dir + "/out" + std::to_string(round) + ".h5";
    const std::string e0 = dir + "/e0-" + std::to_string(round),
                      e1 = dir + "/e1-" + std::to_string(round);
    const pid_t a = test::spawn({bin, sweep, "-o", out, "-q"}, dir + "/o0", e0);
    const pid_t b = test::spawn({bin, sweep, "-o", out, "-q"}, dir + "/o1", e1);
    int status = 0;
    const pid_t first = wait(&status);
    test::release(dir);
    const int s_first = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    const int s_second = test::wait_status(first == a ? b : a);
    const int sa = first == a ? s_first : s_second, sb = first == a ? s_second : s_first;
    BOOST_TEST_CONTEXT("round " << round << ": " << test::read_text(e0) << test::read_text(e1)) {
      BOOST_TEST(s_first == 2);
      BOOST_TEST(s_second == 0);
      const std::string loser = test::read_text(sa == 2 ? e0 : e1);
      BOOST_TEST(loser.find("in use by another diffsweep process") != std::string::npos);
      BOOST_TEST(std::count(loser.begin(), loser.end(), '\n') == 1);
      BOOST_TEST(std::min(sa, sb) == 0);
    }
    const auto s = test::statuses(out);
    BOOST_TEST(std::count(s.begin(), s.end(), "done") == 4);
  }
}

BOOST_AUTO_TEST_CASE(an_output_that_is_a_directory_or_a_link_is_refused) {
  const std::string dir = test::fresh_dir("cli-odd-output");
  const std::string sweep = write_sweep(dir, "s.ini", "[axes]\nx = 1, 2\n");
  fs::create_directory(dir + "/folder.h5");
  fs::create_symlink(dir + "/nowhere.h5", dir + "/dangling.h5");
  for (const char* name : {"/folder.h5", "/dangling.h5"})
    for (const bool restart : {false, true}) {
      std::vector<std::string> args = {bin, sweep, "-o", dir + name, "-q"};
      if (restart) args.push_back("--restart");
      const auto r = test::run_process(args, dir);
      BOOST_TEST(r.status == 2, name << " " << r.err);
      BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
  BOOST_TEST(fs::is_directory(dir + "/folder.h5"));
  BOOST_TEST(fs::is_symlink(dir + "/dangling.h5"));
  BOOST_TEST(!fs::exists(dir + "/nowhere.h5"));
  for (const auto& e : fs::directory_iterator(dir))
    BOOST_TEST(e.path().filename().string().find(".old-") == std::string::npos);
}

namespace {

// A journal's record frames (version 3, docs/results-format.md: marker, length, checksum, body;
// a record's body is 'R', then its row): where each begins and ends, and its row.
struct RecordFrame {
  std::size_t begin = 0, end = 0;
  std::uint64_t row = 0;
};

std::vector<RecordFrame> record_frames(const std::string& journal) {
  std::vector<RecordFrame> frames;
  std::size_t pos = 20;  // past "diffsweep-journal 3\n"
  for (bool header = true; pos + 16 <= journal.size(); header = false) {
    std::uint32_t length = 0;
    std::memcpy(&length, journal.data() + pos + 4, 4);
    if (pos + 16 + length > journal.size()) break;
    RecordFrame f{pos, pos + 16 + length, 0};
    std::memcpy(&f.row, journal.data() + pos + 17, 8);
    if (!header) frames.push_back(f);
    pos = f.end;
  }
  return frames;
}

// The rows of the frames that overlap bytes [from, to), ascending.
std::vector<std::uint64_t> rows_within(const std::vector<RecordFrame>& frames, std::size_t from,
                                       std::size_t to) {
  std::vector<std::uint64_t> rows;
  for (const auto& f : frames)
    if (f.end > from && f.begin < to) rows.push_back(f.row);
  std::sort(rows.begin(), rows.end());
  return rows;
}

// How the runner reports dropped records: their number and the first 8 rows.
std::string dropped(const std::vector<std::uint64_t>& rows) {
  const std::string rerun = " (the points left without a record run again)";
  if (rows.size() == 1)
    return "dropping 1 record, of the point at row " + std::to_string(rows[0]) + rerun;
  std::string text = "dropping " + std::to_string(rows.size()) + " records, of the points at rows ";
  for (std::size_t i = 0; i < std::min<std::size_t>(rows.size(), 8); ++i)
    text += (i ? ", " : "") + std::to_string(rows[i]);
  if (rows.size() > 8) text += " and " + std::to_string(rows.size() - 8) + " more";
  return text + rerun;
}

// A finished sweep of 200 points in a fresh `dir`; returns its output.
std::string finished_sweep(const std::string& dir) {
  const std::string sweep = write_sweep(dir, "s.ini", "[axes]\nx = linspace(1, 2, 200)\n");
  const std::string out = dir + "/out.h5";
  BOOST_TEST_REQUIRE(test::run_process({bin, sweep, "-o", out, "-q"}, dir).status == 0);
  return out;
}

// Runs the sweep of finished_sweep again; checks it ran exactly `lost` points and ends with the
// values of the first run. Returns what it printed on stderr.
std::string resume_after_loss(const std::string& dir, const std::string& out,
                              const std::vector<double>& before, std::size_t lost) {
  const auto r = test::run_process({bin, dir + "/s.ini", "-o", out, "-q"}, dir);
  BOOST_TEST(r.status == 0, r.err);
  const std::string resumed = lost == 0 ? "all 200 points already finished; nothing to do"
                                        : "resuming " + out + ": " + std::to_string(200 - lost) +
                                              " of 200 points already " + "finished, " +
                                              std::to_string(lost) + " to run";
  BOOST_TEST(r.err.find(resumed) != std::string::npos, r.err);
  BOOST_TEST(test::column(out, "value") == before, boost::test_tools::per_element());
  return r.err;
}

std::string damaged_copy_of(const std::string& dir) {
  std::string copy;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind("out.h5.journal.damaged-", 0) == 0) {
      BOOST_TEST(copy.empty(), "a second copy " << e.path());
      copy = e.path().string();
    }
  return copy;
}

}  // namespace

// One byte changed: the record it is in, and no other, is dropped and runs again.
BOOST_AUTO_TEST_CASE(a_damaged_journal_is_repaired_and_only_the_lost_point_runs_again) {
  const std::string dir = test::fresh_dir("cli-damaged");
  const std::string out = finished_sweep(dir), journal = out + ".journal";
  const auto before = test::column(out, "value");
  const std::string bytes = test::read_text(journal);
  const std::size_t at = bytes.size() / 2;
  std::string damaged = bytes;
  damaged[at] = static_cast<char>(damaged[at] ^ 0x55);
  std::ofstream(journal, std::ios::binary) << damaged;
  const auto rows = rows_within(record_frames(bytes), at, at + 1);
  BOOST_TEST_REQUIRE(rows.size() == 1u);
  const std::string err = resume_after_loss(dir, out, before, 1);
  const std::string copy = damaged_copy_of(dir);
  BOOST_TEST(test::read_text(copy) == damaged);
  // The record the byte is in is skipped whole.
  const auto frames = record_frames(bytes);
  const auto hit = std::find_if(frames.begin(), frames.end(),
                                [&](const RecordFrame& f) { return f.begin <= at && at < f.end; });
  BOOST_TEST(err.find("diffsweep: the journal " + journal +
                      " was damaged: " + std::to_string(hit->end - hit->begin) +
                      " bytes that are no record were skipped, " + dropped(rows) +
                      "; every intact record was kept, and the journal as found is in " + copy +
                      "\n") != std::string::npos,
             err);
}

// A block of zeros (a bad disk block) erases the markers of the records inside it, which can then
// not be told apart in the journal: the published file, which holds them, tells which they were.
BOOST_AUTO_TEST_CASE(a_zeroed_block_reports_exactly_the_records_it_held) {
  for (const std::size_t block : {512, 1024, 4096}) {
    BOOST_TEST_CONTEXT("a block of " << block << " bytes") {
      const std::string dir = test::fresh_dir("cli-zeroed-" + std::to_string(block));
      const std::string out = finished_sweep(dir), journal = out + ".journal";
      const auto before = test::column(out, "value");
      const std::string bytes = test::read_text(journal);
      const std::size_t at = bytes.size() / 2 / block * block;
      std::string damaged = bytes;
      damaged.replace(at, block, block, '\0');
      std::ofstream(journal, std::ios::binary) << damaged;
      const auto frames = record_frames(bytes);
      const auto rows = rows_within(frames, at, at + block);
      BOOST_TEST_REQUIRE(rows.size() >= 3u);
      // Skipped: from the first record the block touches to the end of the last.
      std::size_t skipped = 0;
      for (const auto& f : frames)
        if (f.end > at && f.begin < at + block) skipped += f.end - f.begin;
      const std::string err = resume_after_loss(dir, out, before, rows.size());
      BOOST_TEST(err.find("diffsweep: the journal " + journal +
                          " was damaged: " + std::to_string(skipped) +
                          " bytes that are no record were skipped, " + dropped(rows) +
                          "; every intact record was kept, and the journal as found is in " +
                          damaged_copy_of(dir) + "\n") != std::string::npos,
                 err);
    }
  }
}

// Bytes after the last record in which no record begins lose nothing, and the report says so.
BOOST_AUTO_TEST_CASE(garbage_after_the_last_record_loses_nothing) {
  const std::string dir = test::fresh_dir("cli-garbage");
  const std::string out = finished_sweep(dir), journal = out + ".journal";
  const auto before = test::column(out, "value");
  std::string garbage;
  for (int i = 0; i < 300; ++i) garbage += static_cast<char>('a' + i % 26);
  std::ofstream(journal, std::ios::binary | std::ios::app) << garbage;
  const std::string err = resume_after_loss(dir, out, before, 0);
  BOOST_TEST(err.find("diffsweep: the journal " + journal +
                      " was damaged: 300 bytes that are no record were skipped; no record was "
                      "lost; every intact record was kept, and the journal as found is in " +
                      damaged_copy_of(dir) + "\n") != std::string::npos,
             err);
}

// A journal cut short (a copy interrupted, a file system that lost its tail) ends before the
// records the published file holds: the runner notices and names what the cut dropped.
BOOST_AUTO_TEST_CASE(a_journal_cut_short_reports_exactly_the_records_it_lost) {
  // Inside a record (its start is kept, like the torn tail of a kill), and between two.
  for (const bool inside : {true, false}) {
    BOOST_TEST_CONTEXT((inside ? "cut inside a record" : "cut between records")) {
      const std::string dir = test::fresh_dir(inside ? "cli-cut-inside" : "cli-cut-between");
      const std::string out = finished_sweep(dir), journal = out + ".journal";
      const auto before = test::column(out, "value");
      const std::string bytes = test::read_text(journal);
      const auto frames = record_frames(bytes);
      const std::size_t cut = inside ? frames[100].begin + 30 : frames[150].begin;
      std::ofstream(journal, std::ios::binary) << bytes.substr(0, cut);
      const auto rows = rows_within(frames, cut, bytes.size());
      const std::size_t records_end = frames[200 - rows.size() - 1].end;
      const std::string err = resume_after_loss(dir, out, before, rows.size());
      BOOST_TEST(
          err.find("diffsweep: the journal " + journal +
                   " was cut short: its records end at byte " + std::to_string(records_end) +
                   ", but " + out + " holds them up to byte " + std::to_string(bytes.size()) +
                   "; " + dropped(rows) + "\n") != std::string::npos,
          err);
    }
  }
}

// A results file damaged on disk, cut short or with bytes overwritten: every command that reads
// it says so in one line naming the file, exit 2, and writes nothing.
BOOST_AUTO_TEST_CASE(a_damaged_results_file_is_named_by_every_reader) {
  const std::string dir = test::fresh_dir("cli-damaged-h5");
  const std::string sweep = write_sweep(dir, "s.ini", "[axes]\nx = linspace(1, 2, 200)\n");
  const std::string out = dir + "/out.h5";
  BOOST_TEST_REQUIRE(test::run_process({bin, sweep, "-o", out, "-q"}, dir).status == 0);
  const std::string whole = test::read_text(out);
  // HDF5 keeps no checksum of its B-trees in this format: the indexes of the datasets' chunks
  // ("TREE" nodes) are what a damaged block most often hits. Every one is overwritten, so the
  // first column read fails, whichever it is.
  std::string overwritten = whole;
  for (auto tree = overwritten.find("TREE"); tree != std::string::npos;
       tree = overwritten.find("TREE", tree))
    overwritten.replace(tree, 8, 8, '\x5a');
  BOOST_TEST_REQUIRE(overwritten != whole);
  const std::map<std::string, std::string> damaged = {
      {dir + "/cut.h5", whole.substr(0, whole.size() / 2)}, {dir + "/overwritten.h5", overwritten}};
  for (const auto& [path, bytes] : damaged) {
    std::ofstream(path, std::ios::binary) << bytes;
    const std::vector<std::vector<std::string>> commands = {
        {bin, "status", path},
        {bin, "status", path, "--json"},
        {bin, "export", path, "--csv", dir + "/p.csv", "--series-csv", dir + "/s.csv"},
        {bin, "merge", dir + "/merged.h5", path},
        {analyze_bin, path, "-o", dir + "/report"}};
    for (const auto& command : commands) {
      const auto r = test::run_process(command, dir);
      BOOST_TEST_CONTEXT(command[1] << " " << path << ": " << r.err) {
        BOOST_TEST(r.status == 2);
        BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        BOOST_TEST(r.err.find(": error: " + path +
                              ": cannot be read: it is damaged or cut short") != std::string::npos);
      }
    }
    for (const char* left : {"/p.csv", "/s.csv", "/merged.h5", "/merged.h5.journal", "/report"})
      BOOST_TEST(!fs::exists(dir + left), left);
  }
}

// HDF5 keeps no checksum of a column's values: a damaged value reads without error. Merge checks
// every row it takes against the sweep before it writes, so such a file is refused by name and
// leaves no output that would block the next merge.
BOOST_AUTO_TEST_CASE(merge_refuses_an_input_whose_rows_were_changed_on_disk) {
  const std::string dir = test::fresh_dir("cli-merge-changed");
  const std::string sweep = write_sweep(dir, "s.ini", "[axes]\nx = linspace(1, 2, 20)\n");
  const std::string out = dir + "/out.h5";
  BOOST_TEST_REQUIRE(test::run_process({bin, sweep, "-o", out, "-q"}, dir).status == 0);
  const std::vector<std::pair<std::string, h5::Values>> changes = {
      {"point_id", std::vector<std::uint64_t>{12345}},
      {"attempts", std::vector<std::int64_t>{std::int64_t{1} << 60}}};
  for (const auto& [column, value] : changes) {
    const std::string input = dir + "/" + column + ".h5";
    fs::copy_file(out, input);
    {
      h5::Handle f = h5::open_file_write(input);
      h5::Handle points = h5::open_group(f.get(), "points");
      h5::Handle set = h5::open_dataset(points.get(), column);
      h5::write_block(set.get(), 3, value);
    }
    const auto r = test::run_process({bin, "merge", dir + "/merged.h5", input}, dir);
    BOOST_TEST_CONTEXT(r.err) {
      BOOST_TEST(r.status == 2);
      BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1);
      BOOST_TEST(r.err.find("diffsweep: error: " + input + ": row 3: " + column) == 0u);
      BOOST_TEST(!fs::exists(dir + "/merged.h5"));
      BOOST_TEST(!fs::exists(dir + "/merged.h5.journal"));
    }
  }
}

// A kill while the journal is created or replaced leaves RESULTS.h5.journal.new-<pid>. The next
// run on the output removes it, once it holds the journal and that process is gone, and says so
// in one line; one of a process that still runs is left alone.
BOOST_AUTO_TEST_CASE(a_journal_left_half_made_by_a_killed_process_is_removed) {
  const std::string dir = test::fresh_dir("cli-leftover");
  const std::string sweep = write_sweep(dir, "s.ini", "[axes]\nx = 1, 2, 3\n");
  const std::string out = dir + "/out.h5";
  // A process that has ended: its pid names no process now.
  const pid_t gone = fork();
  if (gone == 0) _exit(0);
  BOOST_TEST_REQUIRE(test::wait_status(gone) == 0);
  const std::string leftover = out + ".journal.new-" + std::to_string(gone);
  const std::string alive = out + ".journal.new-1";  // init's: it runs as long as the machine
  for (const bool resumed : {false, true}) {
    BOOST_TEST_CONTEXT((resumed ? "a resumed run" : "a new run")) {
      test::write_text(leftover, "diffsweep-journal 3\n(half made)");
      test::write_text(alive, "diffsweep-journal 3\n");
      const auto r = test::run_process({bin, sweep, "-o", out, "-q"}, dir);
      BOOST_TEST(r.status == 0, r.err);
      BOOST_TEST(!fs::exists(leftover));
      BOOST_TEST(fs::exists(alive));
      const std::string line =
          "diffsweep: removed " + leftover +
          ", a journal left half made by a diffsweep process (pid " + std::to_string(gone) +
          ", no longer running) killed while it created or replaced " + out + ".journal\n";
      BOOST_TEST(r.err.find(line) != std::string::npos, r.err);
      // Followed by the message's comma: the ended process's pid may begin with a 1 too.
      BOOST_TEST(r.err.find(alive + ",") == std::string::npos, r.err);
    }
  }
  BOOST_TEST(test::statuses(out) == std::vector<std::string>(3, "done"),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_sweep_that_keeps_no_result_is_refused_unless_restart) {
  const std::string dir = test::fresh_dir("cli-different");
  const std::string first = write_sweep(dir, "first.ini", "[axes]\nx = 1, 2\n");
  const std::string second = write_sweep(dir, "second.ini", "[fixed]\ny = 3\n[axes]\nx = 1, 3\n");
  const std::string out = dir + "/out.h5";
  BOOST_TEST(test::run_process({bin, first, "-o", out, "-q"}, dir).status == 0);
  const std::string before = test::read_text(out);
  const std::string journal = test::read_text(out + ".journal");
  const auto refused = test::run_process({bin, second, "-o", out, "-q"}, dir);
  BOOST_TEST(refused.status == 2);
  BOOST_TEST(refused.err.find(second + ":5: key 'y': value '3': " + out +
                              " holds this sweep with y = 1 on every point") != std::string::npos,
             refused.err);
  BOOST_TEST(refused.err.find("-o NEW.h5") != std::string::npos);
  BOOST_TEST(refused.err.find("--restart") != std::string::npos);
  BOOST_TEST(std::count(refused.err.begin(), refused.err.end(), '\n') == 1);
  BOOST_TEST(test::read_text(out) == before);
  BOOST_TEST(test::read_text(out + ".journal") == journal);

  // Another sweep seed, and another experiment: refused the same way, nothing touched.
  const auto seed = test::run_process({bin, first, "sweep.seed=8", "-o", out, "-q"}, dir);
  BOOST_TEST(seed.status == 2);
  BOOST_TEST(seed.err.find("key 'sweep.seed': value '8'") != std::string::npos, seed.err);
  const std::string other = dir + "/other.ini";
  std::ofstream(other) << "[sweep]\nexperiment = feature_learning\nseed = 1\n";
  const auto experiment = test::run_process({bin, other, "-o", out, "-q"}, dir);
  BOOST_TEST(experiment.status == 2);
  BOOST_TEST(experiment.err.find("holds a sweep of experiment synthetic") != std::string::npos,
             experiment.err);
  BOOST_TEST(test::read_text(out) == before);
  BOOST_TEST(test::read_text(out + ".journal") == journal);

  const auto restarted = test::run_process({bin, second, "-o", out, "-q", "--restart"}, dir);
  BOOST_TEST(restarted.status == 0);
  std::vector<std::string> old;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind("out.h5.old-", 0) == 0) old.push_back(e.path());
  BOOST_TEST(old.size() == 1u);
  if (old.size() == 1) BOOST_TEST(test::read_text(old[0]) == before);
  BOOST_TEST(test::column(out, "x")[1] == 3.0);
  BOOST_TEST(test::column(out, "y")[1] == 3.0);
}

BOOST_AUTO_TEST_CASE(a_sweep_extends_in_place_keeping_every_finished_point) {
  const std::string dir = test::fresh_dir("cli-extend");
  // flaky: some points fail, and a failure is a result the extension keeps too.
  const std::string sweep = write_sweep(
      dir, "grow.ini", "replicates = 2\n[fixed]\nnoise = 0.3\nflaky = 0.3\n[axes]\nx = 1, 2, 3\n");
  const std::string out = dir + "/out.h5", fresh = dir + "/fresh.h5";
  BOOST_TEST(test::run_process({bin, sweep, "-o", out, "-q"}, dir).status == 0);
  const auto before = test::rows_by_id(out);
  const std::string before_copy = dir + "/before.h5";
  fs::copy_file(out, before_copy);

  // One more replicate, x = 1 dropped and x = 4 added.
  const std::vector<std::string> larger = {"sweep.replicates=3", "x=2,3,4"};
  std::vector<std::string> extend = {bin, sweep};
  extend.insert(extend.end(), larger.begin(), larger.end());
  auto dry = extend;
  for (const char* a : {"--dry-run", "-o", out.c_str()}) dry.push_back(a);
  const auto listed = test::run_process(dry, dir);
  BOOST_TEST(listed.status == 0, listed.err);
  BOOST_TEST(listed.err.find("running this one extends it in place, keeping") != std::string::npos,
             listed.err);
  BOOST_TEST(listed.out.find(" new ") != std::string::npos);
  for (const char* a : {"-o", out.c_str(), "-q"}) extend.push_back(a);
  const auto extended = test::run_process(extend, dir);
  BOOST_TEST(extended.status == 0, extended.err);
  BOOST_TEST(extended.err.find("extended " + out + " from " + sweep + " (6 points) to " + sweep +
                               " (9 points): 4 finished points kept") != std::string::npos,
             extended.err);
  std::vector<std::string> whole = {bin, sweep};
  whole.insert(whole.end(), larger.begin(), larger.end());
  for (const char* a : {"-o", fresh.c_str(), "-q"}) whole.push_back(a);
  BOOST_TEST(test::run_process(whole, dir).status == 0);

  // Every point of the larger sweep equals a fresh run of it; the finished points of the first
  // run are untouched (their wall times too), those of x = 1 kept outside the sweep.
  const auto now = test::rows_by_id(fresh);
  std::set<std::uint64_t> in_sweep, kept;
  for (const auto& [id, row] : now) in_sweep.insert(id);
  for (const auto& [id, row] : before) kept.insert(id);
  test::same_points(out, fresh, in_sweep, {"value", "seed", "replicate", "x"});
  test::same_points(out, before_copy, kept, {"value", "wall_seconds", "attempts", "x"});
  const auto flags = test::column(out, "in_sweep");
  BOOST_TEST(flags.size() == 11u);
  BOOST_TEST(std::count(flags.begin(), flags.end(), 0.0) == 2);
  BOOST_TEST(std::count(flags.begin(), flags.begin() + 9, 1.0) == 9);

  const auto status = test::run_process({bin, "status", out}, dir);
  BOOST_TEST(status.out.find("  9 points: ") != std::string::npos, status.out);
  BOOST_TEST(status.out.find("2 more points outside the current sweep") != std::string::npos,
             status.out);
  BOOST_TEST(status.out.find("extended in place from 1 earlier sweep") != std::string::npos);
  BOOST_TEST(status.out.find(sweep + " (hash ") != std::string::npos, status.out);
  const auto analysis = test::run_process({analyze_bin, out, "--no-plots"}, dir);
  BOOST_TEST(analysis.status == 0, analysis.err);
  BOOST_TEST(analysis.out.find("2 points of earlier sweeps of this file, outside the current "
                               "one, are left out") != std::string::npos,
             analysis.out);
  const auto with = test::run_process(
      {analyze_bin, out, "--no-plots", "--include-outside", "-o", dir + "/with-report"}, dir);
  BOOST_TEST(with.status == 0, with.err);
  BOOST_TEST(with.out.find("are included (--include-outside)") != std::string::npos, with.out);
  BOOST_TEST(test::read_text(dir + "/with-report/summary.csv").find(",1,") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(merging_the_shards_of_an_extended_sweep_equals_the_whole) {
  const std::string dir = test::fresh_dir("cli-extend-shards");
  const std::string sweep =
      write_sweep(dir, "s.ini", "replicates = 2\n[fixed]\nnoise = 0.3\n[axes]\nx = 1, 2, 3, 4\n");
  const std::vector<std::string> larger = {"sweep.replicates=3", "x=1,2,3,4,5"};
  std::vector<std::string> shards;
  for (const std::string k : {"1", "2"}) {
    const std::string shard = dir + "/shard" + k + ".h5";
    shards.push_back(shard);
    BOOST_TEST(
        test::run_process({bin, sweep, "--shard", k + "/2", "-o", shard, "-q"}, dir).status == 0);
    std::vector<std::string> extend = {bin,      sweep, larger[0], larger[1], "--shard",
                                       k + "/2", "-o",  shard,     "-q"};
    const auto r = test::run_process(extend, dir);
    BOOST_TEST(r.status == 0, r.err);
    BOOST_TEST(r.err.find("extended " + shard) != std::string::npos, r.err);
  }
  const std::string merged = dir + "/merged.h5", whole = dir + "/whole.h5";
  const auto m = test::run_process({bin, "merge", merged, shards[0], shards[1]}, dir);
  BOOST_TEST(m.status == 0, m.err);
  BOOST_TEST(m.out.find("15 points, 15 done") != std::string::npos, m.out);
  BOOST_TEST(test::run_process({bin, sweep, larger[0], larger[1], "-o", whole, "-q"}, dir).status ==
             0);
  std::set<std::uint64_t> ids;
  for (const auto& [id, row] : test::rows_by_id(whole)) ids.insert(id);
  test::same_points(merged, whole, ids, {"value", "seed", "x", "replicate"});
}

BOOST_AUTO_TEST_CASE(list_describe_and_dry_run) {
  const std::string dir = test::fresh_dir("cli-docs");
  const auto list = test::run_process({bin, "--list-experiments"}, dir);
  BOOST_TEST(list.status == 0);
  BOOST_TEST(list.out.find("synthetic") != std::string::npos);
  const auto describe = test::run_process({bin, "--describe", "synthetic"}, dir);
  BOOST_TEST(describe.status == 0);
  for (const char* p :
       {"x", "y", "exponent", "noise", "sleep_ms", "throw_above", "nan_above", "value"})
    BOOST_TEST(describe.out.find(std::string("\n  ") + p + " ") != std::string::npos);
  const std::string sweep = write_sweep(dir, "dry.ini", "replicates = 2\n[axes]\nx = 1, 2, 3\n");
  const auto dry = test::run_process({bin, sweep, "--dry-run", "-o", dir + "/out.h5"}, dir);
  BOOST_TEST(dry.status == 0);
  BOOST_TEST(dry.out.find("6 points") == 0u);
  BOOST_TEST(!fs::exists(dir + "/out.h5"));
}

BOOST_AUTO_TEST_CASE(the_readme_run_command_works) {
  // The README's first command, less its `./setup.sh &&` (the suite runs after setup), run in a
  // scratch directory that sees this build and the shipped sweeps.
  const std::string readme = test::read_text(source_dir + "/README.md");
  std::smatch m;
  BOOST_REQUIRE(
      std::regex_search(readme, m, std::regex("```\\n\\./setup\\.sh && ([^\\n]+)\\n```")));
  const std::string command = m[1];
  const std::string dir = test::fresh_dir("cli-readme");
  fs::create_directory_symlink(fs::path(bin).parent_path().parent_path(), dir + "/build");
  fs::create_directory_symlink(source_dir + "/sweeps", dir + "/sweeps");
  // diffsweep-analyze is built beside diffsweep: the README's command uses both.
  const auto r = test::run_process({"bash", "-c", "cd " + dir + " && " + command}, dir);
  BOOST_TEST_CONTEXT(command << "\n" << r.err) {
    BOOST_TEST(r.status == 0);
    BOOST_TEST(r.out.find("results: results/quick.h5") != std::string::npos);
    BOOST_TEST(r.out.find("median over replicates") != std::string::npos);
    // The analysis's verdicts on the default sweep: the paper's two predictions, each determined
    // with its interval.
    BOOST_TEST(r.out.find("diffusion: R grows as a power of n*SNR^2: slope ") != std::string::npos);
    BOOST_TEST(r.out.find("classification: R crosses 1 at n*SNR^2 = ") != std::string::npos);
    BOOST_TEST(r.out.find("a sharp transition (the interval is below 1 decade)") !=
               std::string::npos);
    BOOST_TEST(r.out.find("5 replicates per point") != std::string::npos);
    BOOST_TEST(r.out.find("undetermined") == std::string::npos);
  }
  const auto s = test::statuses(dir + "/results/quick.h5");
  BOOST_TEST(std::count(s.begin(), s.end(), "done") == static_cast<long>(s.size()));
}
