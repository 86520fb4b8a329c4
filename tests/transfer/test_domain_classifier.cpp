#define BOOST_TEST_MODULE domain_classifier
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "tests/support/finite_difference.hpp"
#include "transfer/domain_classifier.hpp"
#include "transfer/gaussian_mixture.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;
using namespace diffsweep::testing;

namespace {
const MixtureShape shape{2, 4, 2.0, 0.4};
const DomainShift change{0.2, 2.0, 0.0};
}  // namespace

BOOST_AUTO_TEST_CASE(logistic_gradient_matches_finite_differences) {
  std::mt19937_64 rng(1);
  Mlp net = make_mlp(2, 1, 8, 2, rng);
  const Eigen::MatrixXd a = random_matrix(2, 7, rng), b = random_matrix(2, 4, rng);
  Eigen::VectorXd grad = Eigen::VectorXd::Zero(net.theta.size());
  logistic_loss(net, a, b, 0.01, &grad);
  const auto fd = numeric_gradient(
      [&](const Eigen::VectorXd& th) {
        Mlp n = net;
        n.theta = th;
        return logistic_loss(n, a, b, 0.01, nullptr);
      },
      net.theta);
  const double err = relative_error(grad, fd);
  BOOST_TEST_MESSAGE("logistic gradient relative error " << err);
  BOOST_TEST(err < 1e-6);
}

BOOST_AUTO_TEST_CASE(plentiful_data_gives_an_accurate_ratio) {
  const auto p = source_mixture(shape), q = target_mixture(shape, change);
  std::mt19937_64 rng(2);
  const Eigen::MatrixXd source = sample(p, 5000, rng), target = sample(q, 1000, rng);
  ClassifierSettings s;
  s.train.steps = 1500;
  const DomainClassifier c = train_domain_classifier(source, target, s, rng);
  const Eigen::MatrixXd x = sample(p, 4000, rng);
  const Eigen::VectorXd w = density_ratio(p, q, x);
  const double l1 = (density_ratio(c, x) - w).cwiseAbs().mean();
  const double trivial = (w.array() - 1.0).abs().mean();
  BOOST_TEST_MESSAGE("ratio_l1 " << l1 << " (w = 1: " << trivial << ")");
  BOOST_TEST(l1 < 0.3 * trivial);
}

// Few target points over-fit sooner, so cross-validation stops earlier with 10 than with 1000.
BOOST_AUTO_TEST_CASE(cross_validation_stops_earlier_with_fewer_target_points) {
  const auto p = source_mixture(shape), q = target_mixture(shape, change);
  std::mt19937_64 rng(3);
  const Eigen::MatrixXd source = sample(p, 2000, rng), target = sample(q, 1000, rng);
  ClassifierSettings s;
  const int few = choose_classifier_steps(source, target.leftCols(10), s, 1600, 5, rng);
  const int many = choose_classifier_steps(source, target, s, 1600, 5, rng);
  BOOST_TEST_MESSAGE("auto steps: n_target 10 -> " << few << ", 1000 -> " << many);
  BOOST_TEST(few < many);
  const int few_sq =
      choose_classifier_steps(source, target.leftCols(10), s, 1600, 5, rng, CvLoss::ratio_squares);
  const int many_sq =
      choose_classifier_steps(source, target, s, 1600, 5, rng, CvLoss::ratio_squares);
  BOOST_TEST_MESSAGE("auto steps (ratio_squares): n_target 10 -> " << few_sq << ", 1000 -> "
                                                                   << many_sq);
  BOOST_TEST(few_sq < many_sq);
}

// The least-squares ratio loss is 1/2 E_p[(w_hat - w)^2] up to a constant: the exact ratio scores
// lower than w_hat = 1 and than a ratio scaled by 1.5.
BOOST_AUTO_TEST_CASE(ratio_squares_loss_is_least_at_the_true_ratio) {
  const auto p = source_mixture(shape), q = target_mixture(shape, change);
  std::mt19937_64 rng(4);
  const Eigen::MatrixXd xs = sample(p, 20000, rng), xq = sample(q, 20000, rng);
  auto loss = [&](const Eigen::VectorXd& ws, const Eigen::VectorXd& wq) {
    return 0.5 * ws.squaredNorm() / double(ws.size()) - wq.mean();
  };
  const Eigen::VectorXd ws = density_ratio(p, q, xs), wq = density_ratio(p, q, xq);
  const double exact = loss(ws, wq);
  BOOST_TEST(exact < loss(Eigen::VectorXd::Ones(ws.size()), Eigen::VectorXd::Ones(wq.size())));
  BOOST_TEST(exact < loss(1.5 * ws, 1.5 * wq));
  // A classifier whose logit is log w: ratio_squares_loss reads it through density_ratio.
  DomainClassifier flat{make_classifier_net(2, 4, 1, rng), 100.0};
  BOOST_TEST(ratio_squares_loss(flat, xs, xq) == 0.5 - 1.0, boost::test_tools::tolerance(1e-12));
}
