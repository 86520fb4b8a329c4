#include "runner/mpi/mpi_run.hpp"

#include <exception>
#include <iostream>
#include <limits>

#include "common/errors.hpp"
#include "runner/cli/experiment_docs.hpp"
#include "runner/mpi/coordinator.hpp"
#include "runner/mpi/launch_info.hpp"
#include "runner/mpi/mpi_session.hpp"
#include "runner/mpi/worker.hpp"
#include "runner/run/point_execution.hpp"
#include "runner/run/rounds.hpp"
#include "runner/run/stop_signal.hpp"
#include "runner/run/sweep_experiment.hpp"
#include "runner/run/sweep_run.hpp"
#include "runner/sweep/recorded_defaults.hpp"
#include "runner/sweep/sweep_file.hpp"

namespace diffsweep {

namespace {

void broadcast(std::string& text) {
  long long size = static_cast<long long>(text.size());
  mpi::check(MPI_Bcast(&size, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD), "MPI_Bcast");
  text.resize(static_cast<std::size_t>(size));
  mpi::check(MPI_Bcast(text.data(), static_cast<int>(size), MPI_CHAR, 0, MPI_COMM_WORLD),
             "MPI_Bcast");
}

// Every rank's host name, in rank order, on rank 0 (empty elsewhere): the file's provenance.
std::vector<std::string> gather_host_names(int rank, int size) {
  char mine[MPI_MAX_PROCESSOR_NAME] = {};
  const std::string host = host_name();
  host.copy(mine, sizeof mine - 1);
  std::vector<char> all(rank == 0 ? static_cast<std::size_t>(size) * sizeof mine : 0);
  mpi::check(
      MPI_Gather(mine, sizeof mine, MPI_CHAR, all.data(), sizeof mine, MPI_CHAR, 0, MPI_COMM_WORLD),
      "MPI_Gather");
  std::vector<std::string> hosts;
  for (std::size_t r = 0; rank == 0 && r < static_cast<std::size_t>(size); ++r)
    hosts.emplace_back(all.data() + r * sizeof mine);
  return hosts;
}

// Rank 0 says whether the job goes on (0) or stops with this status. Workers then exit 0 without
// a word: rank 0 alone prints the reason and returns the status, so a bad sweep file gives one
// line from diffsweep (mpirun adds its own note that rank 0 exited non-zero).
int broadcast_status(int status) {
  mpi::check(MPI_Bcast(&status, 1, MPI_INT, 0, MPI_COMM_WORLD), "MPI_Bcast");
  return status;
}

// A start-up step that every rank must pass or fail together. Rank 0's outcome counts (it
// checks the whole sweep; workers only parse its axes): when rank 0 fails, it rethrows and alone
// prints the reason, and the workers return false to exit quietly.
template <class Step>
bool agreed(bool coordinator, Step&& step) {
  std::exception_ptr failure;
  int status = 0;
  try {
    step();
  } catch (const Error& e) {
    failure = std::current_exception();
    status = e.status();
  }
  if (broadcast_status(status) == 0 || coordinator) {
    if (failure) std::rethrow_exception(failure);
    return true;
  }
  return false;
}

// Past the start-up handshake, a rank that fails alone would leave the others waiting forever:
// the whole job must end, and the journal keeps every finished point for the resume.
template <class Body>
auto or_abort(int rank, Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    std::cerr << "diffsweep: error: rank " << rank << ": " << e.what() << "\n";
    MPI_Abort(MPI_COMM_WORLD, exit_error);
    throw;
  }
}

// "ranks 2 (node2), 3 (node2)".
std::string ranks_on_hosts(const std::vector<int>& ranks, const std::vector<std::string>& hosts) {
  std::string out = ranks.size() == 1 ? "rank " : "ranks ";
  for (std::size_t i = 0; i < ranks.size(); ++i)
    out += (i ? ", " : "") + std::to_string(ranks[i]) + " (" +
           hosts.at(static_cast<std::size_t>(ranks[i])) + ")";
  return out;
}

}  // namespace

int run_over_mpi(const CliOptions& options, int& argc, char**& argv) {
  // Before MPI_Init: MPICH's PMI client removes the launcher's variables from the environment.
  const LaunchInfo launch = launch_info();
  mpi::Session session(argc, argv);
  mpi::check_world_size(session.size());
  if (session.size() == 1)
    return run_single_process(options, launch, session.second_thread_allowed());
  // Workers must outlive a SIGTERM long enough to hand back the point they are running.
  install_stop_handlers();
  const bool coordinator = session.rank() == 0;
  const std::vector<std::string> rank_hosts = gather_host_names(session.rank(), session.size());

  // Only rank 0 reads the file, so the sweep need not be visible from every node.
  std::string text;
  if (!agreed(coordinator, [&] {
        if (coordinator) text = read_sweep_bytes(options.sweep_file);
      }))
    return exit_ok;
  broadcast(text);
  // Rank 0 alone starts an external program to read its declaration (one that hangs or fails
  // there is one line from rank 0); workers make the experiment from what it declared.
  LoadedSweep loaded;
  std::string declaration;
  if (!agreed(coordinator, [&] {
        if (!coordinator) return;
        loaded = load_sweep(options, text);
        declaration = declaration_of(*loaded.experiment);
        release_program(*loaded.experiment);
      }))
    return exit_ok;
  broadcast(declaration);
  std::string defaults = coordinator ? defaults_lines(loaded.sweep.spec.recorded_defaults) : "";
  broadcast(defaults);
  if (!agreed(coordinator, [&] {
        if (!coordinator)
          loaded = load_sweep(options, text, false, declaration, defaults_from_lines(defaults));
      }))
    return exit_ok;
  if (options.dry_run) return coordinator ? dry_run(loaded, options) : exit_ok;
  std::unique_ptr<ResultsStore> store;
  if (!agreed(coordinator, [&] {
        if (coordinator) store = open_store(loaded, options, rank_hosts, launch);
      }))
    return exit_ok;
  if (store) store->write_snapshots_in_background(session.second_thread_allowed());

  mpi::MpiTransport transport;
  if (!coordinator) {
    or_abort(session.rank(), [&] {
      serve_points(*loaded.experiment, loaded.sweep, session.rank(), options.reseed, transport,
                   session.second_thread_allowed());
    });
    return exit_ok;
  }
  const CoordinatorOutcome outcome = or_abort(0, [&] {
    Progress progress(progress_total(*store), store->planned_count() - store->planned_left(),
                      stderr, options.quiet || store->planned_left() == 0);
    // Workers without a second thread send no heartbeats: none can be told from a slow one.
    const double lost_after = session.second_thread_allowed()
                                  ? options.lost_after_seconds
                                  : std::numeric_limits<double>::infinity();
    return coordinate(*store, progress, transport, session.size() - 1,
                      {options.stop_grace_seconds, lost_after});
  });
  if (!outcome.lost.empty()) {
    // MPI_Finalize would wait for the dead ranks.
    store->snapshot(outcome.complete);
    std::cerr << "diffsweep: lost workers: " << ranks_on_hosts(outcome.lost, rank_hosts)
              << " sent nothing for " << options.lost_after_seconds << " s; "
              << store->finished_count() << " of " << loaded.sweep.size() << " points are in "
              << loaded.output
              << (outcome.complete ? " (the sweep is complete)"
                                   : "; run the same command again to resume")
              << "\n";
    MPI_Abort(MPI_COMM_WORLD, exit_lost_workers);
  }
  if (outcome.still_busy > 0) {
    store->snapshot(false);
    std::cerr << "diffsweep: interrupted: " << store->finished_count() << " of "
              << loaded.sweep.size() << " points are in " << loaded.output << "; "
              << outcome.still_busy << " workers did not finish their point within "
              << options.stop_grace_seconds
              << " s (it runs again); run the same command again to resume\n";
    MPI_Abort(MPI_COMM_WORLD, exit_interrupted);
  }
  try {
    return finish_run(*store, loaded, outcome.complete);
  } catch (const Interrupted& e) {
    // Said now, not after MPI_Finalize: mpirun may SIGKILL the job while it finalizes.
    std::cerr << "diffsweep: " << e.what() << std::endl;
    return e.status();
  }
}

}  // namespace diffsweep
