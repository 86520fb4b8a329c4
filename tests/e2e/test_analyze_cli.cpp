// End to end: the real diffsweep binary runs a synthetic sweep whose answer is chosen, then
// diffsweep-analyze reads the file; the verdicts must find the chosen numbers.
#define BOOST_TEST_MODULE analyze_cli
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "results_io/hdf5.hpp"
#include "results_io/results_reader.hpp"
#include "tests/support/fake_results_file.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;
namespace fs = std::filesystem;

namespace {

const std::string sweep_bin = DIFFSWEEP_BIN;
const std::string analyze_bin = ANALYZE_BIN;

std::string run_sweep(const std::string& dir, const std::string& body) {
  const std::string sweep = dir + "/sweep.ini", out = dir + "/out.h5";
  test::write_text(sweep, "[sweep]\nexperiment = synthetic\nseed = 5\n" + body);
  const auto r = test::run_process({sweep_bin, sweep, "-o", out, "-q"}, dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// One row of fits.csv as numbers by column name (the CSV holds full precision).
std::map<std::string, double> fit_row(const std::string& fits_csv, std::size_t row) {
  const auto lines = lines_of(test::read_text(fits_csv));
  BOOST_TEST_REQUIRE(lines.size() > row + 1);
  std::vector<std::string> header, cells;
  std::stringstream h(lines[0]), c(lines[row + 1]);
  for (std::string s; std::getline(h, s, ',');) header.push_back(s);
  for (std::string s; std::getline(c, s, ',');) cells.push_back(s);
  std::map<std::string, double> out;
  for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) {
    char* end = nullptr;
    const double v = std::strtod(cells[i].c_str(), &end);
    if (cells[i].empty())
      out[header[i]] = std::nan("");
    else if (*end == '\0')
      out[header[i]] = v;  // text columns (group, names) are left out
  }
  return out;
}

bool matplotlib_available() {
  return std::system("/usr/bin/python3 -c 'import matplotlib' > /dev/null 2>&1") == 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(power_law_exponent_is_found_within_its_interval) {
  const std::string dir = test::fresh_dir("analyze-power");
  const std::string out = run_sweep(
      dir,
      "replicates = 3\n[fixed]\nexponent = 1.7\nnoise = 0.05\n[axes]\nx = logspace(0.1, 10, 9)\n");
  const auto r = test::run_process({analyze_bin, out, "-o", dir + "/report"}, dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  const auto lines = lines_of(r.out);
  BOOST_TEST(lines.at(0) == out +
                                ": 27 points: 27 done, 0 failed, 0 diverged, 0 missing (pending "
                                "or running)");
  const std::regex verdict(
      R"(synthetic: value grows as a power of x: slope ([0-9.]+) \[([0-9.]+), ([0-9.]+)\], R\^2 ([0-9.]+) over 27 points, 3 replicates per point; no curvature: local slope ([0-9.]+) \[[0-9., ]+\] at x = 0.1 and ([0-9.]+) \[[0-9., ]+\] at 10 \(change [-0-9.]+ \[[-0-9., ]+\]\), interval contains 0)");
  std::smatch m;
  BOOST_TEST_REQUIRE(std::regex_match(lines.at(1), m, verdict), lines.at(1));
  BOOST_TEST(std::stod(m[2]) <= 1.7);
  BOOST_TEST(std::stod(m[3]) >= 1.7);
  BOOST_TEST(std::stod(m[1]) == 1.7, boost::test_tools::tolerance(0.02));
  BOOST_TEST(std::stod(m[4]) > 0.99);
  // A pure power law: the local slopes at both ends are its exponent.
  BOOST_TEST(std::stod(m[5]) == 1.7, boost::test_tools::tolerance(0.05));
  BOOST_TEST(std::stod(m[6]) == 1.7, boost::test_tools::tolerance(0.05));
  const auto fit = fit_row(dir + "/report/fits.csv", 0);
  BOOST_TEST(fit.at("points") == 27);
  BOOST_TEST(fit.at("replicates_min") == 3);
  BOOST_TEST(fit.at("slope_lo") <= 1.7);
  BOOST_TEST(fit.at("slope_hi") >= 1.7);
  BOOST_TEST(fit.at("slope_lo") == std::stod(m[2]), boost::test_tools::tolerance(0.01));
  // The curvature check's numbers, as the verdict quotes them.
  BOOST_TEST(fit.at("slope_low_end") == std::stod(m[5]), boost::test_tools::tolerance(0.01));
  BOOST_TEST(fit.at("slope_high_end") == std::stod(m[6]), boost::test_tools::tolerance(0.01));
  BOOST_TEST(fit.at("slope_change_lo") <= 0.0);
  BOOST_TEST(fit.at("slope_change_hi") >= 0.0);
  // summary.csv: a header and one row per x value.
  BOOST_TEST(lines_of(test::read_text(dir + "/report/summary.csv")).size() == 10u);
  const std::string md = test::read_text(dir + "/report/report.md");
  BOOST_TEST(md.find(lines.at(1)) != std::string::npos);
  // The report states the analysis' version and every parameter with its default.
  BOOST_TEST(md.find("Analysed by diffsweep-analyze 0.") != std::string::npos, md);
  BOOST_TEST(md.find("| `--tie-margin` | 0.1 (default) |") != std::string::npos, md);
  BOOST_TEST(md.find("| `--resamples` | 2000 (default) |") != std::string::npos, md);
  if (matplotlib_available()) {
    BOOST_TEST(fs::file_size(dir + "/report/synthetic_value_vs_x.png") > 10000u);
    BOOST_TEST(fs::file_size(dir + "/report/synthetic_value_vs_x.pdf") > 5000u);
    BOOST_TEST(md.find("![Figure 1: Synthetic value against $x$](synthetic_value_vs_x.png)") !=
                   std::string::npos,
               md);
  } else {
    BOOST_TEST(md.find("figures not drawn") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(many_curves_are_drawn_on_a_colour_scale) {
  // 20 curves (values of y), more than a legend holds: one figure, its curves coloured by y.
  const std::string dir = test::fresh_dir("analyze-many-curves");
  const std::string out = run_sweep(dir,
                                    "replicates = 3\n[fixed]\nexponent = 1.5\nnoise = 0.1\n[axes]\n"
                                    "x = logspace(0.1, 10, 6)\ny = linspace(0.5, 2, 20)\n");
  const auto r = test::run_process({analyze_bin, out, "-o", dir + "/report"}, dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  // Every curve still has its verdict and its row of fits.csv, in the sweep's order.
  BOOST_TEST(lines_of(test::read_text(dir + "/report/fits.csv")).size() == 21u);
  BOOST_TEST(r.out.find("synthetic y=0.5: value grows as a power of x") != std::string::npos,
             r.out);
  BOOST_TEST(r.out.find("synthetic y=2: value grows as a power of x") != std::string::npos, r.out);
  if (!matplotlib_available()) return;
  BOOST_TEST(test::read_text(dir + "/report/plot-data/plot.log").empty());
  BOOST_TEST(fs::file_size(dir + "/report/synthetic_value_vs_x.png") > 10000u);
}

BOOST_AUTO_TEST_CASE(a_steep_step_is_found_where_it_was_put) {
  // value = 0.01 x^20 rises from 0.1 to 10 within 2/20 decades, crossing 1 at x = 10^0.1.
  const std::string dir = test::fresh_dir("analyze-step");
  // Three noise-free replicates: every resample is the same curve, so the intervals are points.
  const std::string out = run_sweep(
      dir, "replicates = 3\n[fixed]\nexponent = 20\ny = 0.01\n[axes]\nx = logspace(0.5, 2, 31)\n");
  const auto r = test::run_process({analyze_bin, out, "-o", dir + "/report", "--no-plots"}, dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  BOOST_TEST(r.out.find("synthetic: value crosses 1 at x = 1.3 [1.3, 1.3], from 0.1 to 10 within "
                        "0.1 [0.1, 0.1] decades: a sharp transition (the interval is below 1 "
                        "decade), 3 replicates per point") != std::string::npos,
             r.out);
  const auto fit = fit_row(dir + "/report/fits.csv", 0);
  BOOST_TEST(fit.at("crossing") == std::pow(10.0, 0.1), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(fit.at("width_decades") == 0.1, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(fit.at("slope") == 20.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(test::read_text(dir + "/report/report.md").find("figures not drawn (--no-plots)") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(without_matplotlib_the_report_is_written_with_a_note) {
  const std::string dir = test::fresh_dir("analyze-nompl");
  const std::string out = run_sweep(dir, "[axes]\nx = 1, 2, 4\n");
  // A Python on which `import matplotlib` fails, as on a machine without the package.
  const std::string python = dir + "/python-without-matplotlib";
  test::write_text(python,
                   "#!/bin/sh\nexec /usr/bin/python3 -c \"import sys; sys.modules['matplotlib'] = "
                   "None; sys.argv = sys.argv[1:]; exec(open(sys.argv[0]).read())\" \"$@\"\n");
  fs::permissions(python, fs::perms::owner_all);
  const auto r =
      test::run_process({analyze_bin, out, "-o", dir + "/report", "--python", python}, dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  const std::string note = "figures not drawn: matplotlib is not installed for " + python;
  BOOST_TEST(r.out.find("note: " + note) != std::string::npos, r.out);
  BOOST_TEST(test::read_text(dir + "/report/report.md").find(note) != std::string::npos);
  BOOST_TEST(fs::exists(dir + "/report/summary.csv"));
  BOOST_TEST(fs::exists(dir + "/report/plot-data/synthetic_value_vs_x.csv"));
  BOOST_TEST(!fs::exists(dir + "/report/synthetic_value_vs_x.png"));
}

BOOST_AUTO_TEST_CASE(failed_and_diverged_points_are_counted) {
  const std::string dir = test::fresh_dir("analyze-faults");
  const std::string out = run_sweep(
      dir, "[fixed]\nthrow_above = 4.5\nnan_above = 3.5\n[axes]\nx = linspace(1, 6, 6)\n");
  const auto r = test::run_process({analyze_bin, out, "-o", dir + "/report", "--no-plots"}, dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  BOOST_TEST(lines_of(r.out).at(0) ==
             out + ": 6 points: 3 done, 2 failed, 1 diverged, 0 missing (pending or running)");
  // One replicate per point: the fit is stated, but no interval and so no verdict.
  BOOST_TEST(r.out.find("synthetic: value against x: undetermined: slope 1.00, R^2 1.000 over 3 "
                        "points; 1 replicate per point: too few for an interval "
                        "(--min-replicates 3)") != std::string::npos,
             r.out);
}

BOOST_AUTO_TEST_CASE(a_stopped_sweep_reports_its_missing_points) {
  const std::string dir = test::fresh_dir("analyze-stopped");
  const std::string sweep = dir + "/sweep.ini", out = dir + "/out.h5";
  test::write_text(sweep,
                   "[sweep]\nexperiment = synthetic\nseed = 5\n[fixed]\nsleep_ms = 40\n"
                   "[axes]\nx = linspace(1, 1000, 1000)\n");
  // 40 s of sleeping points: however loaded the machine, the stop comes before the last one.
  const pid_t pid = test::spawn({sweep_bin, sweep, "-o", out, "-q"}, dir + "/.o", dir + "/.e");
  // Stopped once the journal has grown by a few points' records (the file's n_done moves only
  // at snapshots, which a busy machine may space past the end of this short sweep).
  const std::string journal = out + ".journal";
  std::uintmax_t first_size = 0;
  for (int i = 0; i < 400; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::error_code error;
    const std::uintmax_t size = fs::file_size(journal, error);
    if (error) continue;
    if (first_size == 0) first_size = size;
    if (size >= first_size + 3 * 100) break;
  }
  kill(pid, SIGTERM);
  BOOST_TEST_REQUIRE(test::wait_status(pid) == 3);
  h5::Handle f = h5::open_file_read(out);
  const auto finished = h5::read_int_attribute(f.get(), "n_done");
  const auto pending = h5::read_int_attribute(f.get(), "n_pending");
  BOOST_TEST_REQUIRE(pending > 0);
  const auto r = test::run_process({analyze_bin, out, "-o", dir + "/report", "--no-plots"}, dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  BOOST_TEST(lines_of(r.out).at(0) ==
             out + ": 1000 points: " + std::to_string(finished) + " done, 0 failed, 0 diverged, " +
                 std::to_string(pending) +
                 " missing (pending or running): the sweep is unfinished; verdicts use the "
                 "finished points only");
  BOOST_TEST(r.out.find("over " + std::to_string(finished) + " points") != std::string::npos,
             r.out);
}

BOOST_AUTO_TEST_CASE(files_that_are_not_ours_are_refused_with_exit_2) {
  const std::string dir = test::fresh_dir("analyze-refuse");
  test::write_text(dir + "/notes.h5", "just some text\n");
  auto r = test::run_process({analyze_bin, dir + "/notes.h5", "-o", dir + "/report"}, dir);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "diffsweep-analyze: error: " + dir +
                          "/notes.h5: not an HDF5 file (not a diffsweep results file)\n");
  BOOST_TEST(!fs::exists(dir + "/report"));

  test::FakeResults other;
  other.experiment = "synthetic";
  other.with_format_version = false;
  other.point_id = {1};
  other.status = {"done"};
  test::write_fake_results(dir + "/other.h5", other);
  r = test::run_process({analyze_bin, dir + "/other.h5", "-o", dir + "/report"}, dir);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err ==
             "diffsweep-analyze: error: " + dir +
                 "/other.h5: not a diffsweep results file (no format_version attribute)\n");

  BOOST_TEST(test::run_process({analyze_bin, dir + "/missing.h5"}, dir).status == 2);
  BOOST_TEST(test::run_process({analyze_bin}, dir).status == 2);
  BOOST_TEST(test::run_process({analyze_bin, "--bogus"}, dir).status == 2);
  BOOST_TEST(!fs::exists(dir + "/report"));
}

// The counts and the adaptive search's table are attributes written by the runner; one that a
// hand-edited or damaged file holds wrong is refused in one line naming it, not a bare
// "stoull" from the C++ library.
BOOST_AUTO_TEST_CASE(malformed_count_and_search_attributes_are_refused_by_name) {
  const std::string dir = test::fresh_dir("analyze-bad-attributes");
  test::FakeResults f;
  f.experiment = "novel_experiment";
  f.axes = "x";
  f.point_id = {1, 2};
  f.status = {"done", "pending"};
  f.columns = {{"x", "parameter", {1, 2}}, {"y", "metric", {0.5, std::nan("")}}};
  f.attributes = {{"n_unplaced", "12x"}};
  test::write_fake_results(dir + "/count.h5", f);
  const std::string count_error =
      dir + "/count.h5: attribute n_unplaced: value '12x' is not a whole number\n";
  auto r = test::run_process({analyze_bin, dir + "/count.h5", "-o", dir + "/report"}, dir);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "diffsweep-analyze: error: " + count_error);
  r = test::run_process({sweep_bin, "status", dir + "/count.h5"}, dir);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "diffsweep: error: " + count_error);

  const std::string header =
      "combination\taxis\tmetric\tlevel\ttolerance\tseeds\toutcome\tlo\thi\tvalues\tpoints\tgrid_"
      "values\tgrid_"
      "points\twhy\n";
  f.attributes = {{"n_unplaced", "0"},
                  {"refine_table",
                   header + "\tx\ty\t1\t1%\tindependent\tlocated\t1.5\t1.7\x01\t2\t2\t9\t9\t\n"}};
  test::write_fake_results(dir + "/table.h5", f);
  r = test::run_process({analyze_bin, dir + "/table.h5", "-o", dir + "/report"}, dir);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err == "diffsweep-analyze: error: " + dir +
                          "/table.h5: attribute refine_table: column 'hi': value '1.7\\x01' is "
                          "not a number\n");
  BOOST_TEST(!fs::exists(dir + "/report"));

  // The same table, well formed, is read: the check is on the values, not on the table.
  f.attributes = {
      {"n_unplaced", "0"},
      {"refine_table", header + "\tx\ty\t1\t1%\tindependent\tlocated\t1.5\t1.7\t2\t2\t9\t9\t\n"}};
  test::write_fake_results(dir + "/good.h5", f);
  r = test::run_process({analyze_bin, dir + "/good.h5", "-o", dir + "/report"}, dir);
  BOOST_TEST(r.status == 0, r.err);
  BOOST_TEST(r.out.find("refine all points: y = 1 is crossed at x in") != std::string::npos, r.out);
}

BOOST_AUTO_TEST_CASE(an_unknown_experiment_gets_the_generic_report) {
  const std::string dir = test::fresh_dir("analyze-generic");
  test::FakeResults f;
  f.experiment = "novel_experiment";
  f.axes = "method,n_target";
  f.point_id = {1, 2, 3, 4, 5};
  f.status = {"done", "done", "done", "done", "pending"};
  f.columns = {{"method", "parameter", {}, {}, {"tgdp", "tgdp", "finetune", "finetune", "tgdp"}},
               {"n_target", "parameter", {}, {10000, 100, 10000, 100, 100}, {}},
               {"error", "metric", {0.3, 0.1, 0.5, 0.2, std::nan("")}, {}, {}}};
  test::write_fake_results(dir + "/t.h5", f);
  const auto r = test::run_process({analyze_bin, dir + "/t.h5", "-o", dir + "/report"}, dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  BOOST_TEST(r.out.find("5 points: 4 done, 0 failed, 0 diverged, 1 missing") != std::string::npos);
  BOOST_TEST(r.out.find("note: no theory checks exist for experiment 'novel_experiment' yet") !=
             std::string::npos);
  const std::string md = test::read_text(dir + "/report/report.md");
  // One row per sweep point, never an axis value pooled over the others' points.
  BOOST_TEST(md.find("| tgdp | 10000 | 1 | 0.3 |") != std::string::npos, md);  // not "1e+04"
  BOOST_TEST(md.find("| tgdp | 100 | 1 | 0.1 |") != std::string::npos, md);
  BOOST_TEST(md.find("| finetune | 100 | 1 | 0.2 |") != std::string::npos, md);
  BOOST_TEST(md.find("Medians by") == std::string::npos, md);
}

BOOST_AUTO_TEST_CASE(version_and_parameters_on_the_command_line) {
  const std::string dir = test::fresh_dir("analyze-version");
  auto r = test::run_process({analyze_bin, "--version"}, dir);
  BOOST_TEST(r.status == 0);
  BOOST_TEST(r.out.rfind("diffsweep-analyze 0.", 0) == 0, r.out);
  const std::string out =
      run_sweep(dir, "replicates = 3\n[fixed]\nnoise = 0.1\n[axes]\nx = 1, 2, 4\n");
  r = test::run_process({analyze_bin, out, "-o", dir + "/report", "--no-plots", "--tie-margin",
                         "0.05", "--seed", "9"},
                        dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  const std::string md = test::read_text(dir + "/report/report.md");
  BOOST_TEST(md.find("| `--tie-margin` | 0.05 (default 0.1) |") != std::string::npos, md);
  BOOST_TEST(md.find("| `--seed` | 9 (default 1) |") != std::string::npos, md);
  r = test::run_process({analyze_bin, out, "--level", "2"}, dir);
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err ==
             "diffsweep-analyze: error: --level: value '2' is not between 0.5 and 0.999\n");
  BOOST_TEST(test::run_process({analyze_bin, out, "--seed"}, dir).status == 2);
}

BOOST_AUTO_TEST_CASE(a_moved_report_folder_redraws_itself_from_inside) {
  if (!matplotlib_available()) return;  // the figures are what is tested here
  const std::string dir = test::fresh_dir("analyze-moved");
  const std::string out =
      run_sweep(dir, "replicates = 3\n[fixed]\nnoise = 0.1\n[axes]\nx = logspace(0.1, 10, 5)\n");
  BOOST_TEST_REQUIRE(test::run_process({analyze_bin, out, "-o", dir + "/report"}, dir).status == 0);
  fs::rename(dir + "/report", dir + "/moved");
  fs::remove(dir + "/moved/synthetic_value_vs_x.png");
  fs::remove(dir + "/moved/synthetic_value_vs_x.pdf");
  // Inside the folder, with no arguments, as a reader who received the folder would run it.
  const auto r = test::run_process(
      {"/bin/sh", "-c", "cd \"$0\" && /usr/bin/python3 plot.py", dir + "/moved"}, dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  BOOST_TEST(fs::file_size(dir + "/moved/synthetic_value_vs_x.png") > 10000u);
  BOOST_TEST(fs::file_size(dir + "/moved/synthetic_value_vs_x.pdf") > 5000u);
}

// A transfer sweep of one n_target: a line through one x would be a point, so plot.py turns the
// method rows into categories. Checked here: the figures are drawn (and redrawn from inside the
// report folder) from plot data that sends plot.py down that path. Reduced training so the sweep
// takes seconds.
BOOST_AUTO_TEST_CASE(a_sweep_of_one_n_target_is_drawn_with_method_rows_as_categories) {
  const std::string dir = test::fresh_dir("analyze-one-n-target");
  test::write_text(dir + "/sweep.ini",
                   "[sweep]\nexperiment = transfer\nseed = 3\nreplicates = 3\n[fixed]\ndim = 2\n"
                   "n_target = 10\nsource_steps = 3000\ntarget_steps = 500\nfinetune_steps = 200\n"
                   "guidance_steps = 500\nclf_steps = 300\nn_eval = 300\n"
                   "guidance_estimator = regression\n[axes]\n"
                   "method = tgdp, target_only, source_only, exact_target\n");
  const auto run =
      test::run_process({sweep_bin, dir + "/sweep.ini", "-o", dir + "/out.h5", "-q"}, dir);
  BOOST_TEST_REQUIRE(run.status == 0, run.err);
  // The file records the estimator each tgdp row ran with and the experiment's default beside it
  // (classifier since the transfer map), so a file of either default reads unambiguously.
  const results::ResultsTable table = results::load_results(dir + "/out.h5");
  BOOST_TEST(table.columns.at("guidance_estimator").default_value == "classifier");
  BOOST_TEST(table.text("guidance_estimator").front() == "regression");
  const auto r = test::run_process({analyze_bin, dir + "/out.h5", "-o", dir + "/report"}, dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  if (!matplotlib_available()) return;
  BOOST_TEST(fs::file_size(dir + "/report/transfer_mmd.png") > 10000u);
  BOOST_TEST(fs::file_size(dir + "/report/transfer_fisher.pdf") > 5000u);
  // What sends plot.py down the categorical path: every data row of the figure at one x.
  const auto csv = lines_of(test::read_text(dir + "/report/plot-data/transfer_mmd.csv"));
  BOOST_TEST_REQUIRE(csv.size() > 1u);
  std::set<std::string> xs;
  for (std::size_t k = 1; k < csv.size(); ++k) {
    std::stringstream row(csv[k]);
    std::vector<std::string> cells;
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    // series,x,y,lo,hi,points_only,dashed,color,role,panel (no label here holds a comma)
    if (cells.size() >= 9 && cells.at(8) == "data") xs.insert(cells.at(1));
  }
  BOOST_TEST(xs.size() == 1u);
  // Rerun from inside the folder, as a reader would after editing it.
  const auto again = test::run_process(
      {"/bin/sh", "-c", "cd \"$0\" && /usr/bin/python3 plot.py", dir + "/report"}, dir);
  BOOST_TEST(again.status == 0, again.err);
}
