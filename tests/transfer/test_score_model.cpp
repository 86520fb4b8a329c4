#define BOOST_TEST_MODULE score_model
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "tests/support/finite_difference.hpp"
#include "transfer/gaussian_mixture.hpp"
#include "transfer/score_model.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;
using namespace diffsweep::testing;

BOOST_AUTO_TEST_CASE(dsm_gradient_matches_finite_differences) {
  std::mt19937_64 rng(1);
  const ScoreModel m = make_score_model(3, 8, 2, rng);
  const DiffusedBatch b = diffused_batch(random_matrix(3, 20, rng), 9, m.sde, m.t_min, rng);
  Eigen::VectorXd grad = Eigen::VectorXd::Zero(m.net.theta.size());
  dsm_loss(m, b, &grad);
  const auto fd = numeric_gradient(
      [&](const Eigen::VectorXd& th) {
        ScoreModel n = m;
        n.net.theta = th;
        return dsm_loss(n, b, nullptr);
      },
      m.net.theta);
  const double err = relative_error(grad, fd);
  BOOST_TEST_MESSAGE("DSM gradient relative error " << err);
  BOOST_TEST(err < 1e-6);
}

// sigma_t^2-weighted score error against the exact diffused mixture, over a grid of times.
BOOST_AUTO_TEST_CASE(denoising_score_matching_learns_the_mixture_score) {
  const auto p = source_mixture({2, 4, 2.0, 0.4});
  std::mt19937_64 rng(2);
  const Eigen::MatrixXd data = sample(p, 5000, rng);
  ScoreModel m = make_score_model(2, 64, 3, rng);
  train_score_model(m, data, {5000, 256, 2e-3}, rng);
  for (double t : {0.01, 0.1, 0.3, 1.0}) {
    const auto pt = diffuse(p, m.sde, t);
    const Eigen::MatrixXd x = sample(pt, 2000, rng);
    const Eigen::MatrixXd exact = score(pt, x);
    const double s2 = m.sde.sigma2(t);
    const double err = s2 * (score(m, x, t) - exact).squaredNorm() / x.cols();
    const double scale = s2 * exact.squaredNorm() / x.cols();
    BOOST_TEST_MESSAGE("t " << t << ": sigma^2 |s - grad log p_t|^2 = " << err << " of " << scale);
    // Near t = 0 the learnable part of the loss is O(sigma^2) of it, so it is learnt last.
    BOOST_TEST(err < (t < 0.05 ? 0.3 : 0.1) * scale);
  }
}
