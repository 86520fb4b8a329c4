// diffsweep-analyze: read a results file (finished or not), check what the theory predicts, and
// write report.md, summary.csv, fits.csv, comparisons.csv and figures into a report directory. The
// verdict lines are also printed on stdout.
#include <filesystem>
#include <iostream>

#include "analysis/report/analyze_options.hpp"
#include "analysis/report/experiment_reports.hpp"
#include "analysis/report/report_writer.hpp"
#include "analysis/report/results_table.hpp"
#include "common/errors.hpp"
#include "common/install_layout.hpp"
#include "common/version.hpp"

namespace diffsweep::analysis {
namespace {

// The project's version and the commit it was built from (the runner's build identity).
std::string version_text() {
  return std::string(diffsweep_version()) + " (" + std::string(git_commit()) + ")";
}

int run(int argc, char** argv) {
  const AnalyzeOptions options = parse_analyze_options(argc, argv);
  if (options.help) {
    std::cout << analyze_usage();
    return exit_ok;
  }
  if (options.version) {
    std::cout << "diffsweep-analyze " << version_text() << "\n";
    return exit_ok;
  }
  // The runner's bookkeeping no report reads: left unread, they would be most of the table's
  // memory on a large sweep (three of them text). Point ids, seeds and statuses are read as the
  // table's own members; their columns would hold them a second time (48 MB at 10^6 points).
  ResultsTable table = load_results(
      options.results,
      {results::column::error, results::column::worker, results::column::wall_seconds,
       results::column::host, results::column::attempts, results::column::earlier_errors,
       results::column::point_id, results::column::seed, results::column::status});
  const std::size_t outside = table.rows - table.sweep_rows;
  if (!options.include_outside) drop_outside_rows(table);
  ReportOptions report_options;
  report_options.dynamics_at = options.dynamics_at;
  report_options.parameters = options.parameters;
  Report report = build_report(table, report_options);
  WriterOptions writer;
  writer.python = options.python;
  writer.draw = options.plots;
  writer.version = version_text();
  writer.parameters = options.parameters;
  writer.plot_script =
      options.plot_script.empty() ? shared_data_dir() + "/plot.py" : options.plot_script;
  write_report(report, options.report_dir, writer);
  for (const auto& v : report.verdicts) std::cout << v << "\n";
  for (const auto& n : report.notes) std::cout << "note: " << n << "\n";
  if (outside > 0)
    std::cout << "note: " << outside << " points of earlier sweeps of this file, outside the "
              << (options.include_outside ? "current one, are included (--include-outside)"
                                          : "current one, are left out (--include-outside "
                                            "uses them)")
              << "\n";
  std::cout << "report: " << (std::filesystem::path(options.report_dir) / "report.md").string()
            << "\n";
  return exit_ok;
}

}  // namespace
}  // namespace diffsweep::analysis

int main(int argc, char** argv) {
  try {
    return diffsweep::analysis::run(argc, argv);
  } catch (const diffsweep::Error& e) {
    std::cerr << "diffsweep-analyze: error: " << e.what() << "\n";
    return e.status();
  } catch (const std::exception& e) {
    std::cerr << "diffsweep-analyze: error: " << e.what() << "\n";
    return diffsweep::exit_error;
  }
}
