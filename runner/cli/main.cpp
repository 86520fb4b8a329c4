// diffsweep: expand a sweep file into points, run them (in this process, or over MPI ranks when
// started by mpirun/srun), and keep every result in one HDF5 file.
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "common/errors.hpp"
#include "common/version.hpp"
#include "experiment_registry.hpp"
#include "results_io/hdf5.hpp"
#include "runner/cli/cli_options.hpp"
#include "runner/cli/experiment_docs.hpp"
#include "runner/cli/export_command.hpp"
#include "runner/cli/merge_command.hpp"
#include "runner/cli/status_command.hpp"
#include "runner/mpi/mpi_run.hpp"
#include "runner/mpi/mpi_session.hpp"
#include "runner/run/sweep_experiment.hpp"
#include "runner/run/sweep_run.hpp"
#include "runner/sweep/sweep_file.hpp"

namespace diffsweep {
namespace {

// Under mpirun every rank runs main; what only informs should be said once.
bool is_first_rank() {
  for (const char* var : {"OMPI_COMM_WORLD_RANK", "PMIX_RANK", "PMI_RANK"})
    if (const char* v = std::getenv(var)) return std::string(v) == "0";
  return true;
}

int run(int& argc, char**& argv) {
  const CliOptions options = parse_cli(argc, argv);
  const bool informs = options.help || options.version || options.list_experiments ||
                       options.describe.has_value() || options.command != Command::run;
  if (informs && !is_first_rank()) return exit_ok;
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
    // An external or plugin experiment is described by a sweep file that runs it: its program or
    // library declares it.
    if (!experiment && std::filesystem::is_regular_file(*options.describe))
      experiment = make_sweep_experiment(read_sweep_file(*options.describe));
    if (!experiment)
      throw InputError("unknown experiment '" + *options.describe +
                       "' (nor a sweep file of an external one)");
    describe_experiment(std::cout, *experiment);
    return exit_ok;
  }
  if (options.command == Command::status)
    return print_status(std::cout, options.files[0], options.json);
  if (options.command == Command::export_files)
    return export_files(options.files[0], {options.csv, options.series_csv, options.netcdf});
  if (options.command == Command::merge)
    return merge_results(options.files[0],
                         std::vector<std::string>(options.files.begin() + 1, options.files.end()));
  mpi::check_launcher();
  if (mpi::launched_by_mpi()) return run_over_mpi(options, argc, argv);
  return run_single_process(options, launch_info());
}

}  // namespace
}  // namespace diffsweep

int main(int argc, char** argv) {
  diffsweep::h5::no_exit_handler();
  try {
    return diffsweep::run(argc, argv);
  } catch (const diffsweep::Interrupted& e) {
    // A stop someone asked for (a signal), not a failure: said as what happened and what next.
    std::cerr << "diffsweep: " << e.what() << "\n";
    return e.status();
  } catch (const diffsweep::Error& e) {
    // An empty message: another process of the same launch says why.
    if (*e.what()) std::cerr << "diffsweep: error: " << e.what() << "\n";
    return e.status();
  } catch (const std::exception& e) {
    std::cerr << "diffsweep: error: " << e.what() << "\n";
    return diffsweep::exit_error;
  }
}
