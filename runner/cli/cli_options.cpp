#include "runner/cli/cli_options.hpp"

#include <boost/program_options.hpp>
#include <sstream>

#include "common/errors.hpp"

namespace diffsweep {

namespace po = boost::program_options;

namespace {

po::options_description visible_options() {
  po::options_description o("Options");
  o.add_options()("output,o", po::value<std::string>(),
                  "results file (default results/<sweep name>.h5); resumed if it exists")(
      "restart", "move an existing results file and its journal aside and start over")(
      "dry-run", "print the expanded points and exit")("quiet,q", "no progress line")(
      "stop-grace", po::value<double>(),
      "seconds a stop signal waits for running points under MPI (default 20)")(
      "list-experiments", "list the experiments")("describe", po::value<std::string>(),
                                                  "print an experiment's parameters and metrics")(
      "version", "print the version")("help,h", "print this help");
  return o;
}

}  // namespace

std::string cli_usage() {
  std::ostringstream s;
  s << "usage: diffsweep SWEEP.ini [-o RESULTS.h5] [--restart] [--dry-run] [--quiet]\n"
       "       diffsweep --list-experiments | --describe EXPERIMENT\n"
       "       mpirun -n N diffsweep SWEEP.ini -o RESULTS.h5   (rank 0 writes, the others run "
       "points)\n\n"
    << visible_options();
  return s.str();
}

CliOptions parse_cli(int argc, const char* const* argv) {
  po::options_description all = visible_options();
  all.add_options()("sweep", po::value<std::string>(), "");
  po::positional_options_description positional;
  positional.add("sweep", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
  } catch (const po::error& e) {
    throw InputError(std::string(e.what()) + " (see diffsweep --help)");
  }
  CliOptions o;
  o.help = vm.count("help") > 0;
  o.version = vm.count("version") > 0;
  o.list_experiments = vm.count("list-experiments") > 0;
  if (vm.count("describe")) o.describe = vm["describe"].as<std::string>();
  o.restart = vm.count("restart") > 0;
  o.dry_run = vm.count("dry-run") > 0;
  o.quiet = vm.count("quiet") > 0;
  if (vm.count("stop-grace")) {
    o.stop_grace_seconds = vm["stop-grace"].as<double>();
    if (!(o.stop_grace_seconds >= 0))
      throw InputError("--stop-grace: value must be a number of seconds >= 0");
  }
  if (vm.count("output")) o.output = vm["output"].as<std::string>();
  if (vm.count("sweep")) o.sweep_file = vm["sweep"].as<std::string>();
  if (o.sweep_file.empty() && !o.help && !o.version && !o.list_experiments && !o.describe)
    throw InputError("no sweep file given (see diffsweep --help)");
  return o;
}

}  // namespace diffsweep
