// Real MPI runs, with the launcher of the MPI library the build uses (mpirun.openmpi,
// oversubscribed, or mpiexec.mpich): more ranks than the machine's cores. Run by
// e2e/test_mpi_nodes.sh, the same suite spreads the ranks over simulated nodes
// (e2e/multinode/up.sh): DIFFSWEEP_TEST_NODE_FLAGS holds the launcher options that do it, and
// the cases that need several nodes (a node's daemon killed, data missing on one node) run too.
#define BOOST_TEST_MODULE mpi
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>
#include <thread>

#include "common/errors.hpp"
#include "results_io/hdf5.hpp"
#include "runner/store/journal.hpp"
#include "tests/support/mpi_ranks.hpp"
#include "tests/support/results_checks.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;
namespace fs = std::filesystem;

namespace {

const std::string bin = DIFFSWEEP_BIN;

// The launcher and flags the build found with its MPI library (tests/CMakeLists.txt).
std::vector<std::string> split_flags(const std::string& flags) {
  std::vector<std::string> out;
  std::istringstream in(flags);
  for (std::string f; in >> f;) out.push_back(f);
  return out;
}

std::vector<std::string> launch(const std::string& launcher, const std::string& flags, int ranks,
                                const std::vector<std::string>& args) {
  std::vector<std::string> c = {launcher};
  for (const auto& f : split_flags(flags)) c.push_back(f);
  c.insert(c.end(), {"-n", std::to_string(ranks), bin});
  c.insert(c.end(), args.begin(), args.end());
  return c;
}

const bool launcher_is_openmpi = DIFFSWEEP_MPI_IS_OPENMPI;

std::string env_or_empty(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

// Empty when the suite runs on this host alone.
const std::string node_flags = env_or_empty("DIFFSWEEP_TEST_NODE_FLAGS");
const bool on_nodes = !node_flags.empty();

// Ranks over the simulated nodes when the suite runs there, else on this host.
std::vector<std::string> mpirun(int ranks, const std::vector<std::string>& args) {
  return launch(DIFFSWEEP_MPIEXEC, std::string(DIFFSWEEP_MPIEXEC_FLAGS) + " " + node_flags, ranks,
                args);
}

// Every rank on this host, whatever the suite's mode.
std::vector<std::string> mpirun_here(int ranks, const std::vector<std::string>& args) {
  return launch(DIFFSWEEP_MPIEXEC, DIFFSWEEP_MPIEXEC_FLAGS, ranks, args);
}

struct NodesOnly {
  boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
    boost::test_tools::assertion_result r(on_nodes);
    r.message() << "needs simulated nodes (run by e2e/test_mpi_nodes.sh)";
    return r;
  }
};

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string item; std::getline(in, item, ',');) out.push_back(item);
  return out;
}

std::string write_sweep(const std::string& dir, const std::string& body) {
  const std::string path = dir + "/sweep.ini";
  test::write_text(path, "[sweep]\nexperiment = synthetic\nseed = 21\n" + body);
  return path;
}

struct Table {
  std::map<std::string, std::vector<double>> numbers;
  std::map<std::string, std::vector<std::string>> strings;
};

Table read_points(const std::string& path) {
  h5::Handle f = h5::open_file_read(path);
  h5::Handle points = h5::open_group(f.get(), "points");
  Table t;
  for (const auto& name : h5::children(points.get())) {
    if (h5::is_string_dataset(points.get(), name))
      t.strings[name] = h5::read_strings(points.get(), name);
    else
      t.numbers[name] = h5::read_doubles(points.get(), name);
  }
  return t;
}

// Every column but who ran a point, where, and how long it took must be bit-identical.
void expect_same_results(const Table& a, const Table& b) {
  for (const auto& [name, col] : a.strings)
    if (name != "host") BOOST_TEST(col == b.strings.at(name), name);
  for (const auto& [name, col] : a.numbers) {
    if (name == "worker" || name == "wall_seconds") continue;
    const auto& other = b.numbers.at(name);
    BOOST_REQUIRE(col.size() == other.size());
    for (std::size_t i = 0; i < col.size(); ++i) BOOST_TEST_CONTEXT(name << "[" << i << "]") {
        BOOST_TEST((col[i] == other[i] || (std::isnan(col[i]) && std::isnan(other[i]))));
      }
  }
}

std::size_t done_count(const std::string& path) {
  const auto s = read_points(path).strings.at("status");
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), "done"));
}

// Signals go to the launcher once the workers run points: a loaded machine starts the ranks
// late, and a signal the launcher gets before it started them reaches nobody.
void wait_for_first_point(const std::string& out) {
  for (int i = 0; i < 200 && !(fs::exists(out) && done_count(out) > 0); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

// The points a killed job's journal holds. Its launcher may end before rank 0 does (MPICH's,
// when a node dies), and rank 0 holds the journal's lock until it ends: wait for it, 20 s at most.
std::size_t points_kept(const std::string& out) {
  for (int i = 0; i < 400; ++i) {
    try {
      return test::journal_points(out + ".journal");
    } catch (const InputError&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  return test::journal_points(out + ".journal");
}

// Runs `sweep` under mpirun -n 3 into `out`, SIGKILLs worker rank 1 once the journal holds
// `done` finished points, and returns how many it holds after the job died (MPI's contract: the
// job dies with the rank, so the launcher's status is not 0).
std::size_t kill_worker_after(const std::string& dir, const std::string& sweep,
                              const std::string& out, std::int64_t done) {
  const pid_t job =
      test::spawn(mpirun(3, {sweep, "-o", out, "-q"}), dir + "/1.out", dir + "/1.err");
  const pid_t worker = test::rank_after_points(1, out, done);
  BOOST_REQUIRE(worker > 0);
  kill(worker, SIGKILL);
  BOOST_TEST(test::wait_status(job) != 0);
  return points_kept(out);
}

const std::string mixed_sweep =
    "replicates = 2\n[fixed]\nthrow_above = 7\nnan_above = 5\nnoise = 0.5\n"
    "[axes]\nx = linspace(1, 9, 9)\nsleep_ms = 0, 15\n";

}  // namespace

BOOST_AUTO_TEST_CASE(results_are_bit_identical_for_1_2_3_and_5_ranks) {
  const std::string dir = test::fresh_dir("mpi-identical");
  const std::string sweep = write_sweep(dir, mixed_sweep);
  BOOST_REQUIRE(test::run_process({bin, sweep, "-o", dir + "/plain.h5", "-q"}, dir).status == 0);
  const Table plain = read_points(dir + "/plain.h5");
  BOOST_TEST(std::count(plain.strings.at("status").begin(), plain.strings.at("status").end(),
                        "failed") == 8);
  for (int n : {1, 2, 3, 5}) {
    BOOST_TEST_CONTEXT("ranks " << n) {
      const std::string out = dir + "/n" + std::to_string(n) + ".h5";
      const auto r = test::run_process(mpirun(n, {sweep, "-o", out, "-q"}), dir);
      BOOST_TEST(r.status == 0);
      BOOST_TEST(r.out.find("8 failed, 8 diverged") != std::string::npos);
      const Table t = read_points(out);
      expect_same_results(plain, t);
      std::set<double> workers(t.numbers.at("worker").begin(), t.numbers.at("worker").end());
      if (n == 1) BOOST_TEST(workers == std::set<double>{0});
      if (n == 3) BOOST_TEST(workers == (std::set<double>{1, 2}));
      h5::Handle f = h5::open_file_read(out);
      BOOST_TEST(h5::read_int_attribute(f.get(), "ranks") == n);
      // Every point names the host of the rank that ran it, as the file's per-rank list has it.
      const auto rank_hosts = split_commas(h5::read_string_attribute(f.get(), "rank_hosts"));
      BOOST_REQUIRE(rank_hosts.size() == static_cast<std::size_t>(n));
      const auto& hosts = t.strings.at("host");
      for (std::size_t i = 0; i < hosts.size(); ++i)
        BOOST_TEST(hosts[i] == rank_hosts.at(static_cast<std::size_t>(t.numbers.at("worker")[i])));
      const std::set<std::string> distinct(rank_hosts.begin(), rank_hosts.end());
      BOOST_TEST(distinct.size() == (on_nodes && n > 1 ? 2u : 1u));
      if (on_nodes && n > 1) BOOST_TEST((distinct == std::set<std::string>{"node1", "node2"}));
      BOOST_TEST(h5::read_string_attribute(f.get(), "launcher") ==
                 (launcher_is_openmpi ? "mpirun" : "mpiexec"));
    }
  }
}

BOOST_AUTO_TEST_CASE(feature_learning_results_are_bit_identical_for_1_2_3_and_5_ranks) {
  const std::string dir = test::fresh_dir("mpi-fl");
  const std::string sweep = dir + "/fl.ini";
  test::write_text(sweep,
                   "[sweep]\nexperiment = feature_learning\nseed = 3\nreplicates = 2\n"
                   "[fixed]\nd = 60\nn = 12\niters = 400\nlog_every = 100\nn_test = 50\n"
                   "[axes]\nmodel = diffusion, classification\nnsnr2 = 0.5, 8\n");
  BOOST_REQUIRE(test::run_process({bin, sweep, "-o", dir + "/plain.h5", "-q"}, dir).status == 0);
  const Table plain = read_points(dir + "/plain.h5");
  BOOST_TEST(std::count(plain.strings.at("status").begin(), plain.strings.at("status").end(),
                        "done") == 8);
  for (int n : {1, 2, 3, 5}) {
    BOOST_TEST_CONTEXT("ranks " << n) {
      const std::string out = dir + "/n" + std::to_string(n) + ".h5";
      BOOST_TEST(test::run_process(mpirun(n, {sweep, "-o", out, "-q"}), dir).status == 0);
      expect_same_results(plain, read_points(out));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_coordinator_sleeps_while_it_waits) {
  const std::string dir = test::fresh_dir("mpi-cpu");
  const std::string sweep =
      write_sweep(dir, "[fixed]\nsleep_ms = 100\n[axes]\nx = linspace(1, 30, 30)\n");
  const auto start = std::chrono::steady_clock::now();
  BOOST_REQUIRE(test::run_process(mpirun(3, {sweep, "-o", dir + "/cpu.h5", "-q"}), dir).status ==
                0);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  h5::Handle f = h5::open_file_read(dir + "/cpu.h5");
  const double cpu = h5::read_double_attribute(f.get(), "writer_cpu_seconds");
  BOOST_TEST_MESSAGE("coordinator CPU " << cpu << " s over a " << wall << " s run");
  BOOST_TEST(wall > 1.4);  // 30 points of 0.1 s on 2 workers
  // A coordinator spinning in a blocking receive would use about the whole wall time.
  BOOST_TEST(cpu < 0.25 * wall);
}

BOOST_AUTO_TEST_CASE(sigkill_of_a_worker_then_resume_with_another_rank_count) {
  const std::string dir = test::fresh_dir("mpi-kill");
  const std::string sweep =
      write_sweep(dir, "[fixed]\nsleep_ms = 60\n[axes]\nx = linspace(1, 40, 40)\n");
  const std::string out = dir + "/kill.h5";
  const std::size_t before = kill_worker_after(dir, sweep, out, 6);
  BOOST_TEST(before >= 6u);
  BOOST_TEST(before < 40u);

  const auto resumed = test::run_process(mpirun(2, {sweep, "-o", out, "-q"}), dir);
  BOOST_TEST(resumed.status == 0);
  BOOST_TEST(resumed.err.find("resuming") != std::string::npos);
  BOOST_TEST(done_count(out) == 40u);
  BOOST_TEST(test::journal_points(out + ".journal") == 40u);
}

BOOST_AUTO_TEST_CASE(sigterm_to_mpirun_ends_cleanly_and_resumes) {
  const std::string dir = test::fresh_dir("mpi-term");
  const std::string sweep =
      write_sweep(dir, "[fixed]\nsleep_ms = 200\n[axes]\nx = linspace(1, 60, 60)\n");
  const std::string out = dir + "/term.h5";
  // mpirun passes SIGTERM on to the ranks after odls_base_sigkill_timeout seconds (default 1)
  // and SIGKILLs them as long after that: time enough to collect 0.2 s points.
  const pid_t job =
      test::spawn(mpirun(3, {sweep, "-o", out, "-q"}), dir + "/1.out", dir + "/1.err");
  wait_for_first_point(out);
  kill(job, SIGTERM);
  // Open MPI's mpirun exits 1 for a job it signalled; MPICH's mpiexec forwards SIGTERM to the
  // ranks and exits 0 whatever rank 0 returned, so there the message and the file tell.
  const int status = test::wait_status(job);
  if (launcher_is_openmpi) BOOST_TEST(status != 0);
  const std::string err = test::read_text(dir + "/1.err");
  BOOST_TEST(err.find("run the same command again to resume") != std::string::npos, err);
  // The line that announces the stop gives the count: it is the last if mpirun's SIGKILL comes
  // before rank 0 ends.
  BOOST_TEST(err.find("diffsweep: stopping: ") != std::string::npos, err);
  BOOST_TEST(err.find(" of 60 points finished; no new points") != std::string::npos, err);
  const Table t = read_points(out);
  const auto& s = t.strings.at("status");
  // The file written when the stop was announced shows the running points pending, so none is
  // shown running even if mpirun's SIGKILL came before the last snapshot.
  BOOST_TEST(std::count(s.begin(), s.end(), "running") == 0);
  const std::size_t finished = done_count(out);
  BOOST_TEST(finished > 0u);
  BOOST_TEST(finished < 60u);
  // A point may finish between that snapshot and the SIGKILL: the journal has it, the file
  // not yet (the resume brings it in).
  BOOST_TEST(test::journal_points(out + ".journal") >= finished);

  const auto resumed = test::run_process(mpirun(2, {sweep, "-o", out, "-q"}), dir);
  BOOST_TEST(resumed.status == 0);
  BOOST_TEST(done_count(out) == 60u);
  BOOST_TEST(test::journal_points(out + ".journal") == 60u);
}

BOOST_AUTO_TEST_CASE(sigusr1_to_mpirun_stops_every_rank_at_once_with_status_3) {
  const std::string dir = test::fresh_dir("mpi-usr1");
  // 30 s of points on 2 workers: a run that did not stop would finish them all.
  const std::string sweep =
      write_sweep(dir, "[fixed]\nsleep_ms = 1000\n[axes]\nx = linspace(1, 60, 60)\n");
  const std::string out = dir + "/usr1.h5";
  // mpirun holds SIGTERM back for odls_base_sigkill_timeout seconds, then SIGKILLs as long
  // after; SIGUSR1 it passes on to every rank at once, and kills nothing.
  const std::vector<std::string> args = mpirun(3, {sweep, "-o", out, "-q"});
  const pid_t job = test::spawn(args, dir + "/1.out", dir + "/1.err");
  wait_for_first_point(out);
  kill(job, SIGUSR1);
  const int status = test::wait_status(job);
  if (launcher_is_openmpi) BOOST_TEST(status == 3);  // MPICH's mpiexec: 0, as for SIGTERM
  // A stop asked for is said as one, with the final count, not as an error.
  const std::string err = test::read_text(dir + "/1.err");
  BOOST_TEST(err.find("diffsweep: interrupted: ") != std::string::npos, err);
  BOOST_TEST(err.find(" of 60 points are in ") != std::string::npos, err);
  BOOST_TEST(err.find("error") == std::string::npos, err);
  const std::size_t finished = done_count(out);
  BOOST_TEST(finished > 0u);
  BOOST_TEST(finished < 60u);
  const Table t = read_points(out);
  const auto& s = t.strings.at("status");
  BOOST_TEST(std::count(s.begin(), s.end(), "running") == 0);
  const auto resumed = test::run_process(mpirun(2, {sweep, "-o", out, "-q"}), dir);
  BOOST_TEST(resumed.status == 0);
  BOOST_TEST(done_count(out) == 60u);
}

// The parent of a rank is its node's daemon (Open MPI's orted, MPICH's hydra_pmi_proxy).
pid_t parent_of(pid_t pid) {
  std::istringstream status(test::read_text("/proc/" + std::to_string(pid) + "/status"));
  for (std::string line; std::getline(status, line);)
    if (line.rfind("PPid:", 0) == 0) return std::stoi(line.substr(5));
  return -1;
}

BOOST_AUTO_TEST_CASE(sigkill_of_a_nodes_daemon_then_resume_on_one_node_with_other_ranks,
                     *boost::unit_test::precondition(NodesOnly())) {
  const std::string dir = test::fresh_dir("mpi-node-kill");
  const std::string sweep =
      write_sweep(dir, "[fixed]\nsleep_ms = 100\n[axes]\nx = linspace(1, 100, 100)\n");
  const std::string out = dir + "/node.h5";
  // Rank 0 and rank 2 on node1, rank 1 on node2. Node2 dies: its daemon (rank 1's parent) and
  // rank 1 get SIGKILL at once.
  const pid_t job =
      test::spawn(mpirun(3, {sweep, "-o", out, "-q"}), dir + "/1.out", dir + "/1.err");
  const pid_t worker = test::rank_after_points(1, out, 6);
  BOOST_REQUIRE(worker > 0);
  const pid_t daemon = parent_of(worker);
  BOOST_REQUIRE(daemon > 1);
  BOOST_TEST(test::read_text("/proc/" + std::to_string(daemon) + "/cmdline").find(out) ==
             std::string::npos);  // the daemon, not a rank
  kill(daemon, SIGKILL);
  kill(worker, SIGKILL);
  BOOST_TEST(test::wait_status(job) != 0);  // Open MPI's mpirun: 205, MPICH's mpiexec: 255
  const std::size_t before = points_kept(out);
  BOOST_TEST(before >= 6u);
  BOOST_TEST(before < 100u);

  const auto resumed = test::run_process(mpirun_here(4, {sweep, "-o", out, "-q"}), dir);
  BOOST_TEST(resumed.status == 0);
  BOOST_TEST(resumed.err.find("resuming") != std::string::npos, resumed.err);
  BOOST_TEST(done_count(out) == 100u);
  BOOST_TEST(test::journal_points(out + ".journal") == 100u);  // every point ran once
}

BOOST_AUTO_TEST_CASE(digits_missing_on_one_node_fail_its_points_naming_that_host,
                     *boost::unit_test::precondition(NodesOnly())) {
  const std::string dir = test::fresh_dir("mpi-node-data");
  const std::string sweep = dir + "/mnist.ini";
  test::write_text(sweep,
                   "[sweep]\nexperiment = feature_learning\nseed = 5\n"
                   "[fixed]\ndata = noisy_mnist\nd = 784\nn = 8\niters = 20\nn_test = 10\n"
                   "[axes]\nnsnr2 = 1, 2, 4, 8, 16, 32\n");
  const std::string out = dir + "/mnist.h5";
  setenv("DIFFSWEEP_MNIST_DIR", DIFFSWEEP_MNIST_FIXTURE, 1);
  // Node2 lacks the digits (e2e/multinode/rsh-agent hides the folder there).
  setenv("DIFFSWEEP_SIMULATED_NODE_HIDE", ("node2:" + std::string(DIFFSWEEP_MNIST_FIXTURE)).c_str(),
         1);
  const auto r = test::run_process(mpirun(3, {sweep, "-o", out, "-q"}), dir);
  unsetenv("DIFFSWEEP_SIMULATED_NODE_HIDE");
  BOOST_TEST(r.status == 0, r.err);
  const Table t = read_points(out);
  std::size_t failed = 0;
  for (std::size_t i = 0; i < t.strings.at("status").size(); ++i) {
    const std::string& host = t.strings.at("host")[i];
    BOOST_TEST_CONTEXT("point " << i << " on " << host) {
      if (host == "node2") {
        ++failed;
        BOOST_TEST(t.strings.at("status")[i] == "failed");
        BOOST_TEST(t.strings.at("error")[i].rfind("on host node2: MNIST digits: ", 0) == 0u,
                   t.strings.at("error")[i]);
      } else {
        BOOST_TEST(host == "node1");
        BOOST_TEST(t.strings.at("status")[i] == "done");
      }
    }
  }
  BOOST_TEST(failed > 0u);
  // With the digits visible everywhere, a retry runs just those points.
  const auto retried =
      test::run_process(mpirun(3, {sweep, "-o", out, "-q", "--retry", "failed"}), dir);
  BOOST_TEST(retried.status == 0, retried.err);
  BOOST_TEST(done_count(out) == 6u);
  unsetenv("DIFFSWEEP_MNIST_DIR");
}

// Two searches of where value = x y exp(0.05 z) crosses 3 (at x = 3 and x = 1.5).
const std::string refine_sweep =
    "replicates = 5\n[fixed]\nnoise = 0.05\nsleep_ms = 15\n[axes]\ny = 1, 2\n"
    "[refine]\naxis = x\nrange = 0.1, 100\nmetric = value\nlevel = 3\ntolerance = 2%\n"
    "per_round = 3\n";

BOOST_AUTO_TEST_CASE(a_refine_sweep_places_the_same_points_on_any_rank_count) {
  const std::string dir = test::fresh_dir("mpi-refine");
  const std::string sweep = write_sweep(dir, refine_sweep);
  BOOST_REQUIRE(test::run_process({bin, sweep, "-o", dir + "/plain.h5", "-q"}, dir).status == 0);
  const Table plain = read_points(dir + "/plain.h5");
  const std::size_t placed = done_count(dir + "/plain.h5");
  BOOST_TEST(placed > 40u);   // more than the first rounds (2 x 4 values x 5 replicates)
  BOOST_TEST(placed < 700u);  // a small part of the 2 x 699 x 5 lattice points
  for (int n : {2, 3}) {
    BOOST_TEST_CONTEXT("ranks " << n) {
      const std::string out = dir + "/n" + std::to_string(n) + ".h5";
      const auto run = test::run_process(mpirun(n, {sweep, "-o", out, "-q"}), dir);
      BOOST_TEST(run.status == 0);
      expect_same_results(plain, read_points(out));
      // Rounds reach idle workers at once: they spend most of the run running points (the rest
      // is the tail; the points are short, 15 ms).
      h5::Handle f = h5::open_file_read(out);
      const double busy = h5::read_double_attribute(f.get(), "worker_utilisation");
      BOOST_TEST(busy > 0.5);
      BOOST_TEST(busy <= 1.0);
      BOOST_TEST(run.out.find("workers busy ") != std::string::npos, run.out);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_refine_sweep_killed_mid_round_resumes_to_the_uninterrupted_result) {
  const std::string dir = test::fresh_dir("mpi-refine-kill");
  const std::string sweep = write_sweep(dir, refine_sweep);
  BOOST_REQUIRE(test::run_process({bin, sweep, "-o", dir + "/plain.h5", "-q"}, dir).status == 0);
  const std::string out = dir + "/killed.h5";
  const std::size_t before = kill_worker_after(dir, sweep, out, 25);
  BOOST_TEST(before < done_count(dir + "/plain.h5"));
  const auto resumed = test::run_process(mpirun(2, {sweep, "-o", out, "-q"}), dir);
  BOOST_TEST(resumed.status == 0, resumed.err);
  expect_same_results(read_points(dir + "/plain.h5"), read_points(out));
  BOOST_TEST(test::journal_points(out + ".journal") == done_count(out));  // each point once
}

BOOST_AUTO_TEST_CASE(an_extension_killed_mid_way_resumes_to_a_fresh_run_of_the_larger_sweep) {
  const std::string dir = test::fresh_dir("mpi-extend");
  const std::string body = "[fixed]\nsleep_ms = 120\nnoise = 0.5\n[axes]\nx = linspace(1, ";
  const std::string sweep = write_sweep(dir, "replicates = 2\n" + body + "6, 6)\n");
  const std::string out = dir + "/grown.h5", before = dir + "/before.h5";
  BOOST_REQUIRE(test::run_process(mpirun(3, {sweep, "-o", out, "-q"}), dir).status == 0);
  fs::copy_file(out, before);
  // The sweep file edited in place: two more replicates and four more values of x (28 new
  // points, at least 1.7 s of work for two workers).
  write_sweep(dir, "replicates = 4\n" + body + "10, 10)\n");
  const std::size_t killed_at = kill_worker_after(dir, sweep, out, 15);
  BOOST_TEST(killed_at >= 15u);
  // On a loaded machine the file may show the 15th point only once all are done: the kill then
  // comes after the run, and the rest of the test still checks the extension.
  BOOST_WARN(killed_at < 40u);
  BOOST_TEST(test::read_text(dir + "/1.err").find("12 finished points kept") != std::string::npos,
             test::read_text(dir + "/1.err"));
  const auto resumed = test::run_process(mpirun(2, {sweep, "-o", out, "-q"}), dir);
  BOOST_TEST(resumed.status == 0, resumed.err);
  BOOST_TEST(test::journal_points(out + ".journal") == 40u);

  // Equal to the larger sweep run afresh (in one process), and the first run's points untouched.
  BOOST_REQUIRE(test::run_process({bin, sweep, "-o", dir + "/fresh.h5", "-q"}, dir).status == 0);
  expect_same_results(read_points(dir + "/fresh.h5"), read_points(out));
  std::set<std::uint64_t> first;
  for (const auto& [id, row] : test::rows_by_id(before)) first.insert(id);
  test::same_points(out, before, first, {"value", "wall_seconds", "worker", "attempts"});
}

// Six settings of y, each comparing exponent 1, 2 and 3 (equal rows at x = 1 but for the
// noise, a clear difference at x = 2) on value, until each comparison is determined.
const std::string sequential_sweep =
    "[fixed]\nnoise = 0.3\nsleep_ms = 10\n[axes]\ny = 1, 2, 3\nx = 1, 2\nexponent = 1, 2, 3\n"
    "[sequential]\naxis = exponent\nreference = 1\nmetric = value\nmargin = 20%\nstart = 3\n"
    "budget = 12\n";

BOOST_AUTO_TEST_CASE(a_sequential_sweep_places_the_same_points_on_any_rank_count_and_after_a_kill) {
  const std::string dir = test::fresh_dir("mpi-sequential");
  const std::string sweep = write_sweep(dir, sequential_sweep);
  BOOST_REQUIRE(test::run_process({bin, sweep, "-o", dir + "/plain.h5", "-q"}, dir).status == 0);
  const Table plain = read_points(dir + "/plain.h5");
  const std::size_t placed = done_count(dir + "/plain.h5");
  BOOST_TEST(placed > 6u * 3 * 3);   // more than the first round
  BOOST_TEST(placed < 6u * 3 * 12);  // less than the budget
  const auto run = test::run_process(mpirun(3, {sweep, "-o", dir + "/n3.h5", "-q"}), dir);
  BOOST_TEST(run.status == 0, run.err);
  expect_same_results(plain, read_points(dir + "/n3.h5"));
  BOOST_TEST(run.out.find("comparisons decided by [sequential]") != std::string::npos, run.out);

  const std::string out = dir + "/killed.h5";
  const std::size_t before = kill_worker_after(dir, sweep, out, 60);
  // A loaded machine may show the 60th point only at the end: then the kill comes after the run.
  BOOST_WARN(before < placed);
  const auto resumed = test::run_process(mpirun(2, {sweep, "-o", out, "-q"}), dir);
  BOOST_TEST(resumed.status == 0, resumed.err);
  expect_same_results(plain, read_points(out));
  BOOST_TEST(test::journal_points(out + ".journal") == placed);
}

BOOST_AUTO_TEST_CASE(bad_input_under_mpirun_is_one_line_from_rank_0) {
  // A value every rank's parse rejects, and one that only rank 0's check of the points does
  // (workers parse the axes alone): both end the whole job.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"[axes]\nx = 1, oops\n", "key 'axes.x': value 'oops'"},
      {"[fixed]\nsleep_ms = -5\n[axes]\nx = 1, 2\n", "key 'fixed.sleep_ms': value '-5'"}};
  for (const auto& [body, said] : cases) BOOST_TEST_CONTEXT(said) {
      const std::string dir = test::fresh_dir("mpi-bad");
      const std::string sweep = write_sweep(dir, body);
      const auto r = test::run_process(mpirun(3, {sweep, "-o", dir + "/bad.h5", "-q"}), dir);
      BOOST_TEST(r.status == 2);
      std::size_t ours = 0;
      for (std::size_t at = r.err.find("diffsweep:"); at != std::string::npos;
           at = r.err.find("diffsweep:", at + 1))
        ++ours;
      BOOST_TEST(ours == 1u, r.err);
      BOOST_TEST(r.err.find(said) != std::string::npos, r.err);
      BOOST_TEST(!fs::exists(dir + "/bad.h5"));
    }
}

#ifdef DIFFSWEEP_OTHER_MPIEXEC
BOOST_AUTO_TEST_CASE(another_mpis_launcher_is_refused_in_one_line_before_any_output) {
  const std::string dir = test::fresh_dir("mpi-other-launcher");
  const std::string sweep = write_sweep(dir, "[axes]\nx = 1, 2, 3\n");
  const std::string out = dir + "/other.h5";
  const auto r = test::run_process(
      launch(DIFFSWEEP_OTHER_MPIEXEC, DIFFSWEEP_OTHER_MPIEXEC_FLAGS, 2, {sweep, "-o", out}), dir);
  BOOST_TEST(r.status != 0);
  BOOST_TEST(r.err.find("diffsweep: error: ") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("built against") != std::string::npos, r.err);
  BOOST_TEST(
      r.err.find("diffsweep: error: ", r.err.find("diffsweep: error: ") + 1) == std::string::npos,
      r.err);  // said once, not by every process
  BOOST_TEST(!fs::exists(out));
  BOOST_TEST(!fs::exists(out + ".journal"));
}
#endif
