#define BOOST_TEST_MODULE gradient_descent
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "feature_learning/gradient_descent.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;

namespace {
// L(W) = 0.5 * sum(c .* W.^2): curvature c per entry.
Objective quadratic(Eigen::MatrixXd curvature) {
  return [c = std::move(curvature)](const Eigen::MatrixXd& w, Eigen::MatrixXd& g) {
    g = c.cwiseProduct(w);
    return 0.5 * (c.array() * w.array().square()).sum();
  };
}
}  // namespace

BOOST_AUTO_TEST_CASE(stops_at_the_stationary_point) {
  Eigen::MatrixXd w = Eigen::MatrixXd::Ones(2, 2);
  const auto out = gradient_descent(w, quadratic(Eigen::MatrixXd::Constant(2, 2, 1.0)),
                                    {0.5, 1000, 1e-6, 0}, nullptr);
  BOOST_TEST(out.converged);
  BOOST_TEST(!out.diverged);
  // Each step halves the gradient: 2^-20 < 1e-6 <= 2^-19.
  BOOST_TEST(out.steps == 20);
  BOOST_TEST(out.grad_norm <= 1e-6 * out.grad_norm0);
  BOOST_TEST(w.norm() < 1e-5);
}

BOOST_AUTO_TEST_CASE(stops_at_iters_without_converging) {
  Eigen::MatrixXd w = Eigen::MatrixXd::Ones(1, 1);
  const auto out =
      gradient_descent(w, quadratic(Eigen::MatrixXd::Ones(1, 1)), {0.01, 50, 1e-6, 0}, nullptr);
  BOOST_TEST(!out.converged);
  BOOST_TEST(out.steps == 50);
  BOOST_TEST(w(0, 0) == std::pow(0.99, 50), boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(flags_divergence) {
  Eigen::MatrixXd w = Eigen::MatrixXd::Ones(1, 1);
  // Step 3 on curvature 1 multiplies w by -2 each step: overflows to inf after ~1000 steps.
  const auto out =
      gradient_descent(w, quadratic(Eigen::MatrixXd::Ones(1, 1)), {3.0, 100000, 1e-6, 0}, nullptr);
  BOOST_TEST(out.diverged);
  BOOST_TEST(!out.converged);
  BOOST_TEST(out.steps < 2000);
}

BOOST_AUTO_TEST_CASE(observer_sees_first_every_kth_and_last_step_once) {
  Eigen::MatrixXd w = Eigen::MatrixXd::Ones(1, 1);
  std::vector<long> seen;
  gradient_descent(w, quadratic(Eigen::MatrixXd::Ones(1, 1)), {0.01, 25, 0, 10},
                   [&](long step, const Eigen::MatrixXd&, double) { seen.push_back(step); });
  BOOST_TEST(seen == (std::vector<long>{0, 10, 20, 25}), boost::test_tools::per_element());
  seen.clear();
  gradient_descent(w, quadratic(Eigen::MatrixXd::Ones(1, 1)), {0.01, 20, 0, 10},
                   [&](long step, const Eigen::MatrixXd&, double) { seen.push_back(step); });
  BOOST_TEST(seen == (std::vector<long>{0, 10, 20}), boost::test_tools::per_element());
}
