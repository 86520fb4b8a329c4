#define BOOST_TEST_MODULE figure3_series
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "feature_learning/classifier_model.hpp"
#include "feature_learning/figure3_series.hpp"
#include "feature_learning/two_patch_data.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;

namespace {

// The classifier's output on one sample whose image patch is z (noise patch zero).
double classifier_output(const Eigen::MatrixXd& w, const Eigen::VectorXd& z) {
  const ClassifierProblem problem =
      make_classifier_problem(z, Eigen::VectorXd::Zero(z.size()), Eigen::VectorXd::Ones(1));
  ClassifierWorkspace ws(problem, static_cast<int>(w.cols()));
  classifier_outputs(problem, w, ws);
  return ws.f(0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(input_gradient_matches_finite_differences) {
  std::mt19937_64 rng(1);
  for (int m : {1, 3}) {
    Eigen::MatrixXd w(20, 2 * m);
    Eigen::VectorXd z(20);
    fill_standard_normal(w, rng);
    fill_standard_normal(z, rng);
    const Eigen::VectorXd g = classifier_input_gradient(w, z);
    const double h = 1e-6;
    for (int i = 0; i < 20; ++i) {
      Eigen::VectorXd up = z, down = z;
      up(i) += h;
      down(i) -= h;
      const double fd = (classifier_output(w, up) - classifier_output(w, down)) / (2 * h);
      BOOST_TEST(g(i) == fd, boost::test_tools::tolerance(1e-6));
    }
  }
}

// A filter that predicts the noise exactly recovers the clean image exactly.
BOOST_AUTO_TEST_CASE(an_exact_noise_prediction_denoises_exactly) {
  const double t = 0.7, alpha = std::exp(-t), beta = std::sqrt(1 - std::exp(-2 * t));
  Eigen::VectorXd x0 = Eigen::VectorXd::Zero(10), eps = Eigen::VectorXd::Zero(10);
  x0.head(5).setLinSpaced(0.1, 0.9);
  eps.tail(5).setLinSpaced(-1.0, 2.0);  // orthogonal to x0
  const Eigen::VectorXd z_t = alpha * x0 + beta * eps;
  // f(W, z_t) = s^3 <e, z_t>^2 e = s^3 beta^2 |eps|^2 e, equal to eps when s^3 beta^2 |eps| = 1.
  const double s = std::cbrt(1.0 / (beta * beta * eps.norm()));
  const Eigen::MatrixXd w = s * eps.normalized();
  BOOST_TEST((diffusion_denoised(w, z_t, alpha, beta) - x0).norm() < 1e-12);
  // With no filters learned, the estimate is the noised patch rescaled.
  BOOST_TEST(
      (diffusion_denoised(Eigen::MatrixXd::Zero(10, 1), z_t, alpha, beta) - z_t / alpha).norm() <
      1e-12);
}

BOOST_AUTO_TEST_CASE(series_are_named_per_model_with_one_value_per_pixel) {
  std::mt19937_64 rng(2);
  Eigen::MatrixXd shown(784, 3), w(784, 2);
  fill_standard_normal(shown, rng);
  fill_standard_normal(w, rng);
  const auto diffusion = figure3_series(shown, w.leftCols(1), true, 2.5, rng);
  const auto classification = figure3_series(shown, w, false, 2.5, rng);
  BOOST_TEST(diffusion.size() == 9u);
  BOOST_TEST(classification.size() == 6u);
  for (int j = 0; j < 3; ++j) {
    const std::string k = std::to_string(j);
    for (const char* what : {"image", "noisy", "denoised"})
      BOOST_TEST(diffusion.at(std::string("fig3_") + what + "_" + k).size() == 784u);
    for (const char* what : {"image", "grad"})
      BOOST_TEST(classification.at(std::string("fig3_") + what + "_" + k).size() == 784u);
  }
  BOOST_TEST(classification.at("fig3_image_2") == diffusion.at("fig3_image_2"));
}
