#define BOOST_TEST_MODULE mlp
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "tests/support/finite_difference.hpp"
#include "transfer/adam.hpp"
#include "transfer/mlp.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;
using namespace diffsweep::testing;

namespace {

struct Setup {
  std::mt19937_64 rng{11};
  Mlp net = make_mlp(5, 3, 8, 3, rng);
  Eigen::MatrixXd x = random_matrix(5, 7, rng);
  Eigen::MatrixXd out_grad = random_matrix(3, 7, rng);
  Eigen::MatrixXd direction = random_matrix(5, 7, rng);
  Eigen::MatrixXd tangent_grad = random_matrix(3, 7, rng);
};

}  // namespace

BOOST_AUTO_TEST_CASE(parameter_gradient_matches_finite_differences) {
  Setup s;
  MlpTape tape;
  forward(s.net, s.x, &tape);
  Eigen::VectorXd grad = Eigen::VectorXd::Zero(s.net.theta.size());
  backward(s.net, tape, s.out_grad, &grad);
  const auto fd = numeric_gradient(
      [&](const Eigen::VectorXd& th) {
        Mlp n = s.net;
        n.theta = th;
        return forward(n, s.x).cwiseProduct(s.out_grad).sum();
      },
      s.net.theta);
  const double err = relative_error(grad, fd);
  BOOST_TEST_MESSAGE("parameter gradient relative error " << err);
  BOOST_TEST(err < 1e-6);
}

BOOST_AUTO_TEST_CASE(input_gradient_matches_finite_differences) {
  Setup s;
  MlpTape tape;
  forward(s.net, s.x, &tape);
  const Eigen::MatrixXd gx = backward(s.net, tape, s.out_grad, nullptr);
  const auto fd = numeric_gradient(
      [&](const Eigen::VectorXd& xv) {
        const Eigen::MatrixXd x = Eigen::Map<const Eigen::MatrixXd>(xv.data(), 5, 7);
        return forward(s.net, x).cwiseProduct(s.out_grad).sum();
      },
      Eigen::Map<const Eigen::VectorXd>(s.x.data(), s.x.size()));
  const double err = relative_error(Eigen::Map<const Eigen::VectorXd>(gx.data(), gx.size()), fd);
  BOOST_TEST_MESSAGE("input gradient relative error " << err);
  BOOST_TEST(err < 1e-6);
}

BOOST_AUTO_TEST_CASE(tangent_is_the_directional_derivative) {
  Setup s;
  MlpTape tape;
  forward(s.net, s.x, &tape);
  const MlpTangent t = forward_tangent(s.net, tape, s.direction);
  const double h = 1e-5;
  const Eigen::MatrixXd fd =
      (forward(s.net, s.x + h * s.direction) - forward(s.net, s.x - h * s.direction)) / (2 * h);
  const double err = (t.output - fd).norm() / fd.norm();
  BOOST_TEST_MESSAGE("tangent relative error " << err);
  BOOST_TEST(err < 1e-6);
}

// The double backward: the parameter gradient of a loss that reads the output and its directional
// derivative along the input, as the consistency regulariser reads grad_x log h.
BOOST_AUTO_TEST_CASE(gradient_through_the_tangent_matches_finite_differences) {
  Setup s;
  MlpTape tape;
  forward(s.net, s.x, &tape);
  const MlpTangent t = forward_tangent(s.net, tape, s.direction);
  Eigen::VectorXd grad = Eigen::VectorXd::Zero(s.net.theta.size());
  backward_with_tangent(s.net, tape, t, s.out_grad, s.tangent_grad, grad);
  const auto fd = numeric_gradient(
      [&](const Eigen::VectorXd& th) {
        Mlp n = s.net;
        n.theta = th;
        MlpTape tp;
        const double primal = forward(n, s.x, &tp).cwiseProduct(s.out_grad).sum();
        return primal +
               forward_tangent(n, tp, s.direction).output.cwiseProduct(s.tangent_grad).sum();
      },
      s.net.theta);
  const double err = relative_error(grad, fd);
  BOOST_TEST_MESSAGE("double-backward relative error " << err);
  BOOST_TEST(err < 1e-6);
}

BOOST_AUTO_TEST_CASE(adam_fits_a_small_regression) {
  std::mt19937_64 rng(3);
  Mlp net = make_mlp(1, 1, 16, 2, rng);
  Eigen::MatrixXd x(1, 64);
  for (int i = 0; i < 64; ++i) x(0, i) = -2.0 + 4.0 * i / 63.0;
  const Eigen::MatrixXd y = x.array().sin();
  Adam adam;
  double loss = 0;
  for (int step = 0; step < 3000; ++step) {
    MlpTape tape;
    const Eigen::MatrixXd r = forward(net, x, &tape) - y;
    loss = r.squaredNorm() / 64;
    Eigen::VectorXd grad = Eigen::VectorXd::Zero(net.theta.size());
    backward(net, tape, 2.0 * r / 64, &grad);
    adam.step(net.theta, grad, 3e-3);
  }
  BOOST_TEST(loss < 1e-3);
}
