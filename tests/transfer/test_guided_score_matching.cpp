// Denoising score matching of a guided score: its value is the sigma-weighted noise-prediction
// residual of (frozen score + phi grad z), and its parameter gradient, with phi = 1 (the
// noise-conditional classifier) and with a phi that varies with z (h = exp(z^2 / 2), phi = z) plus
// other terms' output gradients on the same tape, matches finite differences.
#define BOOST_TEST_MODULE guided_score_matching
#include <boost/test/unit_test.hpp>

#include "tests/support/finite_difference.hpp"
#include "transfer/guided_score_matching.hpp"
#include "transfer/network_input.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;
using namespace diffsweep::testing;

namespace {

const VpSde sde;

struct Case {
  Mlp net;
  Eigen::MatrixXd xt;
  GuidedScoreBatch batch;
};

Case random_case(std::mt19937_64& rng) {
  Case c{make_mlp(2 + time_features, 1, 8, 2, rng), random_matrix(2, 5, rng), {}};
  c.net.theta = 0.5 * random_matrix(c.net.theta.size(), 1, rng);
  std::uniform_real_distribution<double> u(0.01, 1.0);
  c.batch.t = Eigen::VectorXd::NullaryExpr(5, [&] { return u(rng); });
  c.batch.eps = random_matrix(2, 5, rng);
  c.batch.score = random_matrix(2, 5, rng);
  return c;
}

// The term with phi = 1, through a fresh forward pass.
double term(const Case& c, const Eigen::VectorXd& theta, double weight, Eigen::VectorXd* grad) {
  Mlp net = c.net;
  net.theta = theta;
  MlpTape tape;
  forward(net, network_input(c.xt, c.batch.t, sde), &tape);
  const Eigen::RowVectorXd ones = Eigen::RowVectorXd::Ones(5), zeros = Eigen::RowVectorXd::Zero(5);
  return guided_score_matching(net, tape, 2, sde, c.batch, ones, zeros, weight, zeros, grad);
}

}  // namespace

BOOST_AUTO_TEST_CASE(its_value_is_the_weighted_noise_prediction_residual) {
  std::mt19937_64 rng(1);
  const Case c = random_case(rng);
  double expected = 0.0;
  for (Eigen::Index i = 0; i < 5; ++i) {
    const double t = c.batch.t[i];
    const Eigen::VectorXd grad_z = numeric_gradient(
        [&](const Eigen::VectorXd& x) {
          return forward(
              c.net, network_input(Eigen::MatrixXd(x), Eigen::VectorXd::Constant(1, t), sde))(0, 0);
        },
        Eigen::VectorXd(c.xt.col(i)));
    expected += (sde.sigma(t) * (c.batch.score.col(i) + grad_z) + c.batch.eps.col(i)).squaredNorm();
  }
  expected *= 0.7 / 5.0;
  BOOST_TEST(term(c, c.net.theta, 0.7, nullptr) == expected, boost::test_tools::tolerance(1e-8));
}

BOOST_AUTO_TEST_CASE(its_gradient_with_phi_one_matches_finite_differences) {
  std::mt19937_64 rng(2);
  const Case c = random_case(rng);
  Eigen::VectorXd grad = Eigen::VectorXd::Zero(c.net.theta.size());
  term(c, c.net.theta, 0.7, &grad);
  const Eigen::VectorXd fd = numeric_gradient(
      [&](const Eigen::VectorXd& th) { return term(c, th, 0.7, nullptr); }, c.net.theta);
  BOOST_TEST(relative_error(grad, fd) < 1e-6);
}

// A link whose phi varies: h = exp(z^2 / 2) has phi = d log h / dz = z and dphi = 1. With
// out_grad, the gradient also carries sum(out_grad .* z).
BOOST_AUTO_TEST_CASE(its_gradient_through_a_link_and_other_terms_matches_finite_differences) {
  std::mt19937_64 rng(3);
  const Case c = random_case(rng);
  const Eigen::RowVectorXd out_grad = random_matrix(1, 5, rng);
  const auto loss = [&](const Eigen::VectorXd& th, Eigen::VectorXd* grad) {
    Mlp net = c.net;
    net.theta = th;
    MlpTape tape;
    const Eigen::RowVectorXd z = forward(net, network_input(c.xt, c.batch.t, sde), &tape).row(0);
    return out_grad.dot(z) + guided_score_matching(net, tape, 2, sde, c.batch, z,
                                                   Eigen::RowVectorXd::Ones(5), 0.4, out_grad,
                                                   grad);
  };
  Eigen::VectorXd grad = Eigen::VectorXd::Zero(c.net.theta.size());
  loss(c.net.theta, &grad);
  const Eigen::VectorXd fd =
      numeric_gradient([&](const Eigen::VectorXd& th) { return loss(th, nullptr); }, c.net.theta);
  BOOST_TEST(relative_error(grad, fd) < 1e-6);
}
