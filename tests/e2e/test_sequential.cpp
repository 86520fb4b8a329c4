// Sequential sweeps run by the real binary: the stopping rule keeps its error rate over many
// comparisons of equal rows, its intervals cover a known difference, a sweep decides with fewer
// points than a fixed design at the budget, and the analysis reports each comparison.
#define BOOST_TEST_MODULE sequential
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <map>
#include <sstream>

#include "results_io/hdf5.hpp"
#include "tests/support/results_checks.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {

const std::string bin = DIFFSWEEP_BIN;
const std::string analyze_bin = ANALYZE_BIN;

// The file's sequential_table, one map of column -> cell per comparison.
std::vector<std::map<std::string, std::string>> comparisons(const std::string& h5_path) {
  h5::Handle f = h5::open_file_read(h5_path);
  std::istringstream in(h5::read_string_attribute(f.get(), "sequential_table"));
  const auto cells = [](const std::string& line) {
    std::vector<std::string> out;
    std::istringstream l(line);
    for (std::string c; std::getline(l, c, '\t');) out.push_back(c);
    return out;
  };
  std::string line;
  std::getline(in, line);
  const auto header = cells(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    const auto c = cells(line);
    std::map<std::string, std::string> row;
    for (std::size_t k = 0; k < header.size(); ++k) row[header[k]] = k < c.size() ? c[k] : "";
    rows.push_back(row);
  }
  return rows;
}

// The most a share can exceed p by chance in n trials (3 standard errors).
double slack(double p, std::size_t n) { return 3 * std::sqrt(p * (1 - p) / double(n)); }

// 500 settings (throw_above has no effect at x <= 1.5), in each of which the rows exponent = 1
// and 2 are compared: at x = 1 they are equal (1^e = 1), at x = 1.5 their values differ by
// (1.5 - 2.25) E[exp(0.2 z)] = -0.75 exp(0.02).
const std::string sweep_text =
    "[sweep]\nexperiment = synthetic\nseed = 11\n[fixed]\nnoise = 0.2\n[axes]\n"
    "throw_above = linspace(100, 200, 500)\nx = 1, 1.5\nexponent = 1, 2\n"
    "[sequential]\naxis = exponent\nmetric = value\nmargin = 0.001\nstart = 3\nbudget = 24\n";

}  // namespace

BOOST_AUTO_TEST_CASE(the_stopping_rule_keeps_its_error_rate_and_covers_a_known_difference) {
  const std::string dir = test::fresh_dir("sequential-rate");
  const std::string sweep = dir + "/rate.ini";
  test::write_text(sweep, sweep_text);
  const std::string out = dir + "/rate.h5";
  const auto run = test::run_process({bin, sweep, "-o", out, "-q"}, dir);
  BOOST_REQUIRE_MESSAGE(run.status == 0, run.err);
  const auto rows = comparisons(out);
  BOOST_REQUIRE(rows.size() == 1000u);
  const double truth = -0.75 * std::exp(0.02);
  std::size_t equal = 0, false_claims = 0, known = 0, covered = 0, points = 0, known_points = 0,
              decided_early = 0;
  for (const auto& r : rows) {
    BOOST_TEST(r.at("state") != "running");
    const std::size_t placed = 2 * std::stoul(r.at("placed"));
    points += placed;
    const std::string& setting = r.at("setting");
    if (setting.substr(setting.size() - 5) == ", x=1") {
      ++equal;
      false_claims += r.at("outcome") == "wins" || r.at("outcome") == "loses";
    } else {
      ++known;
      known_points += placed;
      decided_early += r.at("state") == "determined" && std::stoul(r.at("replicates")) < 24;
      covered += std::stod(r.at("lo")) <= truth && truth <= std::stod(r.at("hi"));
    }
  }
  BOOST_TEST(equal == 500u);
  const double false_share = double(false_claims) / double(equal);
  const double coverage = double(covered) / double(known);
  BOOST_TEST_MESSAGE("equal rows called different: " << false_share << " (nominal 0.05); known "
                                                     << "difference covered: " << coverage
                                                     << "; points " << points << " of 48000");
  BOOST_TEST(false_share <= 0.05 + slack(0.05, equal));
  BOOST_TEST(coverage >= 0.95 - slack(0.05, known));
  // Every point placed ran, and the rest never did.
  BOOST_TEST(test::statuses(out).size() == 48000u);
  const auto s = test::statuses(out);
  BOOST_TEST(static_cast<std::size_t>(std::count(s.begin(), s.end(), "done")) == points);
  // The known difference (1.4 standard deviations of a paired difference) is decided before
  // the budget almost always; equal rows, which no margin this small can call ties, go on to it
  // unless falsely called different.
  BOOST_TEST(decided_early >= known * 9 / 10);
  BOOST_TEST(known_points < 24000u);
  BOOST_TEST_MESSAGE(decided_early << " of " << known
                                   << " known differences decided before the budget");
  BOOST_TEST(points - known_points <= 24000u);
  BOOST_TEST(points - known_points >= 24000u - 2 * 24 * false_claims);
}

BOOST_AUTO_TEST_CASE(the_analysis_reports_each_comparison_and_the_points_it_used) {
  const std::string dir = test::fresh_dir("sequential-report");
  const std::string sweep = dir + "/small.ini";
  test::write_text(sweep,
                   "[sweep]\nexperiment = synthetic\nseed = 5\n[fixed]\nnoise = 0.05\n[axes]\n"
                   "x = 1, 3\nexponent = 1, 2\n[sequential]\naxis = exponent\nmetric = value\n"
                   "margin = 0.001\nstart = 3\nbudget = 12\n");
  const std::string out = dir + "/small.h5";
  const auto run = test::run_process({bin, sweep, "-o", out}, dir);
  BOOST_REQUIRE_MESSAGE(run.status == 0, run.err);
  // The summary and status list every comparison; x = 3 (9 against 3) is decided at once, x = 1
  // (equal rows) goes on to the budget.
  BOOST_TEST(run.out.find("comparisons decided by [sequential]") != std::string::npos, run.out);
  const auto status = test::run_process({bin, "status", out}, dir);
  BOOST_TEST(status.out.find("x=3: 1 vs 2 on value: wins, determined after 3 replicates") !=
                 std::string::npos,
             status.out);
  const auto analysis =
      test::run_process({analyze_bin, out, "-o", dir + "/report", "--no-plots"}, dir);
  BOOST_REQUIRE_MESSAGE(analysis.status == 0, analysis.err);
  BOOST_TEST(analysis.out.find("sequential x=3: 1 vs 2 on value: wins, determined after 3 "
                               "replicates (difference -") != std::string::npos,
             analysis.out);
  const bool budget = analysis.out.find(
                          "sequential x=1: 1 vs 2 on value: undetermined, budget "
                          "reached at 12 replicates") != std::string::npos;
  const bool early =
      analysis.out.find("sequential x=1: 1 vs 2 on value: wins") != std::string::npos ||
      analysis.out.find("sequential x=1: 1 vs 2 on value: loses") != std::string::npos;
  BOOST_TEST((budget || early), analysis.out);
  // Its rule cannot change once it has results.
  std::string text = test::read_text(sweep);
  text.replace(text.find("budget = 12"), 11, "budget = 24");
  test::write_text(sweep, text);
  const auto rule = test::run_process({bin, sweep, "-o", out}, dir);
  BOOST_TEST(rule.status == 2);
  BOOST_TEST(rule.err.find("key 'sequential.budget': value '24': " + out +
                           " holds this sweep's comparisons decided with budget = 12") !=
                 std::string::npos,
             rule.err);
  const std::string report = test::read_text(dir + "/report/report.md");
  BOOST_TEST(report.find("## Sequential replicates ([sequential])") != std::string::npos);
  BOOST_TEST(report.find("| x=3 | 3 |") != std::string::npos, report);
}

BOOST_AUTO_TEST_CASE(cases_compared_as_rows_each_reference_against_each_other_case) {
  // Rows that differ in more than one parameter (as methods with their own settings do) are
  // compared as cases: "square" and "cube" each against "line" within each x; at x = 3 the values
  // are 9 and 27 against 3 (decided at once), at x = 1 all equal (on to the budget or a tie).
  const std::string dir = test::fresh_dir("sequential-cases");
  const std::string sweep = dir + "/cases.ini";
  test::write_text(sweep,
                   "[sweep]\nexperiment = synthetic\nseed = 5\n[fixed]\nnoise = 0.05\n[axes]\n"
                   "x = 1, 3\n[case.line]\nexponent = 1\n[case.square]\nexponent = 2\n"
                   "[case.cube]\nexponent = 3\ny = 1\n[sequential]\naxis = case\n"
                   "reference = square, cube\nmetric = value\nmargin = 0.001\nstart = 3\n"
                   "budget = 12\n");
  const std::string out = dir + "/cases.h5";
  const auto run = test::run_process({bin, sweep, "-o", out, "-q"}, dir);
  BOOST_REQUIRE_MESSAGE(run.status == 0, run.err);
  const auto rows = comparisons(out);
  BOOST_REQUIRE(rows.size() == 4u);
  std::map<std::string, std::map<std::string, std::string>> by;
  for (const auto& r : rows) {
    BOOST_TEST(r.at("axis") == "case");
    by[r.at("setting") + ": " + r.at("a") + " vs " + r.at("b")] = r;
  }
  for (const char* key : {"x=3: square vs line", "x=3: cube vs line"}) {
    BOOST_REQUIRE(by.count(key));
    BOOST_TEST(by[key].at("outcome") == "loses");  // lower is better: 9 and 27 against 3
    BOOST_TEST(by[key].at("replicates") == "3");
  }
  BOOST_TEST(std::stod(by["x=3: cube vs line"].at("mean")) > 20);
  BOOST_REQUIRE(by.count("x=1: square vs line"));
  BOOST_TEST(by["x=1: square vs line"].at("state") != "running");
  const auto analysis =
      test::run_process({analyze_bin, out, "-o", dir + "/report", "--no-plots"}, dir);
  BOOST_REQUIRE_MESSAGE(analysis.status == 0, analysis.err);
  BOOST_TEST(analysis.out.find("sequential x=3: cube vs line on value: loses, determined after "
                               "3 replicates") != std::string::npos,
             analysis.out);
  // The map: each reference's verdict per setting against the better other row (here the only
  // one, line).
  const std::string report = test::read_text(dir + "/report/report.md");
  BOOST_TEST(
      report.find("**cube** against the better other row:\n\n| x | verdict |") != std::string::npos,
      report);
  BOOST_TEST(report.find("| 3 | loses (line) |") != std::string::npos, report);
}
