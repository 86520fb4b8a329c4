// The Noisy-MNIST figures from a results file written by the results library's writer: Figure
// 3's grid (rows in the paper's order, the largest n's first replicate at the lowest and highest
// n*SNR^2) and the learned filters' grid; a note when the points have no images; nothing for
// another data source.
#define BOOST_TEST_MODULE noisy_mnist_figure
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "analysis/feature_learning/noisy_mnist_figure.hpp"
#include "tests/support/fake_results_file.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;
namespace fs = std::filesystem;

namespace {

const std::vector<double> image = {0, 0.25, 0.5, 1};

// Rows 0 to 3: n = 16, first replicate, each model at n*SNR^2 1 and 10; row 4 a smaller n, row 5
// a second replicate (neither shown).
test::FakeResults fake(const std::string& data, bool with_series) {
  test::FakeResults f;
  f.experiment = "feature_learning";
  f.axes = "model,n,nsnr2";
  f.point_id = {0, 1, 2, 3, 4, 5};
  f.status = std::vector<std::string>(6, "done");
  f.columns = {
      {"model",
       "parameter",
       {},
       {},
       {"diffusion", "diffusion", "classification", "classification", "diffusion", "diffusion"}},
      {"data", "parameter", {}, {}, std::vector<std::string>(6, data)},
      {"n", "parameter", {16, 16, 16, 16, 8, 16}},
      {"nsnr2", "parameter", {1, 10, 1, 10, 1, 1}},
      {"replicate", "point", {}, {0, 0, 0, 0, 0, 1}}};
  if (with_series) {
    f.series[0] = {{"fig3_image_0", image},
                   {"fig3_image_1", image},
                   {"fig3_noisy_0", image},
                   {"fig3_denoised_0", image},
                   {"filter_0", image}};
    f.series[1] = {{"fig3_image_0", image}, {"filter_0", image}};
    f.series[2] = {{"fig3_grad_0", image}, {"filter_pos_0", image}, {"filter_neg_0", image}};
    f.series[3] = {{"fig3_grad_0", image}, {"filter_pos_0", image}};
    f.series[4] = {{"fig3_image_0", image}};
    f.series[5] = {{"fig3_image_0", image}};
  }
  return f;
}

Report report_of(const test::FakeResults& f) {
  const fs::path path =
      fs::temp_directory_path() / ("noisy_mnist_figure_test_" + std::to_string(::getpid()) + ".h5");
  test::write_fake_results(path.string(), f);
  const auto t = load_results(path.string());
  Report r;
  add_noisy_mnist_figure(r, t, t.numbers("nsnr2"));
  fs::remove(path);
  return r;
}

std::vector<std::string> labels(const Plot& p) {
  std::vector<std::string> out;
  for (const auto& s : p.series) out.push_back(s.label);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(figure_3_lays_out_the_shown_runs_images_in_the_papers_order) {
  const Report r = report_of(fake("noisy_mnist", true));
  BOOST_TEST(r.notes.empty());
  BOOST_REQUIRE(r.plots.size() == 2u);
  const Plot& p = r.plots[0];
  BOOST_TEST(p.name == "noisy_mnist_fig3");
  BOOST_TEST(p.kind == "images");
  BOOST_TEST(p.title ==
             "Noisy-MNIST ($n$ = 16): clean image, noisy image $z_t$, classifier input "
             "gradient, denoised image");
  const std::string lo = "$n\\,\\mathrm{SNR}^2$ = 1", hi = "$n\\,\\mathrm{SNR}^2$ = 10";
  BOOST_TEST(
      labels(p) ==
          (std::vector<std::string>{
              "clean image $x_0$|" + lo + ", image 0", "clean image $x_0$|" + lo + ", image 1",
              "clean image $x_0$|" + hi + ", image 0", "noisy image $z_t$|" + lo + ", image 0",
              "classifier input gradient|" + lo + ", image 0",
              "classifier input gradient|" + hi + ", image 0",
              "diffusion denoised image|" + lo + ", image 0"}),
      boost::test_tools::per_element());
  BOOST_TEST(p.series[0].y == image, boost::test_tools::per_element());
  BOOST_TEST(p.series[0].x == (std::vector<double>{0, 1, 2, 3}), boost::test_tools::per_element());
  BOOST_TEST(p.caption.rfind("One run per column (n = 16, first replicate; no replicates are "
                             "summarised here): the first 4 shown images at the lowest and the "
                             "highest n SNR^2 swept.",
                             0) == 0u,
             p.caption);
}

BOOST_AUTO_TEST_CASE(the_filters_of_each_model_and_class_bank_are_shown_per_n_snr2) {
  const Report r = report_of(fake("noisy_mnist", true));
  BOOST_REQUIRE(r.plots.size() == 2u);
  const Plot& p = r.plots[1];
  BOOST_TEST(p.name == "noisy_mnist_filters");
  BOOST_TEST(p.kind == "images");
  BOOST_TEST(p.title == "Noisy-MNIST ($n$ = 16): the learned filters as 28 x 28 images");
  const std::string lo = "$n\\,\\mathrm{SNR}^2$ = 1", hi = "$n\\,\\mathrm{SNR}^2$ = 10";
  BOOST_TEST(
      labels(p) == (std::vector<std::string>{
                       "diffusion filter $w_1$|" + lo, "diffusion filter $w_1$|" + hi,
                       "classifier filter $w_{+1,1}$|" + lo, "classifier filter $w_{+1,1}$|" + hi,
                       "classifier filter $w_{-1,1}$|" + lo}),
      boost::test_tools::per_element());
  BOOST_TEST(p.caption.rfind("One run per panel (n = 16, first replicate;", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(points_without_images_leave_a_note) {
  const Report r = report_of(fake("noisy_mnist", false));
  BOOST_TEST(r.plots.empty());
  BOOST_TEST(r.notes ==
                 std::vector<std::string>{
                     "noisy_mnist points have no fig3_* series (n_show = 0?): no Figure 3"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(another_data_source_gets_no_figure) {
  const Report r = report_of(fake("two_patch", true));
  BOOST_TEST(r.plots.empty());
  BOOST_TEST(r.notes.empty());
}
