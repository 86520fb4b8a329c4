// The transfer report on a file whose answer is chosen. Every replicate has its own luck (an
// offset shared by all methods of the replicate, as their shared evaluation sample gives them),
// and every method its own small noise:
// - TGDP's MMD is 0.05 below target_only's: "wins", with the interval covering -0.05;
// - finetune has TGDP's law exactly: "ties" or "undetermined", never "wins" or "loses";
// - eta1 = 1 has TGDP's law with more noise of its own: never "wins" or "loses";
// - exact_target sits on the noise floor, the exact guidance 50% above it;
// - target_only at 10 target points generates its training points back (a memorising generator),
//   the exact ratio samples a law narrower than the target's (concentrated, never seeing the
//   training points) and exact_target samples the true law: nn_ratio and its control, computed by
//   the experiment's own functions on those samples, flag the first alone as memorising.
#define BOOST_TEST_MODULE transfer_report
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "analysis/report/experiment_reports.hpp"
#include "analysis/report/results_table.hpp"
#include "tests/support/fake_results_file.hpp"
#include "tests/support/subprocess.hpp"
#include "transfer/gaussian_mixture.hpp"
#include "transfer/transfer_evaluation.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

struct Row {
  const char* method;
  const char* oracle;
  double eta1;
  double mmd;        // the row's MMD before the replicate's luck
  double own_noise;  // sd of the row's own noise
};

// mmd_floor is 0.02 (+ luck); the exact rows are placed against it.
const Row rows[] = {
    {"tgdp", "none", 0, 0.10, 0.003},        {"tgdp", "none", 1, 0.10, 0.03},
    {"tgdp", "ratio", 0, 0.03, 0.003},       {"tgdp", "guidance", 0, 0.03, 0.0005},
    {"target_only", "none", 0, 0.15, 0.003}, {"finetune", "none", 0, 0.10, 0.003},
    {"source_only", "none", 0, 0.5, 0.003},  {"exact_target", "none", 0, 0.02, 0.0005},
};
const double n_targets[] = {10, 100};

// nn_ratio and its control for a generator that returns its training points (memorising),
// samples a law a quarter as wide (concentrated, never seeing the training points), or samples
// the law.
enum class Generator { exact, memorising, concentrated };
std::pair<double, double> nn_ratios(Generator g, int n_target, std::mt19937_64& rng) {
  using namespace diffsweep::transfer;
  const MixtureShape shape{2, 4, 2.0, 0.4};
  MixtureShape narrow = shape;
  narrow.spread /= 4;
  const GaussianMixture q = source_mixture(shape);
  const Eigen::MatrixXd training = sample(q, n_target, rng), fresh = sample(q, 500, rng),
                        heldout = sample(q, n_target, rng);
  Eigen::MatrixXd generated =
      sample(g == Generator::concentrated ? source_mixture(narrow) : q, 500, rng);
  std::normal_distribution<double> jitter(0.0, 0.004);
  if (g == Generator::memorising)
    for (Eigen::Index j = 0; j < generated.cols(); ++j)
      for (Eigen::Index i = 0; i < 2; ++i)
        generated(i, j) = training(i, j % n_target) + jitter(rng);
  return {nearest_neighbour_ratio(generated, fresh, training),
          heldout_nearest_neighbour_ratio(generated, training, heldout)};
}

// `source_only_at_10`: source_only's MMD at n_target = 10 (0.5 elsewhere and by default).
// `rotations`: values of a swept setting axis, target_rotation, each with the same rows (none:
// no such axis).
Report report_of_fake_file(int replicates = 8, AnalysisParameters p = {},
                           double source_only_at_10 = 0.5, std::vector<double> rotations = {}) {
  test::FakeResults f;
  f.experiment = "transfer";
  f.axes = std::string(rotations.empty() ? "" : "target_rotation,") + "method,oracle,eta1,n_target";
  test::FakeColumn rotation{"target_rotation", "parameter"};
  rotation.default_value = "90";
  const bool with_rotation = !rotations.empty();
  if (!with_rotation) rotations = {90};
  test::FakeColumn method{"method", "parameter"}, oracle{"oracle", "parameter"},
      eta1{"eta1", "parameter"}, n_target{"n_target", "parameter"}, replicate{"replicate", "point"},
      mmd{"mmd", "metric"}, floor{"mmd_floor", "metric"}, loglik{"loglik", "metric"},
      loglik_true{"loglik_true", "metric"}, nn_ratio{"nn_ratio", "metric"},
      nn_control{"nn_heldout_ratio", "metric"}, ratio_l1{"ratio_l1", "metric"},
      cond_acc{"cond_acc", "metric"}, time_guidance{"time_guidance", "metric"},
      time_classifier{"time_classifier", "metric"};
  method.default_value = "tgdp";
  oracle.default_value = "none";
  eta1.default_value = "0";
  n_target.default_value = "100";
  std::mt19937_64 rng(5);
  std::normal_distribution<double> z(0.0, 1.0);
  std::vector<double> luck;
  for (int r = 0; r < replicates; ++r) luck.push_back(0.02 * z(rng));
  std::uint64_t id = 1;
  const double nan = std::nan("");
  for (double angle : rotations)
    for (const Row& row : rows)
      for (double n : n_targets)
        for (int r = 0; r < replicates; ++r) {
          rotation.reals.push_back(angle);
          const std::string m = row.method;
          f.point_id.push_back(id++);
          f.status.push_back("done");
          method.text.push_back(m);
          oracle.text.push_back(row.oracle);
          eta1.reals.push_back(row.eta1);
          n_target.integers.push_back(static_cast<std::int64_t>(n));
          replicate.integers.push_back(r);
          // The floors and the exact rows move with a tenth of the luck: they are small.
          const bool small = row.mmd <= 0.03;
          const double shared = small ? 0.1 * luck[r] : luck[r];
          const double law = m == "source_only" && n == 10 ? source_only_at_10 : row.mmd;
          mmd.reals.push_back(law + shared + row.own_noise * z(rng));
          floor.reals.push_back(0.02 + 0.1 * luck[r]);
          loglik.reals.push_back(-2.2 + 0.01 * z(rng));
          loglik_true.reals.push_back(-2.15);
          const Generator g = m == "target_only" && n == 10        ? Generator::memorising
                              : std::string(row.oracle) == "ratio" ? Generator::concentrated
                                                                   : Generator::exact;
          const auto [ratio, control] = nn_ratios(g, int(n), rng);
          nn_ratio.reals.push_back(ratio);
          nn_control.reals.push_back(control);
          const bool learned_ratio = m == "tgdp" && std::string(row.oracle) == "none";
          ratio_l1.reals.push_back(learned_ratio ? 0.3 : nan);
          cond_acc.reals.push_back(nan);  // an unconditional sweep
          time_guidance.reals.push_back(row.eta1 > 0 ? 2.5 : 1.5);
          time_classifier.reals.push_back(0.5);
        }
  f.columns = {method,     oracle,   eta1,     n_target,      replicate,
               mmd,        floor,    loglik,   loglik_true,   nn_ratio,
               nn_control, ratio_l1, cond_acc, time_guidance, time_classifier};
  if (with_rotation) f.columns.push_back(rotation);
  const std::string dir = test::fresh_dir("transfer-report");
  test::write_fake_results(dir + "/t.h5", f);
  ReportOptions options;
  options.parameters = p;
  return build_report(load_results(dir + "/t.h5"), options);
}

bool has_line(const Report& r, const std::string& text) {
  for (const auto& v : r.verdicts)
    if (v.find(text) != std::string::npos) return true;
  return false;
}

const Comparison& comparison(const Report& r, double n, const std::string& metric,
                             const std::string& a, const std::string& b) {
  for (const auto& c : r.comparisons)
    if (c.where == "n_target = " + fmt(n) && c.metric == metric && c.a == a && c.b == b)
      return c.comparison;
  BOOST_FAIL("no comparison of " + a + " with " + b + " on " + metric);
  throw 0;
}

const Plot& plot_named(const Report& r, const std::string& name) {
  for (const auto& p : r.plots)
    if (p.name == name) return p;
  BOOST_FAIL("no plot " + name);
  throw 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_known_difference_wins_with_its_interval_covering_it) {
  const Report r = report_of_fake_file();
  for (double n : n_targets) {
    const Comparison& c = comparison(r, n, "mmd", "tgdp", "target_only");
    BOOST_TEST((c.outcome == Outcome::wins));
    BOOST_TEST(c.pairs == 8u);
    BOOST_TEST(c.difference.lo <= -0.05);
    BOOST_TEST(c.difference.hi >= -0.05);
    BOOST_TEST(c.difference.p_value < 0.001);
  }
  BOOST_TEST(has_line(r, "n_target = 10: tgdp median mmd"));
  BOOST_TEST(has_line(r, "; against target_only: wins (difference -0.05"));
  BOOST_TEST(has_line(r, "; against source_only: wins (difference -0.4"));
}

BOOST_AUTO_TEST_CASE(equal_methods_never_win) {
  const Report r = report_of_fake_file();
  for (double n : n_targets) {
    const Outcome same = comparison(r, n, "mmd", "tgdp", "finetune").outcome;
    BOOST_TEST((same == Outcome::ties || same == Outcome::undetermined));
    const Outcome noisy = comparison(r, n, "mmd", "tgdp eta1=1", "tgdp").outcome;
    BOOST_TEST((noisy == Outcome::ties || noisy == Outcome::undetermined));
  }
  // With TGDP's own noise only (0.003 against a margin of 10% of 0.1), finetune is shown equal.
  BOOST_TEST((comparison(r, 10, "mmd", "tgdp", "finetune").outcome == Outcome::ties));
  BOOST_TEST(has_line(r, "eta1 = 1 against plain tgdp, mmd: n_target 10: "));
  BOOST_TEST(!has_line(r, "eta1 = 1 against plain tgdp, mmd: n_target 10: wins"));
}

BOOST_AUTO_TEST_CASE(too_few_replicates_decide_nothing) {
  const Report r = report_of_fake_file(2);
  const Comparison& c = comparison(r, 10, "mmd", "tgdp", "source_only");
  BOOST_TEST((c.outcome == Outcome::too_few));
  BOOST_TEST(has_line(r, "against source_only: undetermined (too few pairs) (difference -0.4"));
  BOOST_TEST(!r.cannot_tell.empty());
}

BOOST_AUTO_TEST_CASE(floors_are_recognised) {
  const Report r = report_of_fake_file();
  BOOST_TEST(has_line(r,
                      "floor: exact_target: mmd against mmd_floor (two true samples): n_target "
                      "10: at the floor (difference"));
  BOOST_TEST(has_line(r,
                      "floor: tgdp oracle=guidance: mmd against mmd_floor (two true samples): "
                      "n_target 10: above the floor (difference"));
  // It was put 0.01 above the floor: the interval covers that.
  const Comparison& above = comparison(r, 10, "mmd", "tgdp oracle=guidance", "mmd_floor");
  BOOST_TEST((above.outcome == Outcome::loses));
  BOOST_TEST(above.difference.lo <= 0.01);
  BOOST_TEST(above.difference.hi >= 0.01 - 0.0005);  // its own noise: 0.0005 per replicate
}

BOOST_AUTO_TEST_CASE(a_memorising_generator_is_flagged_and_an_exact_one_is_not) {
  const Report r = report_of_fake_file();
  BOOST_TEST(has_line(r, "memorisation: target_only; n_target 10: nn_ratio 0.0"));
  for (const auto& v : r.verdicts) {
    BOOST_TEST(v.rfind("memorisation: exact_target", 0) != 0, v);
    BOOST_TEST(v.find("target_only; n_target 100") == std::string::npos, v);
    if (v.rfind("memorisation: tgdp oracle=ratio", 0) == 0) {
      BOOST_TEST(v.find("memorises") == std::string::npos, v);
      BOOST_TEST(v.find("concentrated, not copying") != std::string::npos, v);
    }
  }
  BOOST_TEST(has_line(r, "memorisation: 1 of 16 (method row, n_target) memorise"));
  // At 100 target points its nn_ratio alone is clearly below 1, and the control clears it.
  BOOST_TEST(has_line(r, "memorisation: tgdp oracle=ratio; "));
  BOOST_TEST(has_line(r, "1 is concentrated without copying"));
  // loglik is a reported metric, with the true samples' level drawn beside it, not a test.
  bool truth_drawn = false;
  for (const auto& s : plot_named(r, "transfer_loglik").series)
    truth_drawn = truth_drawn || (s.role == "reference" && s.label == "true target samples");
  BOOST_TEST(truth_drawn);
  BOOST_TEST(plot_named(r, "transfer_nn_ratio").hline.value_or(0) == 1.0);
}

BOOST_AUTO_TEST_CASE(tables_only_for_metrics_every_compared_row_has) {
  const Report r = report_of_fake_file();
  // cond_acc has no value in an unconditional sweep: no table, no figure.
  BOOST_TEST(r.body.find("### cond_acc") == std::string::npos);
  for (const auto& p : r.plots) BOOST_TEST(p.name != "transfer_cond_acc");
  // ratio_l1 only learned TGDP rows have: its table lists them alone, and the winners table
  // (plain learned rows) has no ratio_l1 or nn_ratio column.
  const auto at = r.body.find("### ratio_l1");
  BOOST_TEST_REQUIRE(at != std::string::npos);
  const std::string table = r.body.substr(at, r.body.find("###", at + 3) - at);
  BOOST_TEST(table.find("| tgdp |") != std::string::npos);
  BOOST_TEST(table.find("target_only") == std::string::npos, table);
  const auto winners = r.body.find("## Which method wins where");
  BOOST_TEST_REQUIRE(winners != std::string::npos);
  const std::string header = r.body.substr(r.body.find("| n_target |", winners), 200);
  BOOST_TEST(header.find("ratio_l1") == std::string::npos, header);
  BOOST_TEST(header.find("nn_ratio") == std::string::npos, header);
  // Nor has the table of TGDP against each other row: none of them has ratio_l1.
  const auto against = r.body.find("## TGDP against each other row");
  BOOST_TEST_REQUIRE(against != std::string::npos);
  const std::string against_header = r.body.substr(r.body.find("| n_target |", against), 200);
  BOOST_TEST(against_header.find("| mmd |") != std::string::npos, against_header);
  BOOST_TEST(against_header.find("ratio_l1") == std::string::npos, against_header);
  // tgdp and finetune have one law: whichever has the better median ties the other and beats
  // target_only and source_only, and neither is in bold.
  BOOST_TEST((r.body.find("| 10 | finetune (wins: target_only, source_only; ties: tgdp) |") !=
                  std::string::npos ||
              r.body.find("| 10 | tgdp (wins: target_only, source_only; ties: finetune) |") !=
                  std::string::npos),
             r.body);
  // No table pools methods: the generic "medians by axis" tables are not in this report.
  BOOST_TEST(r.body.find("Medians by") == std::string::npos);
  // The MMD figure draws the floor beside the rows, with error bars from the bootstrap.
  const Plot& mmd = plot_named(r, "transfer_mmd");
  bool floor_drawn = false;
  for (const auto& s : mmd.series) {
    floor_drawn = floor_drawn || s.role == "reference";
    if (s.role == "data") BOOST_TEST(s.lo.size() == s.x.size());
  }
  BOOST_TEST(floor_drawn);
  BOOST_TEST(mmd.caption.find("8 replicates per point") != std::string::npos, mmd.caption);
}

BOOST_AUTO_TEST_CASE(thresholds_are_parameters) {
  // A margin of 0.1% makes the equal rows undetermined instead of tied.
  AnalysisParameters strict;
  strict.tie_margin = 0.001;
  const Report r = report_of_fake_file(8, strict);
  BOOST_TEST((comparison(r, 10, "mmd", "tgdp", "finetune").outcome == Outcome::undetermined));
}

// The winners table holds every plain row: source_only, which ignores the target data, wins
// where it is best (here 0.04 at n_target = 10 against TGDP's 0.10), and the reference rows
// (exact_target 0.02, the exact ratio and guidance 0.03) are compared with the winner beside it.
BOOST_AUTO_TEST_CASE(source_only_and_the_references_are_in_the_winners_table) {
  const Report r = report_of_fake_file(8, {}, 0.04);
  const auto winners = r.body.find("## Which method wins where");
  BOOST_TEST_REQUIRE(winners != std::string::npos);
  const std::string table = r.body.substr(winners, r.body.find("\n## ", winners + 3) - winners);
  BOOST_TEST(table.find("| 10 | **source_only** |") != std::string::npos, table);
  BOOST_TEST(table.find("| 100 | **source_only** |") == std::string::npos, table);
  BOOST_TEST(table.find("mmd: references against it") != std::string::npos, table);
  // exact_target (0.02) is below the winner (0.04): it wins against it, with the difference.
  BOOST_TEST(table.find("exact_target: wins (") != std::string::npos, table);
  const Comparison& c = comparison(r, 10, "mmd", "exact_target", "source_only");
  BOOST_TEST((c.outcome == Outcome::wins));
  // About -0.02, less the share of the replicates' luck the two rows do not share.
  BOOST_TEST(c.difference.hi < 0);
  BOOST_TEST(c.difference.lo > -0.05);
}

BOOST_AUTO_TEST_CASE(each_setting_has_its_panel_and_its_own_baselines) {
  const Report r = report_of_fake_file(8, {}, 0.5, {10, 60});
  const Plot& mmd = plot_named(r, "transfer_mmd");
  std::map<std::string, std::set<std::string>> labels_by_panel;
  std::map<std::string, std::set<int>> colours_by_label;
  for (const auto& s : mmd.series) {
    labels_by_panel[s.panel].insert(s.label);
    if (s.role == "data") colours_by_label[s.label].insert(s.color);
  }
  BOOST_TEST(labels_by_panel.size() == 2u);  // every series, the floor too, in its setting's panel
  BOOST_TEST(labels_by_panel.count("target_rotation=10") == 1u);
  BOOST_TEST(labels_by_panel.count("target_rotation=60") == 1u);
  BOOST_TEST(labels_by_panel["target_rotation=60"].count("tgdp") == 1u);
  BOOST_TEST(labels_by_panel["target_rotation=60"].count("floor: two true-target samples") == 1u);
  for (const auto& [label, colours] : colours_by_label) BOOST_TEST(colours.size() == 1u, label);
  // TGDP is compared with the baselines of its own setting, each setting named.
  BOOST_TEST(has_line(r, "n_target = 10, target_rotation=60: tgdp median mmd"));
  bool compared_in_setting = false;
  for (const auto& c : r.comparisons) {
    BOOST_TEST(!(c.a == "tgdp target_rotation=60" && c.b == "target_only target_rotation=10"));
    compared_in_setting = compared_in_setting || (c.a == "tgdp target_rotation=60" &&
                                                  c.b == "target_only target_rotation=60");
  }
  BOOST_TEST(compared_in_setting);
}
