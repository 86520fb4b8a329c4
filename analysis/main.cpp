// diffsweep-analyze: read a results file (finished or not), check what the theory predicts, and
// write report.md, summary.csv, fits.csv and figures into a report directory. The verdict lines
// are also printed on stdout.
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>

#include "analysis/experiment_reports.hpp"
#include "analysis/report_writer.hpp"
#include "analysis/results_table.hpp"
#include "common/errors.hpp"

namespace diffsweep::analysis {
namespace {

namespace po = boost::program_options;

const char* usage =
    "usage: diffsweep-analyze RESULTS.h5 [-o REPORT_DIR] [--no-plots] [--python PATH]\n"
    "                         [--dynamics-at NSNR2 ...]\n"
    "Checks what the theory predicts in a diffsweep results file (finished or not) and writes\n"
    "REPORT_DIR/report.md, summary.csv, fits.csv and one PNG per figure; prints the verdicts.\n"
    "REPORT_DIR defaults to RESULTS without .h5, plus -report.\n";

int run(int argc, char** argv) {
  po::options_description visible("options");
  visible.add_options()("help,h", "this help")("output,o", po::value<std::string>(),
                                               "report directory (created if needed)")(
      "no-plots", "write the plot data but draw no figures")(
      "dynamics-at", po::value<std::vector<double>>()->multitoken(),
      "feature learning: n*SNR^2 values whose S, N training curves are drawn (default: the "
      "smallest, middle and largest)")("python",
                                       po::value<std::string>()->default_value("/usr/bin/python3"),
                                       "interpreter with matplotlib that draws the figures")(
      "plot-script", po::value<std::string>()->default_value(DIFFSWEEP_PLOT_SCRIPT),
      "the drawing script (analysis/plot.py)");
  po::options_description all;
  all.add(visible).add_options()("results", po::value<std::string>());
  po::positional_options_description positional;
  positional.add("results", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
  } catch (const po::error& e) {
    throw InputError(std::string(e.what()) + " (see --help)");
  }
  if (vm.count("help")) {
    std::cout << usage << visible;
    return exit_ok;
  }
  if (!vm.count("results")) throw InputError("no results file given (see --help)");
  const std::string results = vm["results"].as<std::string>();
  std::string dir;
  if (vm.count("output")) {
    dir = vm["output"].as<std::string>();
  } else {
    std::filesystem::path p(results);
    dir = (p.parent_path() / (p.stem().string() + "-report")).string();
  }

  const ResultsTable table = load_results(results);
  ReportOptions report_options;
  if (vm.count("dynamics-at"))
    report_options.dynamics_at = vm["dynamics-at"].as<std::vector<double>>();
  for (double v : report_options.dynamics_at)
    if (!(v > 0)) throw InputError("--dynamics-at: value " + fmt(v) + " is not positive");
  Report report = build_report(table, report_options);
  WriterOptions options;
  options.python = vm["python"].as<std::string>();
  if (!vm.count("no-plots")) options.plot_script = vm["plot-script"].as<std::string>();
  write_report(report, dir, options);
  for (const auto& v : report.verdicts) std::cout << v << "\n";
  for (const auto& n : report.notes) std::cout << "note: " << n << "\n";
  std::cout << "report: " << (std::filesystem::path(dir) / "report.md").string() << "\n";
  return exit_ok;
}

}  // namespace
}  // namespace diffsweep::analysis

int main(int argc, char** argv) {
  try {
    return diffsweep::analysis::run(argc, argv);
  } catch (const diffsweep::RunnerError& e) {
    std::cerr << "diffsweep-analyze: error: " << e.what() << "\n";
    return e.status();
  } catch (const std::exception& e) {
    std::cerr << "diffsweep-analyze: error: " << e.what() << "\n";
    return diffsweep::exit_error;
  }
}
