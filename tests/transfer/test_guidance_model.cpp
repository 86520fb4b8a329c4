#define BOOST_TEST_MODULE guidance_model
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "tests/support/finite_difference.hpp"
#include "transfer/gaussian_mixture.hpp"
#include "transfer/guidance_model.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;
using namespace diffsweep::testing;

namespace {

GuidanceBatch random_batch(std::mt19937_64& rng) {
  GuidanceBatch b;
  std::uniform_real_distribution<double> u(0.01, 1.0);
  b.source_xt = random_matrix(2, 6, rng);
  b.source_t = Eigen::VectorXd::NullaryExpr(6, [&] { return u(rng); });
  b.source_w = Eigen::VectorXd::NullaryExpr(6, [&] { return 3.0 * u(rng); });
  b.target_xt = random_matrix(2, 5, rng);
  b.target_eps = random_matrix(2, 5, rng);
  b.target_t = Eigen::VectorXd::NullaryExpr(5, [&] { return u(rng); });
  b.target_cycle = Eigen::VectorXd::NullaryExpr(5, [&] { return 3.0 * u(rng); });
  b.target_score = random_matrix(2, 5, rng);
  return b;
}

}  // namespace

// Every term, including the consistency regulariser's gradient through grad_x log h.
BOOST_AUTO_TEST_CASE(loss_gradient_matches_finite_differences) {
  for (auto target : {GuidanceTarget::ratio, GuidanceTarget::log_ratio}) {
    std::mt19937_64 rng(4);
    GuidanceModel g = make_guidance_model(2, 8, 2, target, rng);
    g.net.theta = 0.5 * random_matrix(g.net.theta.size(), 1, rng);
    const GuidanceBatch b = random_batch(rng);
    for (GuidanceRegularisers r : {GuidanceRegularisers{0, 0, 0}, GuidanceRegularisers{0.7, 0, 0},
                                   GuidanceRegularisers{0, 0.3, 0}, GuidanceRegularisers{0, 0, 2.0},
                                   GuidanceRegularisers{0.7, 0.3, 2.0}}) {
      Eigen::VectorXd grad = Eigen::VectorXd::Zero(g.net.theta.size());
      guidance_loss(g, b, r, &grad);
      const auto fd = numeric_gradient(
          [&](const Eigen::VectorXd& th) {
            GuidanceModel h = g;
            h.net.theta = th;
            return guidance_loss(h, b, r, nullptr);
          },
          g.net.theta);
      const double err = relative_error(grad, fd);
      BOOST_TEST_MESSAGE("guidance loss gradient (eta1 " << r.eta1 << ", eta2 " << r.eta2
                                                         << ", eta_mass " << r.eta_mass
                                                         << ") relative error " << err);
      BOOST_TEST(err < 1e-6);
    }
  }
}

BOOST_AUTO_TEST_CASE(guidance_is_the_gradient_of_log_h) {
  for (auto target : {GuidanceTarget::ratio, GuidanceTarget::log_ratio}) {
    std::mt19937_64 rng(5);
    GuidanceModel g = make_guidance_model(2, 8, 2, target, rng);
    g.net.theta = 0.5 * random_matrix(g.net.theta.size(), 1, rng);
    const Eigen::MatrixXd x = random_matrix(2, 4, rng);
    const Eigen::MatrixXd grad = guidance_gradient(g, x, 0.3);
    for (int i = 0; i < 4; ++i) {
      const auto fd = numeric_gradient(
          [&](const Eigen::VectorXd& y) {
            return std::log(guidance_value(g, Eigen::MatrixXd(y), 0.3)[0]);
          },
          x.col(i));
      BOOST_TEST(relative_error(grad.col(i), fd) < 1e-6);
    }
  }
}

// Given the exact ratio w = q/p as its regression target, h approaches q_t/p_t, with the plain
// regression target and with the smoothed one.
BOOST_AUTO_TEST_CASE(trained_on_the_exact_ratio_h_approaches_the_diffused_ratio) {
  const MixtureShape shape{2, 4, 2.0, 0.4};
  const auto p = source_mixture(shape), q = target_mixture(shape, {0.2, 2.0, 0.0});
  for (bool smoothing : {false, true}) {
    std::mt19937_64 rng(6);
    const Eigen::MatrixXd source = sample(p, 5000, rng);
    const Eigen::VectorXd w = density_ratio(p, q, source);
    GuidanceModel g = make_guidance_model(2, 32, 2, GuidanceTarget::ratio, rng);
    GuidanceData data;
    data.source = &source;
    data.source_w = &w;
    data.smoothing = smoothing;
    train_guidance(g, data, {}, {3000, 256, 2e-3}, rng);
    const VpSde sde;
    for (double t : {0.05, 0.2, 0.5, 1.0}) {
      const auto pt = diffuse(p, sde, t), qt = diffuse(q, sde, t);
      const Eigen::MatrixXd x = sample(pt, 2000, rng);
      const Eigen::VectorXd exact = density_ratio(pt, qt, x);
      const Eigen::VectorXd h = guidance_value(g, x, t);
      // E_{p_t}|h - q_t/p_t|, against that of the untrained h = 1.
      const double err = (h - exact).cwiseAbs().mean();
      const double before = (exact.array() - 1.0).abs().mean();
      BOOST_TEST_MESSAGE("smoothing " << smoothing << ", t " << t << ": E_p_t|h - q_t/p_t| = "
                                      << err << " (h = 1: " << before << ")");
      BOOST_TEST(err < 0.2);
      if (before > 0.1) BOOST_TEST(err < (smoothing ? 0.25 : 0.3) * before);
    }
  }
}
