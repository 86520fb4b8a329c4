#define BOOST_TEST_MODULE gaussian_mixture
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "transfer/gaussian_mixture.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;

namespace {

struct Pair {
  GaussianMixture source, target;
};

Pair make_pair(int dim) {
  const MixtureShape shape{dim, 4, 2.0, 0.5};
  return {source_mixture(shape), target_mixture(shape, {0.5, 1.0, 30.0})};
}

// Central-difference gradient of a scalar function of one point.
template <class F>
Eigen::VectorXd numeric_gradient(F f, const Eigen::VectorXd& x, double h = 1e-5) {
  Eigen::VectorXd g(x.size());
  for (int j = 0; j < x.size(); ++j) {
    Eigen::VectorXd a = x, b = x;
    a[j] += h;
    b[j] -= h;
    g[j] = (f(a) - f(b)) / (2 * h);
  }
  return g;
}

double log_density_at(const GaussianMixture& g, const Eigen::VectorXd& x) {
  return log_density(g, Eigen::MatrixXd(x))[0];
}

const double times[] = {1e-3, 1e-2, 0.1, 0.3, 0.6, 1.0};

}  // namespace

BOOST_AUTO_TEST_CASE(paper_2d_setting_is_reproduced) {
  const MixtureShape shape{2, 2, std::sqrt(0.5), std::sqrt(0.1)};
  const auto p = source_mixture(shape);
  const auto q = target_mixture(shape, {0.0, 0.0, 90.0});
  BOOST_TEST(p.means(0, 0) == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(p.means(1, 0) == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(q.means(0, 0) == -0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(q.means(1, 0) == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(q.means(0, 1) == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(q.means(1, 1) == -0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(p.variance == 0.1, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(samples_are_nested_and_have_the_right_moments) {
  const auto [p, q] = make_pair(3);
  std::mt19937_64 a(5), b(5);
  const Eigen::MatrixXd small = sample(q, 10, a), big = sample(q, 200000, b);
  BOOST_TEST((big.leftCols(10) - small).norm() == 0.0);
  const Eigen::VectorXd mean = q.means * q.weights;
  BOOST_TEST((big.rowwise().mean() - mean).norm() < 0.02);
  // Skew 1 makes the first component e times as likely as the last.
  BOOST_TEST(q.weights[0] / q.weights[3] == std::exp(1.0), boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(score_is_the_gradient_of_the_log_density) {
  std::mt19937_64 rng(1);
  for (int dim : {2, 5}) {
    const auto [p, q] = make_pair(dim);
    for (double t : times) {
      const auto qt = diffuse(q, VpSde{}, t);
      const Eigen::MatrixXd x = sample(qt, 5, rng);
      const Eigen::MatrixXd s = score(qt, x);
      for (int i = 0; i < x.cols(); ++i) {
        const auto fd =
            numeric_gradient([&](const Eigen::VectorXd& y) { return log_density_at(qt, y); },
                             x.col(i), 1e-4 * std::sqrt(qt.variance));
        BOOST_TEST((fd - s.col(i)).norm() <= 1e-6 * (1.0 + s.col(i).norm()));
      }
    }
  }
}

// The identity TGDP rests on: grad log q_t = grad log p_t + grad log(q_t / p_t), with the guidance
// taken as the numerical gradient of the log of the ratio of the two diffused densities.
BOOST_AUTO_TEST_CASE(source_score_plus_guidance_is_the_target_score) {
  std::mt19937_64 rng(2);
  const VpSde sde;
  double worst = 0.0;
  for (int dim : {2, 5}) {
    const auto [p, q] = make_pair(dim);
    for (double t : times) {
      const auto pt = diffuse(p, sde, t), qt = diffuse(q, sde, t);
      Eigen::MatrixXd x(dim, 8);
      x << sample(pt, 4, rng), sample(qt, 4, rng);
      const Eigen::MatrixXd target = score(qt, x), source = score(pt, x);
      const Eigen::MatrixXd guidance = exact_guidance(p, q, sde, t, x);
      for (int i = 0; i < x.cols(); ++i) {
        const auto fd = numeric_gradient(
            [&](const Eigen::VectorXd& y) { return log_density_at(qt, y) - log_density_at(pt, y); },
            x.col(i), 1e-4 * std::sqrt(qt.variance));
        const double err =
            (source.col(i) + fd - target.col(i)).norm() / (1.0 + target.col(i).norm());
        worst = std::max(worst, err);
        BOOST_TEST(err <= 1e-6);
        BOOST_TEST((guidance.col(i) - fd).norm() <= 1e-6 * (1.0 + fd.norm()));
      }
    }
  }
  BOOST_TEST_MESSAGE("theorem check: worst relative error " << worst);
}

// Independent of the diffused closed form: draw x_0 from the exact posterior p(x_0 | x_t) and
// average w(x_0) = q(x_0)/p(x_0); the mean must be q_t/p_t, and the w-weighted posterior mean must
// give the guidance, alpha/sigma^2 (E_w[x_0 | x_t] - E[x_0 | x_t]).
BOOST_AUTO_TEST_CASE(monte_carlo_posterior_expectation_of_the_ratio_is_the_diffused_ratio) {
  std::mt19937_64 rng(3);
  const VpSde sde;
  const int n = 200000;
  double worst_z = 0.0;
  for (int dim : {2, 5}) {
    const auto [p, q] = make_pair(dim);
    for (double t : {1e-3, 0.05, 0.3, 1.0}) {
      const auto pt = diffuse(p, sde, t), qt = diffuse(q, sde, t);
      Eigen::MatrixXd x(dim, 3);
      x << sample(pt, 2, rng), sample(qt, 1, rng);
      const Eigen::VectorXd exact = density_ratio(pt, qt, x);
      const Eigen::MatrixXd guidance = exact_guidance(p, q, sde, t, x);
      for (int i = 0; i < x.cols(); ++i) {
        const Eigen::MatrixXd x0 = sample_posterior(p, sde, t, x.col(i), n, rng);
        const Eigen::VectorXd w = density_ratio(p, q, x0);
        const double mean = w.mean();
        const double se = std::sqrt((w.array() - mean).square().sum() / (n - 1) / n);
        const double z = std::fabs(mean - exact[i]) / se;
        worst_z = std::max(worst_z, z);
        BOOST_TEST(z < 5.0, "dim " << dim << " t " << t << ": MC " << mean << " +- " << se
                                   << " vs exact " << exact[i]);
        const double scale = sde.alpha(t) / sde.sigma2(t);
        const Eigen::VectorXd weighted = x0 * w / w.sum(), plain = x0.rowwise().mean();
        const Eigen::VectorXd mc_guidance = scale * (weighted - plain);
        // Spread of the estimate: the posterior's width over sqrt(n) times the weights' spread.
        const double post_sd = std::sqrt((x0.colwise() - plain).squaredNorm() / n);
        const double tol =
            6.0 * scale * post_sd * (1.0 + se * std::sqrt(double(n)) / mean) / std::sqrt(double(n));
        BOOST_TEST((mc_guidance - guidance.col(i)).norm() < tol,
                   "guidance dim " << dim << " t " << t << ": " << mc_guidance.transpose() << " vs "
                                   << guidance.col(i).transpose());
      }
    }
  }
  BOOST_TEST_MESSAGE("Monte Carlo ratio check: worst |z| " << worst_z);
}
