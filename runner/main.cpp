// diffsweep: expand a sweep file into points, run them (in this process, or over MPI ranks when
// started by mpirun/srun), and keep every result in one HDF5 file.
#include <iostream>

#include "cli_options.hpp"
#include "errors.hpp"
#include "experiment_docs.hpp"
#include "experiment_registry.hpp"
#include "mpi_run.hpp"
#include "mpi_session.hpp"
#include "sweep_run.hpp"
#include "version.hpp"

namespace diffsweep {
namespace {

int run(int& argc, char**& argv) {
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
  if (mpi::launched_by_mpi()) return run_over_mpi(options, argc, argv);
  return run_single_process(options);
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
