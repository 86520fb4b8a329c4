#include "runner/cli/cli_options.hpp"

#include <boost/program_options.hpp>
#include <cstring>
#include <sstream>

#include "common/errors.hpp"
#include "common/number_text.hpp"

namespace diffsweep {

namespace po = boost::program_options;

namespace {

po::options_description run_options() {
  po::options_description o("Running a sweep");
  o.add_options()("output,o", po::value<std::string>(),
                  "results file (default results/<sweep name>.h5, with the overrides or shard "
                  "in the name); resumed if it exists")(
      "restart", "move an existing results file, its copies and its journal aside and start over")(
      "dry-run", "print the points (with -o: and each one's status in that file) and exit")(
      "quiet,q", "no progress line")("stop-grace", po::value<double>(),
                                     "seconds a stop signal waits for running points under MPI "
                                     "(default 20)")(
      "lost-after", po::value<double>(),
      "under MPI: seconds a worker that holds points may send nothing (it says it is alive every "
      "second) before it is taken as lost with its node, and its points go to the others "
      "(default 30)")(
      "retry", po::value<std::string>(),
      "run again the points of these statuses (failed, diverged, or both: failed,diverged) into "
      "the same file: same ids, same seeds; the earlier errors are kept")(
      "reseed", "with --retry: retried points run with a new seed (recorded in the seed column)")(
      "only", po::value<std::string>(),
      "run only the points that match: KEY=VALUE conditions joined by ',' (model=classification,"
      "n=64), or index ranges (0-99,250)")("shard", po::value<std::string>(),
                                           "run only the K-th of N interleaved parts (K/N, K from "
                                           "1), into a shard file of its own")(
      "list-experiments", "list the experiments")(
      "describe", po::value<std::string>(),
      "print an experiment's parameters and metrics (an external "
      "one: give its sweep file)")("version", "print the version")("help,h", "print this help");
  return o;
}

po::options_description file_options() {
  po::options_description o("Reading results (status, merge, export)");
  o.add_options()("json", "status: one JSON object instead of text")(
      "csv", po::value<std::string>(), "export: the points as CSV (- for standard output)")(
      "series-csv", po::value<std::string>(),
      "export: every series in long form (point_id,series,index,value; - for standard output)")(
      "netcdf", po::value<std::string>(),
      "export: the grid view as netCDF-4: a dimension per swept axis and replicate, each metric "
      "a variable over them, each series (NAME_series) also over step");
  return o;
}

std::set<PointStatus> parse_retry(const std::string& text) {
  std::set<PointStatus> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    if (item == "failed")
      out.insert(PointStatus::failed);
    else if (item == "diverged")
      out.insert(PointStatus::diverged);
    else
      throw InputError("--retry: '" + item +
                       "' is not a status to retry (failed, diverged, or failed,diverged)");
  }
  if (out.empty()) throw InputError("--retry: no status given (failed, diverged)");
  return out;
}

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  const auto k = parse_whole_number(text.substr(0, slash), 1'000'000);
  const auto n = slash == std::string::npos ? std::nullopt
                                            : parse_whole_number(text.substr(slash + 1), 1'000'000);
  if (!k || !n || *k < 1 || *n < 1 || *k > *n)
    throw InputError("--shard: '" + text + "' is not K/N with 1 <= K <= N");
  return {static_cast<std::size_t>(*k), static_cast<std::size_t>(*n)};
}

po::variables_map parse(int argc, const char* const* argv, const po::options_description& all,
                        const std::string& positional_name) {
  po::positional_options_description positional;
  positional.add(positional_name.c_str(), -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
  } catch (const po::error& e) {
    throw InputError(std::string(e.what()) + " (see diffsweep --help)");
  }
  return vm;
}

}  // namespace

std::string cli_usage() {
  std::ostringstream s;
  s << "usage: diffsweep SWEEP.ini [KEY=VALUE ...] [-o RESULTS.h5] [--restart] [--dry-run]\n"
       "                 [--retry failed,diverged [--reseed]] [--only FILTER] [--shard K/N]\n"
       "       diffsweep status RESULTS.h5 [--json]\n"
       "       diffsweep merge OUT.h5 SHARD.h5 SHARD.h5 ...\n"
       "       diffsweep export RESULTS.h5 [--csv POINTS.csv] [--series-csv SERIES.csv]\n"
       "                 [--netcdf GRID.nc]\n"
       "       diffsweep --list-experiments | --describe EXPERIMENT|SWEEP.ini\n"
       "       mpirun -n N diffsweep SWEEP.ini ...   (rank 0 writes, the others run points)\n\n"
       "KEY=VALUE after the sweep file replaces that key's entry wherever the file has it\n"
       "([fixed], [axes], [case.NAME]); a new key becomes fixed (one value) or an axis\n"
       "(several: a, b, c / linspace / logspace); sweep.seed=, sweep.replicates= and\n"
       "sweep.name= replace the [sweep] keys. An overridden sweep is another sweep: its default\n"
       "output name says so.\n\n"
    << run_options() << "\n"
    << file_options();
  return s.str();
}

CliOptions parse_cli(int argc, const char* const* argv) {
  CliOptions o;
  const std::string first = argc > 1 ? argv[1] : "";
  if (first == "status" || first == "merge" || first == "export") {
    o.command = first == "status"  ? Command::status
                : first == "merge" ? Command::merge
                                   : Command::export_files;
    po::options_description all = file_options();
    all.add_options()("help,h", "")("file", po::value<std::vector<std::string>>(), "");
    const po::variables_map vm = parse(argc - 1, argv + 1, all, "file");
    o.help = vm.count("help") > 0;
    if (vm.count("file")) o.files = vm["file"].as<std::vector<std::string>>();
    o.json = vm.count("json") > 0;
    if (vm.count("csv")) o.csv = vm["csv"].as<std::string>();
    if (vm.count("series-csv")) o.series_csv = vm["series-csv"].as<std::string>();
    if (vm.count("netcdf")) o.netcdf = vm["netcdf"].as<std::string>();
    if (o.help) return o;
    const std::size_t need = o.command == Command::merge ? 2 : 1;
    if (o.files.size() < need || (o.command != Command::merge && o.files.size() > 1))
      throw InputError(o.command == Command::merge
                           ? "merge needs OUT.h5 and at least one file to merge (see --help)"
                           : first + " needs one results file (see --help)");
    const bool writes = !o.csv.empty() || !o.series_csv.empty() || !o.netcdf.empty();
    if (o.command == Command::export_files && !writes)
      throw InputError(
          "export: say what to write: --csv FILE, --series-csv FILE, --netcdf FILE or several");
    if (o.command != Command::export_files && writes)
      throw InputError("--csv, --series-csv and --netcdf are options of export");
    if (o.command != Command::status && o.json) throw InputError("--json is an option of status");
    return o;
  }

  po::options_description all = run_options();
  all.add_options()("args", po::value<std::vector<std::string>>(), "");
  const po::variables_map vm = parse(argc, argv, all, "args");
  o.help = vm.count("help") > 0;
  o.version = vm.count("version") > 0;
  o.list_experiments = vm.count("list-experiments") > 0;
  if (vm.count("describe")) o.describe = vm["describe"].as<std::string>();
  o.restart = vm.count("restart") > 0;
  o.dry_run = vm.count("dry-run") > 0;
  o.quiet = vm.count("quiet") > 0;
  o.reseed = vm.count("reseed") > 0;
  if (vm.count("stop-grace")) {
    o.stop_grace_seconds = vm["stop-grace"].as<double>();
    if (!(o.stop_grace_seconds >= 0))
      throw InputError("--stop-grace: value '" + display_number(o.stop_grace_seconds) +
                       "': not a number of seconds >= 0");
  }
  if (vm.count("lost-after")) {
    o.lost_after_seconds = vm["lost-after"].as<double>();
    if (!(o.lost_after_seconds > 0))
      throw InputError("--lost-after: value '" + display_number(o.lost_after_seconds) +
                       "': not a number of seconds above 0");
  }
  if (vm.count("output")) o.output = vm["output"].as<std::string>();
  if (vm.count("retry")) o.retry = parse_retry(vm["retry"].as<std::string>());
  if (o.reseed && o.retry.empty()) throw InputError("--reseed goes with --retry");
  if (vm.count("only")) o.only = vm["only"].as<std::string>();
  if (vm.count("shard")) o.shard = parse_shard(vm["shard"].as<std::string>());
  if (vm.count("args")) {
    const auto args = vm["args"].as<std::vector<std::string>>();
    o.sweep_file = args.front();
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (args[i].find('=') == std::string::npos || args[i].front() == '=')
        throw InputError("'" + args[i] +
                         "' is not a KEY=VALUE override (one sweep file, then overrides; see "
                         "diffsweep --help)");
      o.overrides.push_back(args[i]);
    }
  }
  if (o.sweep_file.empty() && !o.help && !o.version && !o.list_experiments && !o.describe)
    throw InputError("no sweep file given (see diffsweep --help)");
  return o;
}

}  // namespace diffsweep
