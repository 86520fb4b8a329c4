// End to end on the fixture of real digits: a small Noisy-MNIST sweep through the runner, then
// diffsweep-analyze, which draws Figure 3 (noisy image, classifier input gradient, denoised image)
// from the points' fig3_* series. The child processes inherit DIFFSWEEP_MNIST_DIR.
#define BOOST_TEST_MODULE noisy_mnist_report
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>

#include "analysis/report/experiment_reports.hpp"
#include "analysis/report/results_table.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

// n = 24: at n = 16 and n SNR^2 = 0.1 the diffusion model's default step diverges for some seeds.
const char* sweep_text = R"([sweep]
experiment = feature_learning
name = noisy_mnist_small
seed = 3

[fixed]
data = noisy_mnist
d = 784
n = 24
n_test = 20
iters = 400

[axes]
model = diffusion, classification
nsnr2 = 0.1, 100
)";

}  // namespace

BOOST_AUTO_TEST_CASE(a_noisy_mnist_sweep_gets_figure_3) {
  setenv("DIFFSWEEP_MNIST_DIR", DIFFSWEEP_MNIST_FIXTURE, 1);
  const std::string dir = test::fresh_dir("noisy-mnist-report");
  test::write_text(dir + "/s.ini", sweep_text);
  const auto run =
      test::run_process({DIFFSWEEP_BIN, dir + "/s.ini", "-o", dir + "/r.h5", "-q"}, dir);
  BOOST_TEST_REQUIRE(run.status == 0, run.err);

  const Report r = build_report(load_results(dir + "/r.h5"));
  const Plot* figure = nullptr;
  const Plot* filters = nullptr;
  for (const auto& p : r.plots) {
    if (p.name == "noisy_mnist_fig3") figure = &p;
    if (p.name == "noisy_mnist_filters") filters = &p;
  }
  BOOST_TEST_REQUIRE(figure);
  BOOST_TEST_REQUIRE(filters);
  // 3 rows (the diffusion filter, the classifier's two banks) x 2 n*SNR^2, each 28 x 28.
  BOOST_TEST(filters->kind == "images");
  BOOST_TEST(filters->series.size() == 6u);
  for (const auto& s : filters->series) BOOST_TEST(s.y.size() == 784u, s.label);
  BOOST_TEST(filters->series.back().label ==
             "classifier filter $w_{-1,1}$|$n\\,\\mathrm{SNR}^2$ = 100");
  BOOST_TEST(figure->kind == "images");
  // 4 rows x 2 n*SNR^2 x 4 images, each 28 x 28.
  BOOST_TEST(figure->series.size() == 32u);
  for (const auto& s : figure->series) BOOST_TEST(s.y.size() == 784u, s.label);
  BOOST_TEST(figure->series.front().label ==
             "clean image $x_0$|$n\\,\\mathrm{SNR}^2$ = 0.1, image 0");
  BOOST_TEST(figure->series.back().label ==
             "diffusion denoised image|$n\\,\\mathrm{SNR}^2$ = 100, image 3");

  const auto analyze = test::run_process({ANALYZE_BIN, dir + "/r.h5", "-o", dir + "/report"}, dir);
  BOOST_TEST_REQUIRE(analyze.status == 0, analyze.err);
  BOOST_TEST(std::filesystem::file_size(dir + "/report/noisy_mnist_fig3.png") > 10000u);
  BOOST_TEST(std::filesystem::file_size(dir + "/report/noisy_mnist_filters.png") > 10000u);
  BOOST_TEST(test::read_text(dir + "/report/report.md").find("noisy_mnist_fig3.png") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(two_patch_sweeps_get_no_figure_3) {
  const std::string dir = test::fresh_dir("two-patch-report");
  test::write_text(dir + "/s.ini",
                   "[sweep]\nexperiment = feature_learning\nname = tp\nseed = 1\n[fixed]\nd = 40\n"
                   "n = 8\nn_test = 10\niters = 50\n[axes]\nmodel = diffusion, classification\n");
  const auto run =
      test::run_process({DIFFSWEEP_BIN, dir + "/s.ini", "-o", dir + "/r.h5", "-q"}, dir);
  BOOST_TEST_REQUIRE(run.status == 0, run.err);
  for (const auto& p : build_report(load_results(dir + "/r.h5")).plots) {
    BOOST_TEST(p.name != "noisy_mnist_fig3");
    BOOST_TEST(p.name != "noisy_mnist_filters");
  }
}
