#define BOOST_TEST_MODULE classifier_model
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "feature_learning/classifier_model.hpp"
#include "feature_learning/two_patch_data.hpp"
#include "tests/support/finite_difference.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;

namespace {

// F_{+1} - F_{-1} written out literally.
double reference_output(const Eigen::MatrixXd& w, const Eigen::VectorXd& x1,
                        const Eigen::VectorXd& x2) {
  const Eigen::Index m = w.cols() / 2;
  double f = 0;
  for (Eigen::Index r = 0; r < 2 * m; ++r) {
    const double sign = r < m ? 1.0 : -1.0;
    f += sign * (std::pow(w.col(r).dot(x1), 2) + std::pow(w.col(r).dot(x2), 2));
  }
  return f / static_cast<double>(m);
}

double reference_loss(const ClassifierProblem& p, const Eigen::MatrixXd& w) {
  double total = 0;
  for (int i = 0; i < p.n; ++i)
    total += std::log1p(std::exp(-p.labels(i) * reference_output(w, p.x.col(i), p.x.col(p.n + i))));
  return total / p.n;
}

}  // namespace

BOOST_AUTO_TEST_CASE(loss_and_gradient_match_the_literal_loss) {
  for (std::uint64_t seed : {1, 2, 3, 4}) {
    std::mt19937_64 rng(seed);
    const auto data = make_two_patch_data({6, 5, 1.0, 0.7}, rng);
    const auto p = make_classifier_problem(data.signal, data.noise, data.labels);
    Eigen::MatrixXd w(6, 4);
    fill_standard_normal(w, rng);
    w *= 0.5;
    ClassifierWorkspace ws(p, 4);
    Eigen::MatrixXd grad(6, 4);
    const double loss = classifier_loss(p, w, ws, &grad);
    BOOST_TEST(loss == reference_loss(p, w), boost::test_tools::tolerance(1e-12));
    const double rel = testing::relative_error(
        testing::numeric_matrix_gradient(
            [&](const Eigen::MatrixXd& m) { return reference_loss(p, m); }, w),
        grad.reshaped());
    BOOST_TEST_MESSAGE("classifier gradient relative error " << rel);
    BOOST_TEST(rel < 1e-6);
  }
}

BOOST_AUTO_TEST_CASE(loss_is_finite_for_huge_margins) {
  std::mt19937_64 rng(5);
  const auto data = make_two_patch_data({6, 4, 1.0, 0.7}, rng);
  const auto p = make_classifier_problem(data.signal, data.noise, data.labels);
  Eigen::MatrixXd w(6, 2);
  fill_standard_normal(w, rng);
  w *= 1e4;
  ClassifierWorkspace ws(p, 2);
  Eigen::MatrixXd grad(6, 2);
  BOOST_TEST(std::isfinite(classifier_loss(p, w, ws, &grad)));
  BOOST_TEST(grad.allFinite());
}

BOOST_AUTO_TEST_CASE(accuracy_counts_correct_signs) {
  // One filter per bank, aligned with mu_{+1} and mu_{-1}: every sample is classified correctly,
  // and swapping the banks gets every sample wrong.
  std::mt19937_64 rng(6);
  const auto data = make_two_patch_data({20, 10, 1.0, 1.0}, rng);
  const auto p = make_classifier_problem(data.signal, data.noise, data.labels);
  Eigen::MatrixXd w(20, 2);
  w << data.features.col(0).normalized(), data.features.col(1).normalized();
  ClassifierWorkspace ws(p, 2);
  BOOST_TEST(classifier_accuracy(p, w, ws) == 1.0);
  w.col(0).swap(w.col(1));
  BOOST_TEST(classifier_accuracy(p, w, ws) == 0.0);
}

BOOST_AUTO_TEST_CASE(curvature_is_the_top_eigenvalue_of_the_patch_covariance) {
  std::mt19937_64 rng(7);
  const auto data = make_two_patch_data({30, 8, 1.0, 0.9}, rng);
  const auto p = make_classifier_problem(data.signal, data.noise, data.labels);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(p.x * p.x.transpose());
  BOOST_TEST(classifier_curvature(p) == eig.eigenvalues().maxCoeff() / p.n,
             boost::test_tools::tolerance(1e-6));
}
