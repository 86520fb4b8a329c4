#define BOOST_TEST_MODULE sample_metrics
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "tests/support/finite_difference.hpp"
#include "transfer/sample_metrics.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;
using namespace diffsweep::testing;

BOOST_AUTO_TEST_CASE(mmd_matches_the_closed_form_for_shifted_gaussians) {
  // MMD^2 between N(0, I) and N(mu, I) in d = 2, bandwidth h: 2 h^2/(h^2+2) (1 - exp(-|mu|^2 /
  // (2 (h^2 + 2)))).
  std::mt19937_64 rng(1);
  Eigen::MatrixXd x = random_matrix(2, 3000, rng), y = random_matrix(2, 3000, rng);
  y.row(0).array() += 1.0;
  const double h = 1.5;
  const double exact =
      std::sqrt(2.0 * h * h / (h * h + 2.0) * (1.0 - std::exp(-1.0 / (2.0 * (h * h + 2.0)))));
  BOOST_TEST(mmd_rbf(x, y, h) == exact, boost::test_tools::tolerance(0.05));
  BOOST_TEST(mmd_rbf(x, x, h) == 0.0);
}

BOOST_AUTO_TEST_CASE(sliced_wasserstein_of_a_translation) {
  // Projections of a translation by mu move by u . mu: SW2^2 = |mu|^2 / d.
  std::mt19937_64 rng(2);
  const Eigen::MatrixXd x = random_matrix(3, 4000, rng);
  Eigen::MatrixXd y = x;
  y.row(1).array() += 0.6;
  BOOST_TEST(sliced_wasserstein2(x, y, 400, rng) == 0.6 / std::sqrt(3.0),
             boost::test_tools::tolerance(0.1));
}

BOOST_AUTO_TEST_CASE(energy_distance_separates_and_vanishes) {
  // 1-D N(0,1) against N(1,1): 2 E|X-Y| - 2 E|X-X'| with X-Y ~ N(1, 2), X-X' ~ N(0, 2).
  std::mt19937_64 rng(3);
  const Eigen::MatrixXd x = random_matrix(1, 3000, rng), x2 = random_matrix(1, 3000, rng);
  const Eigen::MatrixXd y = (random_matrix(1, 3000, rng).array() + 1.0).matrix();
  const double s = std::sqrt(2.0), pi = std::acos(-1.0);
  const double e_xy = s * std::sqrt(2.0 / pi) * std::exp(-1.0 / 4.0) + 1.0 * std::erf(1.0 / 2.0);
  const double exact = 2.0 * e_xy - 2.0 * s * std::sqrt(2.0 / pi);
  BOOST_TEST(energy_distance(x, y) == exact, boost::test_tools::tolerance(0.1));
  BOOST_TEST(std::fabs(energy_distance(x, x2)) < 0.02);
}

BOOST_AUTO_TEST_CASE(weight_error_counts_nearest_components) {
  GaussianMixture g;
  g.means = Eigen::MatrixXd(1, 2);
  g.means << -1.0, 1.0;
  g.weights = Eigen::Vector2d(0.5, 0.5);
  Eigen::MatrixXd x(1, 4);
  x << -2.0, -0.5, 0.7, -1.1;  // 3 near -1, 1 near +1
  BOOST_TEST(weight_error(g, x) == 0.5, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(generative_classifier_reaches_the_bayes_accuracy) {
  // Two unit-variance classes at -1 and +1 in 1-D: the Bayes rule errs with probability
  // Phi(-1) = 0.1587.
  std::mt19937_64 rng(4);
  auto draw = [&](int n, Eigen::VectorXi& y) {
    Eigen::MatrixXd x = random_matrix(1, n, rng);
    y.resize(n);
    for (int i = 0; i < n; ++i) {
      y[i] = i % 2;
      x(0, i) += y[i] == 0 ? -1.0 : 1.0;
    }
    return x;
  };
  Eigen::VectorXi y_train, y_test;
  const Eigen::MatrixXd train = draw(4000, y_train), test = draw(20000, y_test);
  BOOST_TEST(generative_classifier_accuracy(train, y_train, 2, test, y_test) == 1.0 - 0.1587,
             boost::test_tools::tolerance(0.01));
  // Swapped training labels predict the wrong class about as often as Bayes predicts the right.
  const Eigen::VectorXi swapped = (1 - y_train.array()).matrix();
  BOOST_TEST(generative_classifier_accuracy(train, swapped, 2, test, y_test) == 0.1587,
             boost::test_tools::tolerance(0.05));
}
