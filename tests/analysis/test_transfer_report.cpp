// The transfer report on a file whose answer is chosen: TGDP beats both baselines at small
// n_target and loses to target_only at large n_target, the exact rows sit at the noise floor,
// eta1 lowers MMD by 20% at n_target = 10, and target_only memorises its 10 points.
#define BOOST_TEST_MODULE transfer_report
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/experiment_reports.hpp"
#include "analysis/results_table.hpp"
#include "tests/support/fake_results_file.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

struct Row {
  const char* method;
  const char* oracle;
  double eta1;
  double mmd[3];  // at n_target 10, 100, 1000
};

const Row rows[] = {
    {"tgdp", "none", 0, {0.05, 0.03, 0.02}},        {"tgdp", "none", 1, {0.04, 0.03, 0.02}},
    {"tgdp", "ratio", 0, {0.012, 0.012, 0.012}},    {"tgdp", "guidance", 0, {0.011, 0.011, 0.011}},
    {"target_only", "none", 0, {0.2, 0.04, 0.015}}, {"finetune", "none", 0, {0.1, 0.05, 0.03}},
    {"source_only", "none", 0, {0.5, 0.5, 0.5}},    {"exact_target", "none", 0, {0.01, 0.01, 0.01}},
};
const double n_targets[] = {10, 100, 1000};

Report report_of_fake_file() {
  test::FakeResults f;
  f.experiment = "transfer";
  f.axes = "method,oracle,eta1,n_target";
  test::FakeColumn method{"method", "parameter", {}, {}, {}},
      oracle{"oracle", "parameter", {}, {}, {}}, eta1{"eta1", "parameter", {}, {}, {}},
      n_target{"n_target", "parameter", {}, {}, {}}, mmd{"mmd", "metric", {}, {}, {}},
      floor{"mmd_floor", "metric", {}, {}, {}}, loglik{"loglik", "metric", {}, {}, {}},
      loglik_true{"loglik_true", "metric", {}, {}, {}},
      time_guidance{"time_guidance", "metric", {}, {}, {}},
      time_classifier{"time_classifier", "metric", {}, {}, {}};
  method.default_value = "tgdp";
  oracle.default_value = "none";
  eta1.default_value = "0";
  n_target.default_value = "100";
  std::uint64_t id = 1;
  for (const Row& row : rows)
    for (int k = 0; k < 3; ++k)
      for (int replicate = 0; replicate < 3; ++replicate) {
        f.point_id.push_back(id++);
        f.status.push_back("done");
        method.text.push_back(row.method);
        oracle.text.push_back(row.oracle);
        eta1.reals.push_back(row.eta1);
        n_target.integers.push_back(static_cast<std::int64_t>(n_targets[k]));
        // Replicates spread +-10% around the chosen median.
        mmd.reals.push_back(row.mmd[k] * (1.0 + 0.1 * (replicate - 1)));
        floor.reals.push_back(0.01);
        const bool memorises = std::string(row.method) == "target_only" && k == 0;
        loglik.reals.push_back(memorises ? -1.0 : -2.5);
        loglik_true.reals.push_back(-2.0);
        time_guidance.reals.push_back(row.eta1 > 0 ? 2.5 : 1.5);
        time_classifier.reals.push_back(0.5);
      }
  f.columns = {method, oracle, eta1,        n_target,      mmd,
               floor,  loglik, loglik_true, time_guidance, time_classifier};
  const std::string dir = test::fresh_dir("transfer-report");
  test::write_fake_results(dir + "/t.h5", f);
  return build_report(load_results(dir + "/t.h5"));
}

bool has_line(const Report& r, const std::string& text) {
  for (const auto& v : r.verdicts)
    if (v.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(floors_are_recognised) {
  const Report r = report_of_fake_file();
  BOOST_TEST(has_line(r,
                      "floor: exact_target: median mmd 0.01 against 0.01 between two true-target "
                      "samples: at the floor"));
  BOOST_TEST(has_line(r, "floor: tgdp oracle=guidance: median mmd 0.011 against 0.01"));
}

BOOST_AUTO_TEST_CASE(tgdp_against_the_baselines_per_n_target) {
  const Report r = report_of_fake_file();
  BOOST_TEST(has_line(r,
                      "n_target = 10: tgdp median mmd 0.05; beats target_only (0.2); beats "
                      "finetune (0.1); beats source_only (0.5); loses to ratio (0.012)"));
  BOOST_TEST(has_line(r, "n_target = 1000: tgdp median mmd 0.02; loses to target_only (0.015)"));
}

BOOST_AUTO_TEST_CASE(the_regulariser_effect_and_its_cost) {
  const Report r = report_of_fake_file();
  BOOST_TEST(has_line(r,
                      "eta1 = 1 against plain tgdp, median mmd: n_target 10: 0.04 vs 0.05 (-20%), "
                      "training 1.5x the time;"));
}

BOOST_AUTO_TEST_CASE(memorisation_is_named) {
  const Report r = report_of_fake_file();
  BOOST_TEST(has_line(r, "memorises: target_only at n_target = 10"));
  BOOST_TEST(!has_line(r, "memorises: target_only at n_target = 100"));
}

BOOST_AUTO_TEST_CASE(winners_table_and_plots) {
  const Report r = report_of_fake_file();
  // At n_target = 10 the best learned row is TGDP with eta1; at 1000 target_only. Oracles and
  // references (exact_target's 0.01) never win.
  BOOST_TEST(r.body.find("| 10 | tgdp eta1=1 |") != std::string::npos, r.body);
  BOOST_TEST(r.body.find("| 1000 | target_only |") != std::string::npos);
  bool mmd_plot = false;
  for (const auto& p : r.plots) mmd_plot = mmd_plot || (p.name == "transfer_mmd" && p.logx);
  BOOST_TEST(mmd_plot);
}
