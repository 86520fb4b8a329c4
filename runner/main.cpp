// diffsweep: expand a sweep file into points, run them (in this process, or over MPI ranks when
// started by mpirun/srun), and keep every result in one HDF5 file.
#include <mpi.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli_options.hpp"
#include "errors.hpp"
#include "experiment_docs.hpp"
#include "experiment_registry.hpp"
#include "local_run.hpp"
#include "results_store.hpp"
#include "stop_signal.hpp"
#include "summary.hpp"
#include "sweep_file.hpp"
#include "version.hpp"

namespace diffsweep {
namespace {

std::unique_ptr<Experiment> experiment_for(const SweepSpec& spec) {
  auto experiment = make_experiment(spec.experiment);
  if (!experiment) {
    std::string known;
    for (auto n : experiment_names()) known += (known.empty() ? "" : ", ") + std::string(n);
    throw SweepFileError(spec.path, "sweep.experiment", spec.experiment,
                         "unknown experiment (known: " + known + ")");
  }
  return experiment;
}

std::string mpi_library_version() {
  char text[MPI_MAX_LIBRARY_VERSION_STRING];
  int length = 0;
  MPI_Get_library_version(text, &length);  // allowed before MPI_Init
  std::string v(text, static_cast<std::size_t>(length));
  if (auto nl = v.find_first_of("\r\n"); nl != std::string::npos) v.resize(nl);
  return v;
}

RunInfo run_info(std::int64_t ranks) {
  RunInfo info;
  info.version = std::string(diffsweep_version());
  info.git_commit = std::string(git_commit());
  info.mpi_version = mpi_library_version();
  char host[256] = "";
  gethostname(host, sizeof host - 1);
  info.host = host;
  info.run_started = utc_now_iso8601();
  info.ranks = ranks;
  return info;
}

int run(int argc, char** argv) {
  const CliOptions options = parse_cli(argc, argv);
  if (options.help) {
    std::cout << cli_usage();
    return exit_ok;
  }
  if (options.version) {
    std::cout << "diffsweep " << diffsweep_version() << " (" << git_commit() << ")\n";
    return exit_ok;
  }
  if (options.list_experiments) {
    list_experiments(std::cout);
    return exit_ok;
  }
  if (options.describe) {
    auto experiment = make_experiment(*options.describe);
    if (!experiment) throw InputError("unknown experiment '" + *options.describe + "'");
    describe_experiment(std::cout, *experiment);
    return exit_ok;
  }

  const SweepSpec spec = read_sweep_file(options.sweep_file);
  auto experiment = experiment_for(spec);
  const Sweep sweep = expand_sweep(spec, *experiment);
  if (options.dry_run) {
    print_points(std::cout, sweep, *experiment);
    return exit_ok;
  }
  const std::string output =
      options.output.empty() ? "results/" + spec.name + ".h5" : options.output;

  install_stop_handlers();
  ResultsStore store(output, sweep, *experiment, run_info(1), options.restart);
  if (!store.moved_aside().empty())
    std::cerr << "diffsweep: moved the old results aside to " << store.moved_aside() << "\n";
  if (store.resumed_count() > 0)
    std::cerr << "diffsweep: resuming " << output << ": " << store.resumed_count() << " of "
              << sweep.points.size() << " points already finished\n";
  Progress progress(sweep.points.size(), store.finished_count(), stderr, options.quiet);
  const bool complete = run_local(*experiment, sweep, store, progress);
  store.snapshot(complete);
  if (!complete)
    throw Interrupted("interrupted: " + std::to_string(store.finished_count()) + " of " +
                      std::to_string(sweep.points.size()) + " points are in " + output +
                      "; run the same command again to resume");
  print_summary(std::cout, output, sweep, *experiment, store.records());
  return exit_ok;
}

}  // namespace
}  // namespace diffsweep

int main(int argc, char** argv) {
  try {
    return diffsweep::run(argc, argv);
  } catch (const diffsweep::RunnerError& e) {
    std::cerr << "diffsweep: error: " << e.what() << "\n";
    return e.status();
  } catch (const std::exception& e) {
    std::cerr << "diffsweep: error: " << e.what() << "\n";
    return diffsweep::exit_error;
  }
}
