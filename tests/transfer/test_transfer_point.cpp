// What every method of a transfer point works with: the diffused mixture scores against their
// closed form (and the gradient of the diffused log density), the labelled score of each column's
// own component, the exact (joint) ratio, Kish's effective sample size, and a point's data and
// named random streams: nested across n_target, the same for every method of a replicate.
#define BOOST_TEST_MODULE transfer_point
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <numbers>

#include "tests/support/finite_difference.hpp"
#include "tests/support/small_transfer.hpp"
#include "transfer/transfer_point.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;
using namespace diffsweep::testing;

namespace {

// 0.3 N(-1, 0.25) + 0.7 N(2, 0.25) on a line.
GaussianMixture line_mixture() {
  GaussianMixture g;
  g.means.resize(1, 2);
  g.means << -1.0, 2.0;
  g.weights.resize(2);
  g.weights << 0.3, 0.7;
  g.variance = 0.25;
  return g;
}

double normal_density(double x, double mean, double variance) {
  return std::exp(-0.5 * (x - mean) * (x - mean) / variance) /
         std::sqrt(2 * std::numbers::pi * variance);
}

// A source model that was never trained: its data and labels are what the point reads.
SourceModel untrained_source(const TransferSettings& s, std::uint64_t seed) {
  SourceModel m;
  std::mt19937_64 rng(seed);
  m.data = sample(source_mixture(s.shape), s.n_source, rng, &m.labels);
  m.model = make_score_model(s.shape.dim, 8, 1, rng, s.conditional ? s.shape.components : 0);
  return m;
}

}  // namespace

// x_t = alpha x_0 + sigma eps: components at alpha mu_k with variance alpha^2 v + sigma^2, and the
// score sum_k r_k(x) (alpha mu_k - x) / V with r_k the posterior weights of the components.
BOOST_AUTO_TEST_CASE(the_diffused_score_is_the_closed_form_of_the_mixture) {
  const GaussianMixture g = line_mixture();
  const VpSde sde;
  Eigen::MatrixXd x(1, 5);
  x << -2.0, -0.4, 0.3, 1.1, 2.5;
  for (double t : {0.0, 0.05, 0.3, 1.0}) {
    const double a = sde.alpha(t), v = a * a * 0.25 + sde.sigma2(t);
    const Eigen::MatrixXd s = mixture_score(g, sde, t, x, Eigen::VectorXi());
    BOOST_TEST_REQUIRE(s.cols() == 5);
    for (int i = 0; i < 5; ++i) {
      const double p0 = 0.3 * normal_density(x(0, i), -a, v);
      const double p1 = 0.7 * normal_density(x(0, i), 2 * a, v);
      const double expected = (p0 * (-a - x(0, i)) + p1 * (2 * a - x(0, i))) / ((p0 + p1) * v);
      BOOST_TEST(s(0, i) == expected, boost::test_tools::tolerance(1e-10));
    }
  }
  // In two dimensions, the gradient of the diffused log density, by finite differences.
  const GaussianMixture p = source_mixture({2, 4, 2.0, 0.4});
  std::mt19937_64 rng(3);
  const Eigen::MatrixXd y = random_matrix(2, 6, rng);
  for (double t : {0.02, 0.4}) {
    const Eigen::MatrixXd s = mixture_score(p, sde, t, y, Eigen::VectorXi());
    for (int i = 0; i < 6; ++i) {
      const auto fd = numeric_gradient(
          [&](const Eigen::VectorXd& z) {
            return log_density(diffuse(p, sde, t), Eigen::MatrixXd(z))[0];
          },
          y.col(i));
      BOOST_TEST(relative_error(s.col(i), fd) < 1e-7);
    }
  }
}

BOOST_AUTO_TEST_CASE(with_labels_each_column_has_the_score_of_its_own_component) {
  const GaussianMixture g = line_mixture();
  const VpSde sde;
  const double t = 0.2, a = sde.alpha(t), v = a * a * 0.25 + sde.sigma2(t);
  Eigen::MatrixXd x(1, 3);
  x << 0.5, 0.5, -3.0;
  Eigen::VectorXi labels(3);
  labels << 0, 1, 1;
  const Eigen::MatrixXd s = mixture_score(g, sde, t, x, labels);
  BOOST_TEST(s(0, 0) == (-a - 0.5) / v, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(s(0, 1) == (2 * a - 0.5) / v, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(s(0, 2) == (2 * a + 3.0) / v, boost::test_tools::tolerance(1e-12));
}

// q/p, and with labels q(x, y)/p(x, y) = q_y N(x; mu^q_y) / (p_y N(x; mu^p_y)).
BOOST_AUTO_TEST_CASE(the_exact_ratio_is_the_marginal_or_the_joint_one) {
  const GaussianMixture p = line_mixture();
  GaussianMixture q = p;
  q.means << 0.0, 2.5;
  q.weights << 0.6, 0.4;
  Eigen::MatrixXd x(1, 3);
  x << -1.0, 0.7, 2.2;
  const Eigen::VectorXd w = exact_ratio(p, q, x, Eigen::VectorXi());
  Eigen::VectorXi labels(3);
  labels << 0, 1, 0;
  const Eigen::VectorXd joint = exact_ratio(p, q, x, labels);
  for (int i = 0; i < 3; ++i) {
    const double xi = x(0, i);
    const double qx = 0.6 * normal_density(xi, 0.0, 0.25) + 0.4 * normal_density(xi, 2.5, 0.25);
    const double px = 0.3 * normal_density(xi, -1.0, 0.25) + 0.7 * normal_density(xi, 2.0, 0.25);
    BOOST_TEST(w[i] == qx / px, boost::test_tools::tolerance(1e-10));
    const int k = labels[i];
    const double qk = q.weights[k] * normal_density(xi, q.means(0, k), 0.25);
    const double pk = p.weights[k] * normal_density(xi, p.means(0, k), 0.25);
    BOOST_TEST(joint[i] == qk / pk, boost::test_tools::tolerance(1e-10));
  }
}

BOOST_AUTO_TEST_CASE(the_effective_sample_size_is_kish_s) {
  BOOST_TEST(effective_sample_size(Eigen::VectorXd::Constant(40, 2.5)) == 40.0,
             boost::test_tools::tolerance(1e-12));
  Eigen::VectorXd one(5);
  one << 0, 0, 3, 0, 0;
  BOOST_TEST(effective_sample_size(one) == 1.0, boost::test_tools::tolerance(1e-12));
  Eigen::VectorXd w(3);
  w << 1, 2, 3;
  BOOST_TEST(effective_sample_size(w) == 36.0 / 14.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(effective_sample_size(Eigen::VectorXd::Zero(4)) == 0.0);
}

// The target data of a replicate are the first n_target points of one pool; a replicate's streams
// depend on its index and their name only.
BOOST_AUTO_TEST_CASE(a_point_s_target_data_are_nested_and_its_streams_named) {
  const TransferSettings small = test::small_transfer_settings({{"n_target", "10"}});
  const TransferSettings large = test::small_transfer_settings({{"n_target", "40"}});
  const SourceModel model = untrained_source(small, 1);
  const TransferPoint a(small, model, 7, 2), b(large, model, 7, 2), other(small, model, 7, 3);
  BOOST_TEST_REQUIRE(a.target_data.cols() == 10);
  BOOST_TEST_REQUIRE(b.target_data.cols() == 40);
  BOOST_TEST((a.target_data - b.target_data.leftCols(10)).norm() == 0.0);
  BOOST_TEST((a.target_data - other.target_data).norm() > 0.1);
  // Unconditional: no labels reach a model.
  BOOST_TEST(a.classes == 0);
  BOOST_TEST(a.target_labels.size() == 0);
  BOOST_TEST(a.source_labels.size() == 0);

  BOOST_TEST(a.stream("target") == b.stream("target"));
  BOOST_TEST(a.stream("target") != a.stream("ratio_eval"));
  BOOST_TEST(a.stream("target") != other.stream("target"));
  BOOST_TEST(TransferPoint(small, model, 8, 2).stream("target") != a.stream("target"));

  BOOST_TEST((a.source.means - source_mixture(small.shape).means).norm() == 0.0);
  BOOST_TEST((a.target.means - target_mixture(small.shape, small.shift).means).norm() == 0.0);
}

BOOST_AUTO_TEST_CASE(a_conditional_point_reads_labels_and_its_scores_are_the_named_ones) {
  const TransferSettings s =
      test::small_transfer_settings({{"conditional", "true"}, {"n_target", "30"}});
  const SourceModel model = untrained_source(s, 2);
  const TransferPoint point(s, model, 11, 0);
  BOOST_TEST(point.classes == s.shape.components);
  BOOST_TEST_REQUIRE(point.target_labels.size() == 30);
  BOOST_TEST((point.source_labels - model.labels).cwiseAbs().sum() == 0);
  BOOST_TEST(point.target_labels.minCoeff() >= 0);
  BOOST_TEST(point.target_labels.maxCoeff() < s.shape.components);
  // Each target point lies nearer its own component's mean than a typical other one's.
  int nearest_own = 0;
  for (int i = 0; i < 30; ++i) {
    Eigen::Index nearest;
    (point.target.means.colwise() - point.target_data.col(i)).colwise().norm().minCoeff(&nearest);
    nearest_own += nearest == point.target_labels[i];
  }
  BOOST_TEST(nearest_own >= 25);

  std::mt19937_64 rng(5);
  const Eigen::MatrixXd x = random_matrix(2, 4, rng);
  const Eigen::VectorXi y = point.target_labels.head(4);
  const double t = 0.3;
  BOOST_TEST((point.exact_target_score()(x, t, y) - mixture_score(point.target, point.sde, t, x, y))
                 .norm() == 0.0);
  BOOST_TEST((point.exact_source_score()(x, t, y) - mixture_score(point.source, point.sde, t, x, y))
                 .norm() == 0.0);
  BOOST_TEST((point.learned_source_score()(x, t, y) - score(model.model, x, t, y)).norm() == 0.0);
  BOOST_TEST((point.exact_target_score()(x, t, y) - point.exact_source_score()(x, t, y)).norm() >
             0.01);
}
