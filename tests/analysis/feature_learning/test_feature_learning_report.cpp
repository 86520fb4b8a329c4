// The feature-learning report on a file whose answer is chosen: diffusion R = 0.5 (n SNR^2)^0.8
// with log-normal noise and a few unconverged runs that must be left out of the fit; the
// classifier's R = 10^(2.5 tanh(2 log10(n SNR^2 / 2.3))), crossing 1 at 2.3 within half a decade.
#define BOOST_TEST_MODULE feature_learning_report
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>
#include <regex>
#include <sstream>

#include "analysis/report/experiment_reports.hpp"
#include "analysis/report/results_table.hpp"
#include "tests/support/fake_results_file.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

constexpr double diffusion_slope = 0.8;
constexpr double classifier_crossing = 2.3;

double classifier_ratio(double x) {
  return std::pow(10.0, 2.5 * std::tanh(2.0 * std::log10(x / classifier_crossing)));
}

// The crossing of 0.1 and of 10 solve 2.5 tanh(2 u) = -+1, u = log10(x / 2.3).
double classifier_width() { return 2 * std::atanh(0.4) / 2.0; }

test::FakeResults feature_learning_file(int pending) {
  test::FakeResults f;
  f.experiment = "feature_learning";
  f.axes = "model,n,nsnr2";
  test::FakeColumn model{"model", "parameter", {}, {}, {}}, n{"n", "parameter", {}, {}, {}},
      d{"d", "parameter", {}, {}, {}}, snr{"snr", "parameter", {}, {}, {}},
      replicate{"replicate", "point", {}, {}, {}};
  std::map<std::string, test::FakeColumn> metric;
  for (const char* name :
       {"S", "N", "R", "train_loss", "test_loss", "test_acc", "converged", "steps", "snr", "nsnr2"})
    metric[name] = {name, "metric", {}, {}, {}};
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0.0, 0.05);
  std::uint64_t id = 1;
  for (const std::string m : {"diffusion", "classification"})
    for (const std::int64_t n_value : {100, 400})
      for (int k = 0; k < 19; ++k)
        for (int r = 0; r < 3; ++r) {
          const double x = std::pow(10.0, -1.0 + k / 6.0);  // 0.1 .. 100
          const bool done = !(m == "classification" && n_value == 400 && k == 18 && r < pending);
          const bool diffusion = m == "diffusion";
          // The largest two n SNR^2 of diffusion's first replicate ran out of iterations, with
          // an R far off the curve: only their exclusion keeps the fit on the power law.
          const bool converged = diffusion ? !(k >= 17 && r == 0) : false;
          double ratio = diffusion ? 0.5 * std::pow(x, diffusion_slope) * std::exp(noise(rng))
                                   : classifier_ratio(x) * std::exp(noise(rng));
          if (diffusion && !converged) ratio = 1e-3;
          const double nan = std::nan("");
          const double acc =
              diffusion ? nan : 0.5 + 0.5 / (1 + std::pow(classifier_crossing / x, 4));
          f.point_id.push_back(id);
          f.status.push_back(done ? "done" : "pending");
          model.text.push_back(m);
          n.integers.push_back(n_value);
          d.integers.push_back(50);
          snr.reals.push_back(std::sqrt(x / n_value));
          replicate.integers.push_back(r);
          auto put = [&](const char* name, double v) {
            metric[name].reals.push_back(done ? v : nan);
          };
          put("S", ratio);
          put("N", 1.0);
          put("R", ratio);
          put("train_loss", 0.1);
          put("test_loss", 0.2);
          put("test_acc", acc);
          put("converged", converged ? 1 : 0);
          put("steps", 1000);
          put("snr", std::sqrt(x / n_value));
          put("nsnr2", x);
          if (done) {
            std::vector<double> step, s, noise_learning;
            for (int t = 0; t <= 20; ++t) {
              step.push_back(50.0 * t);
              s.push_back(0.01 + ratio * (1 - std::exp(-t / 4.0)));
              noise_learning.push_back(0.01 + (1 - std::exp(-t / 4.0)));
            }
            f.series[id] = {{"step", step}, {"S", s}, {"N", noise_learning}, {"R", s}};
          }
          ++id;
        }
  // snr appears as a parameter and a metric in the real experiment; the file has one dataset.
  f.columns = {model, n, d, replicate};
  f.columns.push_back(snr);
  for (auto& [name, c] : metric)
    if (name != "snr") f.columns.push_back(c);
  return f;
}

// The numbers of a verdict line, in order.
std::vector<double> numbers_in(const std::string& line) {
  std::vector<double> out;
  const std::regex number(R"([-+]?[0-9]*\.?[0-9]+(e[-+]?[0-9]+)?)");
  for (std::sregex_iterator it(line.begin(), line.end(), number), end; it != end; ++it)
    out.push_back(std::stod(it->str()));
  return out;
}

// "slope A [LO, HI], R^2 Q over K ..." -> A, LO, HI, Q, K, ...
std::vector<double> fit_numbers(const std::string& line) {
  const auto rest = std::regex_replace(line.substr(line.find("slope")), std::regex(R"(R\^2)"), "");
  return numbers_in(rest);
}

std::string line_starting(const std::vector<std::string>& lines, const std::string& start) {
  for (const auto& l : lines)
    if (l.rfind(start, 0) == 0) return l;
  BOOST_FAIL("no verdict starting with '" + start + "'");
  return {};
}

}  // namespace

BOOST_AUTO_TEST_CASE(diffusion_power_law_fitted_on_converged_runs_only) {
  const std::string dir = test::fresh_dir("fl-report");
  test::write_fake_results(dir + "/fl.h5", feature_learning_file(0));
  const Report r = build_report(load_results(dir + "/fl.h5"));
  const std::string v =
      line_starting(r.verdicts, "diffusion: R grows as a power of n*SNR^2: slope");
  // "slope A [LO, HI], R^2 Q over K converged points, 2-3 replicates per point (median 3); E
  // unconverged points excluded": the bootstrap interval covers the known slope.
  const std::regex pooled(
      R"(.*slope ([0-9.]+) \[([0-9.]+), ([0-9.]+)\], R\^2 ([0-9.]+) over ([0-9]+) converged points, 2-3 replicates per point \(median 3\)(?:; no curvature: [^;]*)?; ([0-9]+) unconverged points excluded)");
  std::smatch m;
  BOOST_TEST_REQUIRE(std::regex_match(v, m, pooled), v);
  BOOST_TEST(std::stod(m[2]) <= diffusion_slope);
  BOOST_TEST(std::stod(m[3]) >= diffusion_slope);
  BOOST_TEST(std::stod(m[1]) == diffusion_slope, boost::test_tools::tolerance(0.02));
  BOOST_TEST(std::stod(m[4]) > 0.98);             // R^2
  BOOST_TEST(std::stoi(m[5]) == 2 * 19 * 3 - 4);  // converged points
  BOOST_TEST(std::stoi(m[6]) == 4);               // excluded
  // The R figure draws that fit, its slope and interval in the legend, and the claim cites it.
  const Plot& ratio = r.plots.front();
  BOOST_TEST_REQUIRE(ratio.name == "fl_R_vs_nsnr2");
  const auto fit = std::find_if(ratio.series.begin(), ratio.series.end(),
                                [](const PlotSeries& s) { return s.role == "fit"; });
  BOOST_TEST_REQUIRE((fit != ratio.series.end()));
  BOOST_TEST(fit->label.find("slope " + std::string(m[1]) + " [" + std::string(m[2]) + ", " +
                             std::string(m[3]) + "]") != std::string::npos,
             fit->label);
  BOOST_TEST(
      ratio.caption.find("diffusion: 2-3 replicates per point (median 3)") != std::string::npos,
      ratio.caption);
  BOOST_TEST_REQUIRE(!r.claims.empty());
  BOOST_TEST(r.claims.front().heading == "diffusion: R against n*SNR^2");
  BOOST_TEST(r.claims.front().figures.front() == "fl_R_vs_nsnr2");
  // Per n, too: each n's fit covers the slope.
  for (const std::string n : {"100", "400"}) {
    const auto per_n = fit_numbers(line_starting(r.verdicts, "diffusion n=" + n + ": R grows"));
    BOOST_TEST(per_n[1] <= diffusion_slope);
    BOOST_TEST(per_n[2] >= diffusion_slope);
    BOOST_TEST(per_n[4] == 19 * 3 - 2);
  }
}

BOOST_AUTO_TEST_CASE(classifier_crossing_and_sharpness) {
  const std::string dir = test::fresh_dir("fl-cross");
  test::write_fake_results(dir + "/fl.h5", feature_learning_file(0));
  const Report r = build_report(load_results(dir + "/fl.h5"));
  const std::string v =
      line_starting(r.verdicts, "classification pooled over n: R crosses 1 at n*SNR^2 = ");
  BOOST_TEST(v.find("a sharp transition (the interval is below 1 decade)") != std::string::npos, v);
  // "= X [LO, HI], from 0.1 to 10 within W [WLO, WHI] decades": the crossing's interval covers
  // the known crossing, the width is the curve's (the grid's interpolation moves it a little).
  const auto num = numbers_in(v.substr(v.find(" = ")));
  BOOST_TEST_REQUIRE(num.size() >= 8u);
  BOOST_TEST(num[0] == classifier_crossing, boost::test_tools::tolerance(0.05));
  BOOST_TEST(num[1] <= classifier_crossing);
  BOOST_TEST(num[2] >= classifier_crossing);
  BOOST_TEST(num[5] == classifier_width(), boost::test_tools::tolerance(0.15));
  BOOST_TEST(num[6] <= num[5]);
  BOOST_TEST(num[7] >= num[5]);
  BOOST_TEST(num[7] < 1.0);
  const std::string acc = line_starting(r.verdicts, "classification: median test accuracy");
  BOOST_TEST(acc.find("near chance below, near 1 above, as predicted") != std::string::npos);
  // No power-law claim is made for the classifier, nor an accuracy one for diffusion.
  for (const auto& line : r.verdicts) {
    BOOST_TEST(line.find("classification: R grows") == std::string::npos);
    BOOST_TEST(line.find("diffusion: median test accuracy") == std::string::npos);
  }
  // The figures: R and accuracy against n SNR^2 on log axes, and the training dynamics per model.
  BOOST_TEST_REQUIRE(r.plots.size() == 4u);
  BOOST_TEST(r.plots[0].logx);
  BOOST_TEST(r.plots[0].logy);
  BOOST_TEST(r.plots[2].name == "fl_dynamics_diffusion");
  BOOST_TEST(r.plots[2].series.size() == 6u);  // S and N at three n SNR^2
}

BOOST_AUTO_TEST_CASE(dynamics_drawn_at_chosen_points) {
  const std::string dir = test::fresh_dir("fl-dynamics");
  test::write_fake_results(dir + "/fl.h5", feature_learning_file(0));
  ReportOptions options;
  options.dynamics_at = {6.75, 0.75};  // the paper's two cases; the grid has 0.681 and 6.81
  const Report r = build_report(load_results(dir + "/fl.h5"), options);
  const auto plot = std::find_if(r.plots.begin(), r.plots.end(), [](const Plot& p) {
    return p.name == "fl_dynamics_classification";
  });
  BOOST_TEST_REQUIRE((plot != r.plots.end()));
  BOOST_TEST_REQUIRE(plot->series.size() == 4u);
  // A panel per run, titled by its n SNR^2 (2 digits), S and N in it in their own colours, the
  // same in every panel; the caption names the run's other axes.
  BOOST_TEST(plot->series[0].panel == "$n\\,\\mathrm{SNR}^2$ = 0.68");
  BOOST_TEST(plot->series[0].label == "S: signal learning");
  BOOST_TEST(plot->series[1].panel == "$n\\,\\mathrm{SNR}^2$ = 0.68");
  BOOST_TEST(plot->series[1].label == "N: noise learning");
  BOOST_TEST(plot->series[1].dashed);
  BOOST_TEST(plot->series[1].color != plot->series[0].color);
  BOOST_TEST(plot->series[2].panel == "$n\\,\\mathrm{SNR}^2$ = 6.8");
  BOOST_TEST(plot->series[2].color == plot->series[0].color);
  BOOST_TEST(plot->caption.find("the first replicate at n = 400") != std::string::npos,
             plot->caption);
  BOOST_TEST(plot->series[2].x.size() == 21u);  // the step series as stored
  BOOST_TEST(plot->series[2].x.back() == 1000.0);
}

BOOST_AUTO_TEST_CASE(a_flat_classifier_gets_an_honest_negative_verdict) {
  auto f = feature_learning_file(0);
  // Make every classifier R small: noise memorised everywhere, no transition in range.
  for (auto& c : f.columns)
    if (c.name == "R")
      for (std::size_t i = 0; i < c.reals.size(); ++i)
        if (f.columns[0].text[i] == "classification") c.reals[i] = 0.05;
  const std::string dir = test::fresh_dir("fl-flat");
  test::write_fake_results(dir + "/fl.h5", f);
  const Report r = build_report(load_results(dir + "/fl.h5"));
  const std::string v =
      line_starting(r.verdicts, "classification pooled over n: R never crosses 1");
  BOOST_TEST(v.find("no transition in this range") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_points_are_counted) {
  const std::string dir = test::fresh_dir("fl-missing");
  auto f = feature_learning_file(2);
  for (auto& c : f.columns)
    if (c.name == "R") c.reals[5] = std::nan("");  // a diffusion run with no R
  test::write_fake_results(dir + "/fl.h5", f);
  const Report r = build_report(load_results(dir + "/fl.h5"));
  BOOST_TEST(
      std::count(r.notes.begin(), r.notes.end(),
                 "diffusion: 1 finished runs have no finite R or n*SNR^2 and are left out") == 1);
  BOOST_TEST(std::count(r.notes.begin(), r.notes.end(),
                        "classification: 2 points not done (missing, failed, diverged, or never "
                        "placed by an adaptive search) are not in the curves") == 1);
  BOOST_TEST(r.verdicts.front() ==
             dir +
                 "/fl.h5: 228 points: 226 done, 0 failed, 0 diverged, 2 missing (pending or "
                 "running): the sweep is unfinished; verdicts use the finished points only");
}

namespace {

// A width sweep (axes m, t, n SNR^2; n fixed): R = 0.5 (n SNR^2)^slope(m, t), each curve its own
// slope, R0 a tenth of R, patch_to_noise2 / n the regime 0.02 (t = 2.5) or 2 (t = 0.5).
double width_slope(std::int64_t m, double t) { return (t > 1 ? 1.0 : 0.6) - 0.05 * m; }

test::FakeResults width_file() {
  test::FakeResults f;
  f.experiment = "feature_learning";
  f.axes = "m,t,nsnr2";
  test::FakeColumn model{"model", "parameter", {}, {}, {}}, n{"n", "parameter", {}, {}, {}},
      m_col{"m", "parameter", {}, {}, {}}, t_col{"t", "parameter", {}, {}, {}},
      nsnr2{"nsnr2", "parameter", {}, {}, {}}, replicate{"replicate", "point", {}, {}, {}};
  std::map<std::string, test::FakeColumn> metric;
  for (const char* name : {"R", "R0", "converged", "patch_to_noise2"})
    metric[name] = {name, "metric", {}, {}, {}};
  std::mt19937_64 rng(11);
  std::normal_distribution<double> noise(0.0, 0.05);
  std::uint64_t id = 1;
  for (const std::int64_t m : {1, 4})
    for (const double t : {0.5, 2.5})
      for (int k = 0; k < 7; ++k)
        for (int r = 0; r < 3; ++r) {
          const double x = std::pow(10.0, -2.0 + k / 2.0);
          const double ratio = 0.5 * std::pow(x, width_slope(m, t)) * std::exp(noise(rng));
          f.point_id.push_back(id++);
          f.status.push_back("done");
          model.text.push_back("diffusion");
          n.integers.push_back(64);
          m_col.integers.push_back(m);
          t_col.reals.push_back(t);
          nsnr2.reals.push_back(x);
          replicate.integers.push_back(r);
          metric["R"].reals.push_back(ratio);
          metric["R0"].reals.push_back(ratio / 10);
          metric["converged"].reals.push_back(1);
          metric["patch_to_noise2"].reals.push_back(64 * (t > 1 ? 0.02 : 2.0));
        }
  f.columns = {model, n, m_col, t_col, nsnr2, replicate};
  for (auto& [name, c] : metric) f.columns.push_back(c);
  return f;
}

}  // namespace

// Curves that differ in more than n are fitted one by one (each finds its own slope),
// drawn one panel per t with a fitted law per curve, and never pooled into a claim.
BOOST_AUTO_TEST_CASE(a_width_sweep_gets_a_fit_per_curve_and_a_panel_per_t) {
  const std::string dir = test::fresh_dir("fl-width-report");
  test::write_fake_results(dir + "/w.h5", width_file());
  const Report r = build_report(load_results(dir + "/w.h5"));
  for (const auto& v : r.verdicts) BOOST_TEST(v.rfind("diffusion: ", 0) != 0u, v);
  for (const std::int64_t m : {1, 4})
    for (const char* t : {"0.5", "2.5"}) {
      const auto fit = fit_numbers(line_starting(
          r.verdicts, "diffusion n=64 m=" + std::to_string(m) + " t=" + t + ": R grows"));
      const double slope = width_slope(m, std::stod(t));
      // Each curve's own slope, not the others' (they are 0.2 to 0.6 apart). Coverage of the
      // intervals is tested on the one-curve file above.
      BOOST_TEST(std::abs(fit[0] - slope) < 0.03, "m = " << m << ", t = " << t << ": " << fit[0]);
      BOOST_TEST(fit[1] < fit[0]);
      BOOST_TEST(fit[2] > fit[0]);
    }
  std::vector<std::string> names;
  for (const auto& p : r.plots)
    if (p.name.rfind("fl_R_vs_nsnr2", 0) == 0) {
      names.push_back(p.name);
      const auto fits = std::count_if(p.series.begin(), p.series.end(),
                                      [](const PlotSeries& s) { return s.role == "fit"; });
      BOOST_TEST(fits == 2, p.name);
      // The same m has the same colour in both panels.
      for (const auto& s : p.series)
        if (s.role == "fit")
          BOOST_TEST(s.color == (s.label.find("m=1") != std::string::npos ? 0 : 1), s.label);
    }
  BOOST_TEST((names == std::vector<std::string>{"fl_R_vs_nsnr2_t_0.5", "fl_R_vs_nsnr2_t_2.5"}));
  // The fits table: each curve's regime; the file records no S0, N0 or w_norm0, so training's
  // effect is "not recorded", and a note says so.
  BOOST_TEST(r.body.find("| diffusion | n=64 m=4 t=0.5 | 2 | 21 |") != std::string::npos, r.body);
  BOOST_TEST(r.body.find("| diffusion | n=64 m=1 t=2.5 | 0.02 | 21 |") != std::string::npos,
             r.body);
  BOOST_TEST(r.body.find("| diffusion | all | 0.02 to 2 |") != std::string::npos, r.body);
  BOOST_TEST(r.body.find("| not recorded |\n") != std::string::npos, r.body);
  // Each curve's local slopes at its ends: a power law's are its slope (m = 1, t = 2.5: 0.95).
  BOOST_TEST(
      r.body.find("| local slope, low to high end [intervals] | training |") != std::string::npos,
      r.body);
  const auto row = r.body.find("| diffusion | n=64 m=1 t=2.5 | 0.02 | 21 |");
  BOOST_TEST_REQUIRE(row != std::string::npos);
  std::vector<std::string> cells;
  std::stringstream line(r.body.substr(row + 1, r.body.find('\n', row) - row - 1));
  for (std::string cell; std::getline(line, cell, '|');) cells.push_back(cell);
  BOOST_TEST_REQUIRE(cells.size() == 10u);
  // "A [LO, HI] to B [LO, HI]": both ends within their intervals of the curve's one slope.
  const auto ends = numbers_in(cells[8]);
  BOOST_TEST_REQUIRE(ends.size() == 6u, cells[8]);
  const double slope = width_slope(1, 2.5);
  BOOST_TEST(ends[1] <= slope, cells[8]);
  BOOST_TEST(ends[2] >= slope, cells[8]);
  BOOST_TEST(ends[4] <= slope, cells[8]);
  BOOST_TEST(ends[5] >= slope, cells[8]);
}

namespace {

// The classifier at n = 16, 32, 64, 128, its R = (n SNR^2 / c(n))^3 crossing 1 at
// c(n) = 2 (n / 16)^0.25 (2, 2.38, 2.83, 3.36: slope 0.25 of log crossing on log n), test
// accuracy rising from 0.6 to 0.9 over log10(2) decades around c(n); one run at n = 16,
// n SNR^2 = 100 stops by grad_tol after 1 step with its filters barely moved. The diffusion
// model at n = 64: R = 0.5 n SNR^2, except at n SNR^2 = 0.01, where no run trained (S, N and |W|
// within 8% of their start), and at 0.1, where R stays at R0 while S and N grew 9x.
double crossing_at(double n) { return 2 * std::pow(n / 16, 0.25); }

test::FakeResults trend_file() {
  test::FakeResults f;
  f.experiment = "feature_learning";
  f.axes = "model,n,nsnr2";
  test::FakeColumn model{"model", "parameter", {}, {}, {}}, n{"n", "parameter", {}, {}, {}},
      replicate{"replicate", "point", {}, {}, {}};
  std::map<std::string, test::FakeColumn> metric;
  for (const char* name : {"S", "N", "R", "R0", "S0", "N0", "w_norm", "w_norm0", "test_acc",
                           "converged", "steps", "nsnr2"})
    metric[name] = {name, "metric", {}, {}, {}};
  std::mt19937_64 rng(13);
  std::normal_distribution<double> z(0.0, 0.05);
  std::uint64_t id = 1;
  const double nan = std::nan("");
  auto add = [&](const std::string& m, std::int64_t n_value, int r, double x, double ratio,
                 double growth_s, double growth_n, double growth_w, double acc, double steps) {
    f.point_id.push_back(id++);
    f.status.push_back("done");
    model.text.push_back(m);
    n.integers.push_back(n_value);
    replicate.integers.push_back(r);
    const double s0 = 0.02, n0 = 0.01;
    metric["S0"].reals.push_back(s0);
    metric["N0"].reals.push_back(n0);
    metric["R0"].reals.push_back(s0 / n0);
    metric["N"].reals.push_back(n0 * growth_n);
    metric["S"].reals.push_back(n0 * growth_n * ratio);
    // S/S0 as asked: R is set by S/N, so S's growth follows from R's; growth_s only checks it.
    BOOST_TEST_REQUIRE(std::abs(n0 * growth_n * ratio / s0 / growth_s - 1) < 0.2);
    metric["R"].reals.push_back(ratio);
    metric["w_norm0"].reals.push_back(0.1);
    metric["w_norm"].reals.push_back(0.1 * growth_w);
    metric["test_acc"].reals.push_back(acc);
    metric["converged"].reals.push_back(1);
    metric["steps"].reals.push_back(steps);
    metric["nsnr2"].reals.push_back(x);
  };
  for (const std::int64_t n_value : {16, 32, 64, 128})
    for (int k = 0; k < 19; ++k)
      for (int r = 0; r < 3; ++r) {
        const double x = std::pow(10.0, -1.0 + k / 6.0);  // 0.1 .. 100
        const double c = crossing_at(double(n_value));
        const double acc = 0.5 + 0.5 / (1 + std::pow(c / x, 4)) + 0.005 * z(rng);
        if (n_value == 16 && k == 18 && r == 0) {
          // Stopped at step 1: S 1.5x, N 1.1x, |W| 1.4x; R near R0 = 2.
          add("classification", n_value, r, x, 2 * 1.5 / 1.1, 1.5, 1.1, 1.4, 0.99, 1);
          continue;
        }
        const double ratio = std::pow(x / c, 3) * std::exp(z(rng));
        add("classification", n_value, r, x, ratio, ratio * 10 / 2, 10, 12, acc, 3000);
      }
  for (int k = 0; k < 7; ++k)
    for (int r = 0; r < 3; ++r) {
      const double x = std::pow(10.0, -2.0 + k / 2.0);  // 0.01 .. 10
      const double e = std::exp(z(rng));
      if (k == 0)
        add("diffusion", 64, r, x, 2 * 1.05 * e / 1.02, 1.05 * e, 1.02, 1.08, nan, 400);
      else if (k == 2)
        add("diffusion", 64, r, x, 2 * e, 9 * e, 9, 10, nan, 400);
      else
        add("diffusion", 64, r, x, 0.5 * x * e, 0.5 * x * e * 9 / 2, 9, 10, nan, 400);
    }
  f.columns = {model, n, replicate};
  for (auto& [name, c] : metric) f.columns.push_back(c);
  return f;
}

}  // namespace

// Per-n crossings first, each with its interval and the accuracy-based width; the trend across n
// as its own verdict; the run that stopped at step 1 flagged and left out; the point where no run
// trained flagged, and the one with R = R0 after S and N grew 9x called trained.
BOOST_AUTO_TEST_CASE(per_curve_crossings_their_trend_and_training_verdicts) {
  const std::string dir = test::fresh_dir("fl-trend");
  test::write_fake_results(dir + "/fl.h5", trend_file());
  const Report r = build_report(load_results(dir + "/fl.h5"));
  std::size_t first_curve = r.verdicts.size(), pooled = 0, trend = 0;
  for (const std::int64_t n : {16, 32, 64, 128}) {
    const std::string prefix = "classification n=" + std::to_string(n) + ": R crosses 1 at ";
    const std::string v = line_starting(r.verdicts, prefix);
    const auto num = numbers_in(v.substr(v.find(" = ") + 3));
    const double c = crossing_at(double(n));
    BOOST_TEST(num[0] == c, boost::test_tools::tolerance(0.05));
    BOOST_TEST(num[1] <= c, v);
    BOOST_TEST(num[2] >= c, v);
    // The accuracy-based width beside it: log10(2) = 0.30 decades.
    const std::string rise = "test accuracy rises from 0.6 to 0.9 within ";
    const auto at = v.find(rise);
    BOOST_TEST_REQUIRE(at != std::string::npos, v);
    const auto width = numbers_in(v.substr(at + rise.size()));
    BOOST_TEST(width[0] == std::log10(2.0), boost::test_tools::tolerance(0.15));
    BOOST_TEST(width[1] <= width[0]);
    BOOST_TEST(width[2] >= width[0]);
    for (std::size_t k = 0; k < r.verdicts.size(); ++k)
      if (r.verdicts[k] == v) first_curve = std::min(first_curve, k);
  }
  for (std::size_t k = 0; k < r.verdicts.size(); ++k) {
    if (r.verdicts[k].rfind("classification pooled over n: R crosses 1", 0) == 0) pooled = k;
    if (r.verdicts[k].rfind("classification: the crossing of 1 against n: ", 0) == 0) trend = k;
  }
  BOOST_TEST(first_curve < trend);
  BOOST_TEST(trend < pooled);
  const std::string t = r.verdicts[trend];
  BOOST_TEST(t.rfind("classification: the crossing of 1 against n: rises: slope of log crossing "
                     "on log n ",
                     0) == 0u,
             t);
  const auto slope = numbers_in(t.substr(t.find("log n ") + 6));
  BOOST_TEST(slope[0] == 0.25, boost::test_tools::tolerance(0.2));
  BOOST_TEST(slope[1] <= 0.25);
  BOOST_TEST(slope[2] >= 0.25);
  BOOST_TEST(t.find("over 4 curves (n = 16: 2") != std::string::npos, t);
  // The trend in fits.csv as well: the crossings' power law in n, the trend's interval.
  const auto row = std::find_if(r.fits.begin(), r.fits.end(), [](const FitRow& f) {
    return f.group == "model=classification crossing of 1";
  });
  BOOST_TEST_REQUIRE((row != r.fits.end()));
  BOOST_TEST(row->x_name == "n");
  BOOST_TEST(row->fit.points == 4u);
  BOOST_TEST(row->fit.slope == slope[0], boost::test_tools::tolerance(0.03));  // as printed
  BOOST_TEST(row->slope.lo == slope[1], boost::test_tools::tolerance(0.03));
  // The step-1 run: flagged, on no curve.
  const std::string early = line_starting(r.verdicts, "classification: 1 runs stopped by grad_tol");
  BOOST_TEST(
      early.find("within 10 steps (n=16 at n*SNR^2 = 100): flagged, not counted as "
                 "converged and on no curve; their median |W|/|W0| is 1.4") != std::string::npos,
      early);
  BOOST_TEST(r.verdicts[pooled].find("(medians over 227 finished runs, 227 converged)") !=
                 std::string::npos,
             r.verdicts[pooled]);
  // Diffusion: the untrained point is flagged and its runs left out; R = R0 with S, N grown 9x
  // is trained.
  const std::string still = line_starting(r.verdicts, "diffusion: 3 runs at initialisation");
  BOOST_TEST(still.find("n=64 at n*SNR^2 = 0.01 (3 runs)") != std::string::npos, still);
  const std::string curve = line_starting(r.verdicts,
                                          "diffusion n=64: training: 6 of 7 points "
                                          "trained, 1 at initialisation");
  BOOST_TEST(curve.find("at initialisation at n*SNR^2 = 0.01: at initialisation (moved 0.0") !=
                 std::string::npos,
             curve);
  BOOST_TEST(curve.find("|W|/|W0| 10 (medians)") != std::string::npos, curve);
  const std::string law = line_starting(r.verdicts, "diffusion: R ");
  BOOST_TEST(law.find("over 18 converged points") != std::string::npos, law);
  BOOST_TEST(law.find("3 unconverged points excluded") == std::string::npos, law);
  // The table: per point, S/S0, N/N0, |W|/|W0| (its bars escaped, so the table keeps its
  // columns) and the verdict with its interval.
  BOOST_TEST(r.body.find("| N/N0 | \\|W\\|/\\|W0\\| | training [interval] |") != std::string::npos,
             r.body);
  BOOST_TEST(r.body.find("| diffusion | n=64 | 0.1 | 3 | 3 | 0 | 2") != std::string::npos, r.body);
  BOOST_TEST(r.body.find("| 9 | 10 | trained (1 [") != std::string::npos, r.body);
  BOOST_TEST(r.body.find("| diffusion | n=64 | 0.01 | 3 | 0 | 3 | - | - |") != std::string::npos,
             r.body);
  // summary.csv carries each point's growths and the decades its runs moved.
  const auto moved = [&](double x) {
    for (const auto& row : r.summary)
      if (row.group == "model=diffusion n=64" && row.metric == "training_decades" &&
          std::abs(row.x - x) < 1e-9 * x)
        return row.spread.median;
    BOOST_FAIL("no training_decades row at " << x);
    return 0.0;
  };
  BOOST_TEST(moved(0.01) < 0.3);  // the point at initialisation
  BOOST_TEST(moved(0.1) > 0.3);
  // The figures draw the runs their curves leave out: the untrained diffusion point's three runs
  // and the classifier's step-1 run, each as a cross in its curve's colour.
  std::size_t untrained_marks = 0;
  for (const auto& p : r.plots)
    for (const auto& s : p.series)
      if (s.points_only && s.label.find(": untrained (excluded)") != std::string::npos)
        untrained_marks += s.x.size();
  BOOST_TEST(untrained_marks == 4u);
}
