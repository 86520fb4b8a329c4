// External experiments end to end: the diffsweep binary running tests/external's programs and
// examples/external's NumPy experiment, in one process and under the launcher of the MPI
// library the build uses. Each way a program can misbehave costs the point it happened on, with
// one line naming the point and the program.
#define BOOST_TEST_MODULE external
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <set>
#include <thread>

#include "results_io/hdf5.hpp"
#include "results_io/results_format.hpp"
#include "tests/support/gate.hpp"
#include "tests/support/mpi_ranks.hpp"
#include "tests/support/results_checks.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;
namespace fs = std::filesystem;

namespace {

const std::string bin = DIFFSWEEP_BIN;
const std::string analyze_bin = ANALYZE_BIN;
const std::string programs = std::string(DIFFSWEEP_SOURCE_DIR) + "/tests/external";
const std::string examples = std::string(DIFFSWEEP_SOURCE_DIR) + "/examples/external";

std::vector<std::string> mpirun(int ranks, const std::vector<std::string>& args) {
  return test::mpirun(bin, ranks, args);
}

// A sweep of tests/external/test_program.py, copied beside the sweep file: the command names it
// relative to the sweep file's directory, which is the program's working directory.
std::string write_sweep(const std::string& dir, const std::string& body) {
  fs::copy_file(programs + "/test_program.py", dir + "/test_program.py",
                fs::copy_options::overwrite_existing);
  const std::string path = dir + "/sweep.ini";
  test::write_text(path,
                   "[sweep]\nexperiment = external\ncommand = /usr/bin/python3 test_program.py\n"
                   "seed = 11\n" +
                       body);
  return path;
}

// Row `row`'s values of series `name`.
std::vector<double> series(const std::string& h5_path, const std::string& name, std::size_t row) {
  h5::Handle f = h5::open_file_read(h5_path);
  h5::Handle s = h5::open_group(f.get(), "series/" + name);
  const auto values = h5::read_doubles(s.get(), "values");
  const auto start = h5::read_doubles(s.get(), "start");
  const auto length = h5::read_doubles(s.get(), "length");
  const auto first = values.begin() + static_cast<std::ptrdiff_t>(start[row]);
  return {first, first + static_cast<std::ptrdiff_t>(length[row])};
}

// Processes whose working directory is `dir`: programs a sweep there started and left running.
int programs_running_in(const std::string& dir) {
  int count = 0;
  for (const auto& e : fs::directory_iterator("/proc")) {
    std::error_code error;
    const auto cwd = fs::read_symlink(e.path() / "cwd", error);
    count += !error && cwd == fs::path(dir);
  }
  return count;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_program_declares_itself_and_runs_every_point_started_once) {
  const std::string dir = test::fresh_dir("external-run");
  const std::string sweep = write_sweep(
      dir, "replicates = 2\n[fixed]\nsteps = 4\n[axes]\nx = 1, 2.5, 4\nmode = plain, squared\n");
  // Run from elsewhere: the program must still find itself beside the sweep file.
  const auto described = test::run_process({bin, "--describe", sweep}, "/tmp");
  BOOST_TEST(described.status == 0, described.err);
  BOOST_TEST(has(described.out, "external: tests' program: y = 2 x + noise"), described.out);
  BOOST_TEST(has(described.out, "choice   default plain"), described.out);
  BOOST_TEST(has(described.out, "series:\n  trace"), described.out);
  BOOST_TEST(has(described.out, "2 x + noise (m)"), described.out);
  const auto dry = test::run_process({bin, sweep, "--dry-run"}, "/tmp");
  BOOST_TEST(dry.status == 0, dry.err);
  BOOST_TEST(has(dry.out, "12 points of experiment external"), dry.out);

  const std::string out = dir + "/out.h5";
  const auto r = test::run_process({bin, sweep, "-o", out, "-q"}, "/tmp");
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(has(r.out, "12 done"), r.out);
  const auto x = test::column(out, "x"), y = test::column(out, "y"), pid = test::column(out, "pid"),
             fds = test::column(out, "fds");
  const auto mode = test::texts(out, "mode");
  BOOST_REQUIRE(y.size() == 12u);
  for (std::size_t i = 0; i < y.size(); ++i) BOOST_TEST_CONTEXT("row " << i) {
      BOOST_TEST(y[i] == (mode[i] == "plain" ? 2 * x[i] : x[i] * x[i]));
      const auto trace = series(out, "trace", i);
      BOOST_TEST(trace == (std::vector<double>{y[i], y[i] / 2, y[i] / 3, y[i] / 4}),
                 boost::test_tools::per_element());
      BOOST_TEST(pid[i] == pid[0]);  // one program for every point
      BOOST_TEST(fds[i] == 3.0);     // its three streams, none of diffsweep's descriptors
    }
  // The file records the metric's declared units, as a built-in experiment's.
  h5::Handle f = h5::open_file_read(out);
  BOOST_TEST(h5::read_string_attribute(f.get(), "experiment") == "external");
}

BOOST_AUTO_TEST_CASE(seeds_reach_the_program_and_its_results_resume_exactly) {
  const std::string dir = test::fresh_dir("external-seeds");
  const std::string sweep =
      write_sweep(dir, "replicates = 3\n[fixed]\nnoise = 1\n[axes]\nx = 1, 2, 3\n");
  BOOST_TEST(test::run_process({bin, sweep, "-o", dir + "/a.h5", "-q"}, dir).status == 0);
  // Half the points, then the rest: the same values, point by point.
  BOOST_TEST(
      test::run_process({bin, sweep, "-o", dir + "/b.h5", "-q", "--only", "0-4"}, dir).status == 0);
  BOOST_TEST(test::run_process({bin, sweep, "-o", dir + "/b.h5", "-q"}, dir).status == 0);
  const auto a = test::column(dir + "/a.h5", "y"), b = test::column(dir + "/b.h5", "y");
  BOOST_TEST(a == b, boost::test_tools::per_element());
  const std::set<double> distinct(a.begin(), a.end());
  BOOST_TEST(distinct.size() == a.size());  // every point its own seed, so its own noise
  BOOST_TEST(std::abs(a[0] - 2) < 5);
}

BOOST_AUTO_TEST_CASE(
    each_misbehaviour_fails_its_point_alone_with_one_line_naming_point_and_program) {
  const std::string dir = test::fresh_dir("external-bad");
  // A short timeout against a point that sleeps forever: the outcome does not depend on timing.
  const std::string sweep = write_sweep(
      dir,
      "timeout = 3\n[fixed]\nhang_at = 2\ngarbage_at = 3\nnoise_at = 4\ncrash_at = 5\n"
      "error_at = 6\nnan_at = 7\nundeclared_at = 8\n[axes]\nx = 1, 2, 3, 4, 5, 6, 7, 8, 9\n");
  const std::string out = dir + "/out.h5";
  const auto r = test::run_process({bin, sweep, "-o", out, "-q"}, dir);
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(has(r.out, "2 done, 6 failed, 1 diverged"), r.out);
  const auto status = test::texts(out, "status"), error = test::texts(out, "error");
  const auto ids = test::rows_by_id(out);
  std::vector<std::string> id(status.size());
  for (const auto& [point_id, row] : ids) id[row] = results::hex_id(point_id);
  const std::vector<std::string> want = {"done",   "failed",   "failed", "failed", "failed",
                                         "failed", "diverged", "failed", "done"};
  BOOST_TEST(status == want, boost::test_tools::per_element());
  const std::string program = "external program '/usr/bin/python3 test_program.py' (pid ";
  const std::vector<std::string> what = {
      "did not answer within the timeout of 3 s (sweep.timeout); its last lines on standard "
      "error: declared | point " +
          id[0] + " x=1.0 | point " + id[1] + " x=2.0",
      "answered out of protocol (print to standard error, not standard output): reply is not a "
      "JSON object: 'Traceback? no: garbage'",
      "reply is not a JSON object: 'epoch 1 loss 0.25'",
      "exited with status 3 before it answered; its last lines on standard error: declared | "
      "point " +
          id[4] + " x=5.0 | about to crash",
      "' reported an error: x = 6.0 is not allowed here"};
  for (std::size_t k = 0; k < what.size(); ++k) BOOST_TEST_CONTEXT("x = " << k + 2) {
      const std::string& e = error[k + 1];
      BOOST_TEST(e.rfind("point " + id[k + 1] + ": external program '", 0) == 0, e);
      if (k != 4) BOOST_TEST(has(e, program), e);
      BOOST_TEST(has(e, what[k]), e);
      BOOST_TEST(!has(e, "\n"));
    }
  BOOST_TEST(error[7] == "point " + id[7] +
                             ": external program '/usr/bin/python3 test_program.py' returned "
                             "undeclared metric 'z'");
  // The program was started afresh after each point it failed on (not after its own error).
  const auto pid = test::column(out, "pid");
  BOOST_TEST(pid[0] != pid[8]);
  // The programs it killed, and the last one, are gone: reaped, none left running.
  BOOST_TEST(programs_running_in(dir) == 0);
  // Every point is in the file and the journal; `status` lists the failures with the messages.
  BOOST_TEST(test::journal_points(out + ".journal") == 9u);
  const auto st = test::run_process({bin, "status", out}, dir);
  BOOST_TEST(has(st.out, "did not answer within the timeout of 3 s"), st.out);
}

BOOST_AUTO_TEST_CASE(a_program_that_does_not_declare_itself_is_one_line_exit_2_and_writes_nothing) {
  const std::string dir = test::fresh_dir("external-handshake");
  const auto refused = [&](const std::string& body, const std::string& expected) {
    const std::string sweep = dir + "/sweep.ini";
    test::write_text(sweep, "[sweep]\nseed = 1\n" + body);
    const auto r = test::run_process({bin, sweep, "-o", dir + "/out.h5", "-q"}, dir);
    BOOST_TEST_CONTEXT(body) {
      BOOST_TEST(r.status == 2);
      BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1, r.err);
      BOOST_TEST(has(r.err, expected), r.err);
      BOOST_TEST(!fs::exists(dir + "/out.h5"));
      BOOST_TEST(!fs::exists(dir + "/out.h5.journal"));
    }
  };
  refused("experiment = external\ncommand = " + programs + "/exits_at_handshake.sh\n",
          "key 'sweep.command': value '" + programs.substr(0, 10));
  refused("experiment = external\ncommand = " + programs + "/exits_at_handshake.sh\n",
          "exited with status 1 before it declared its parameters; its last lines on standard "
          "error: ImportError: no module named torch");
  refused("experiment = external\ncommand = " + programs + "/garbage_declaration.sh\n",
          "made no declaration: declaration is not a JSON object: 'Welcome to my trainer v2'");
  refused("experiment = external\ncommand = no-such-program-here\n",
          "exited with status 127 before it declared its parameters; its last lines on standard "
          "error: /bin/sh: 1: no-such-program-here: not found");
  refused("experiment = external\ncommand = exec sleep 1000\ndeclare_timeout = 1\n",
          "declared nothing within the timeout of 1 s (sweep.declare_timeout; is its declaration "
          "flushed?); it wrote nothing on standard error");
  refused("experiment = external\n", "key 'sweep.command': value '': missing");
  refused("experiment = synthetic\ncommand = true\n",
          "key 'sweep.command': value 'true': only for experiment = external");
  refused("experiment = external\ncommand = true\ntimeout = 0\n",
          "key 'sweep.timeout': value '0': not a number of seconds above 0");
}

BOOST_AUTO_TEST_CASE(a_declaration_slower_than_the_points_timeout_is_waited_for) {
  const std::string dir = test::fresh_dir("external-slow-start");
  fs::copy_file(programs + "/test_program.py", dir + "/test_program.py");
  // The program starts for longer than a point may take: its own timeout bounds the declaration.
  test::write_text(dir + "/sweep.ini",
                   "[sweep]\nexperiment = external\nseed = 1\ntimeout = 1\n"
                   "command = /usr/bin/python3 test_program.py --declare-after 2\n"
                   "[axes]\nx = 1, 2\n");
  const auto r = test::run_process({bin, dir + "/sweep.ini", "-o", dir + "/out.h5", "-q"}, dir);
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(has(r.out, "2 done"), r.out);
}

BOOST_AUTO_TEST_CASE(under_mpirun_each_worker_keeps_one_program_and_the_results_are_the_same) {
  const std::string dir = test::fresh_dir("external-mpi");
  const std::string sweep =
      write_sweep(dir,
                  "replicates = 4\ntimeout = 3\n[fixed]\nnoise = 1\ncrash_at = 3\nhang_at = 5\n"
                  "[axes]\nx = linspace(1, 6, 6)\n");
  const std::string one = dir + "/one.h5", three = dir + "/three.h5";
  BOOST_TEST(test::run_process({bin, sweep, "-o", one, "-q"}, dir).status == 0);
  const auto r = test::run_process(mpirun(3, {sweep, "-o", three, "-q"}), dir);
  BOOST_TEST(r.status == 0, r.err);
  const auto y1 = test::column(one, "y"), y3 = test::column(three, "y");
  BOOST_REQUIRE(y1.size() == y3.size());
  for (std::size_t i = 0; i < y1.size(); ++i)
    BOOST_TEST((y1[i] == y3[i] || (std::isnan(y1[i]) && std::isnan(y3[i]))), "row " << i);
  BOOST_TEST(test::texts(one, "status") == test::texts(three, "status"),
             boost::test_tools::per_element());
  const auto status = test::texts(three, "status");
  BOOST_TEST(std::count(status.begin(), status.end(), "failed") == 8);
  // Two workers, each with its program, started again only after the points it failed on.
  const auto pid = test::column(three, "pid");
  std::set<double> pids;
  for (std::size_t i = 0; i < pid.size(); ++i)
    if (status[i] == "done") pids.insert(pid[i]);
  BOOST_TEST(pids.size() >= 2u);
  BOOST_TEST(pids.size() <= 2u + 8u);
}

BOOST_AUTO_TEST_CASE(
    the_numpy_example_refines_survives_a_sigkill_under_mpirun_and_resumes_exactly) {
  // The example behind tests/external's gate: each program answers 4 points, then holds the
  // next until `go` exists, so the kill below always finds the sweep unfinished.
  const std::string dir = test::fresh_dir("external-example");
  for (const std::string& run_dir : {dir + "/plain", dir + "/killed"}) {
    fs::create_directories(run_dir);
    fs::copy_file(examples + "/two_patch_classifier.py", run_dir + "/two_patch_classifier.py");
    std::string ini = test::read_text(examples + "/two_patch_transition.ini");
    const std::string command = "command = /usr/bin/python3 two_patch_classifier.py";
    BOOST_REQUIRE(ini.find(command) != std::string::npos);
    ini.replace(ini.find(command), command.size(),
                "command = exec /usr/bin/python3 gate_proxy.py 4 0 /usr/bin/python3 "
                "two_patch_classifier.py");
    test::write_text(run_dir + "/two_patch_transition.ini", ini);
    fs::copy_file(programs + "/gate_proxy.py", run_dir + "/gate_proxy.py");
  }
  test::write_text(dir + "/plain/go", "");
  // The example's own sweep, made small: a quick training and three draws.
  const auto run = [&](const std::string& run_dir, std::vector<std::string> args) {
    args.insert(args.begin(),
                {run_dir + "/two_patch_transition.ini", "d=40", "iters=150", "sweep.replicates=3"});
    args.insert(args.end(), "-q");
    return args;
  };
  const std::string plain = dir + "/plain/out.h5", out = dir + "/killed/out.h5";
  auto args = run(dir + "/plain", {"-o", plain});
  args.insert(args.begin(), bin);
  const auto uninterrupted = test::run_process(args, dir);
  BOOST_TEST_REQUIRE(uninterrupted.status == 0, uninterrupted.err);
  const auto plain_status = test::texts(plain, "status");
  const auto done = std::count(plain_status.begin(), plain_status.end(), "done");
  BOOST_TEST(done > 15);  // more than the first round: the search placed points in rounds

  const pid_t job =
      test::spawn(mpirun(3, run(dir + "/killed", {"-o", out})), dir + "/1.out", dir + "/1.err");
  pid_t worker = -1;
  // Polled without a deadline that a slow machine could miss: ctest's timeout ends a hang.
  while (worker < 0 || !test::held(dir + "/killed")) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (worker < 0) worker = test::find_rank(1, out);
  }
  kill(worker, SIGKILL);
  BOOST_TEST(test::wait_status(job) != 0);
  test::write_text(dir + "/killed/go", "");
  const auto killed_status = test::texts(out, "status");
  BOOST_TEST(std::count(killed_status.begin(), killed_status.end(), "done") < done);
  const auto resumed = test::run_process(mpirun(2, run(dir + "/killed", {"-o", out})), dir);
  BOOST_TEST_REQUIRE(resumed.status == 0, resumed.err);
  std::set<std::uint64_t> ids;
  for (const auto& [id, row] : test::rows_by_id(plain)) ids.insert(id);
  test::same_points(out, plain, ids, {"nsnr2", "R", "test_acc", "steps", "seed"});
  BOOST_TEST(test::journal_points(out + ".journal") == static_cast<std::size_t>(done));

  const auto report = test::run_process({analyze_bin, out, "-o", dir + "/report"}, dir);
  BOOST_TEST_REQUIRE(report.status == 0, report.err);
  BOOST_TEST(has(report.out, "no theory checks exist for experiment 'external'"), report.out);
  BOOST_TEST(has(report.out, "refine all points: R = 1 is crossed at nsnr2 in ["), report.out);
  BOOST_TEST(fs::exists(dir + "/report/report.md"));
}
