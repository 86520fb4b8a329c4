#include "transfer/gaussian_mixture.hpp"

#include <cmath>
#include <numbers>

namespace diffsweep::transfer {

namespace {

Eigen::MatrixXd circle_means(const MixtureShape& shape, double rotation_deg) {
  Eigen::MatrixXd means = Eigen::MatrixXd::Zero(shape.dim, shape.components);
  for (int k = 0; k < shape.components; ++k) {
    const double angle = (45.0 + rotation_deg) * std::numbers::pi / 180.0 +
                         2.0 * std::numbers::pi * k / shape.components;
    means(0, k) = shape.radius * std::cos(angle);
    if (shape.dim > 1) means(1, k) = shape.radius * std::sin(angle);
  }
  return means;
}

// Column-wise log-sum-exp of a K x n matrix.
Eigen::RowVectorXd log_sum_exp(const Eigen::MatrixXd& a) {
  const Eigen::RowVectorXd m = a.colwise().maxCoeff();
  return m.array() + (a.rowwise() - m).array().exp().colwise().sum().log();
}

// Column-wise softmax of a K x n matrix.
Eigen::MatrixXd softmax(const Eigen::MatrixXd& a) {
  Eigen::MatrixXd e = (a.rowwise() - a.colwise().maxCoeff()).array().exp().matrix();
  e.array().rowwise() /= e.colwise().sum().array();
  return e;
}

}  // namespace

GaussianMixture source_mixture(const MixtureShape& shape) {
  GaussianMixture g;
  g.means = circle_means(shape, 0.0);
  g.weights = Eigen::VectorXd::Constant(shape.components, 1.0 / shape.components);
  g.variance = shape.spread * shape.spread;
  return g;
}

GaussianMixture target_mixture(const MixtureShape& shape, const DomainShift& change) {
  GaussianMixture g;
  g.means = circle_means(shape, change.rotation_deg);
  g.means.row(0).array() += change.shift;
  g.weights.resize(shape.components);
  for (int k = 0; k < shape.components; ++k)
    g.weights[k] =
        std::exp(-change.skew * (shape.components > 1 ? double(k) / (shape.components - 1) : 0.0));
  g.weights /= g.weights.sum();
  g.variance = shape.spread * shape.spread;
  return g;
}

Eigen::MatrixXd sample(const GaussianMixture& g, int n, std::mt19937_64& rng,
                       Eigen::VectorXi* labels) {
  std::discrete_distribution<int> pick(g.weights.data(), g.weights.data() + g.weights.size());
  std::normal_distribution<double> normal(0.0, 1.0);
  const double sd = std::sqrt(g.variance);
  Eigen::MatrixXd x(g.dim(), n);
  if (labels) labels->resize(n);
  for (int i = 0; i < n; ++i) {
    const int k = pick(rng);
    if (labels) (*labels)[i] = k;
    for (int j = 0; j < g.dim(); ++j) x(j, i) = g.means(j, k) + sd * normal(rng);
  }
  return x;
}

Eigen::MatrixXd log_joint(const GaussianMixture& g, const Eigen::MatrixXd& x) {
  const double v = g.variance;
  Eigen::MatrixXd sq = -2.0 * g.means.transpose() * x;
  sq.rowwise() += x.colwise().squaredNorm();
  sq.colwise() += g.means.colwise().squaredNorm().transpose();
  const double norm = -0.5 * g.dim() * std::log(2.0 * std::numbers::pi * v);
  Eigen::MatrixXd out = -0.5 / v * sq;
  out.colwise() += (g.weights.array().log() + norm).matrix();
  return out;
}

Eigen::VectorXd log_density(const GaussianMixture& g, const Eigen::MatrixXd& x) {
  return log_sum_exp(log_joint(g, x)).transpose();
}

Eigen::MatrixXd score(const GaussianMixture& g, const Eigen::MatrixXd& x) {
  return (g.means * softmax(log_joint(g, x)) - x) / g.variance;
}

GaussianMixture diffuse(const GaussianMixture& g, const VpSde& sde, double t) {
  const double a = sde.alpha(t);
  GaussianMixture out = g;
  out.means *= a;
  out.variance = a * a * g.variance + sde.sigma2(t);
  return out;
}

Eigen::MatrixXd exact_guidance(const GaussianMixture& source, const GaussianMixture& target,
                               const VpSde& sde, double t, const Eigen::MatrixXd& x) {
  return score(diffuse(target, sde, t), x) - score(diffuse(source, sde, t), x);
}

Eigen::VectorXd density_ratio(const GaussianMixture& source, const GaussianMixture& target,
                              const Eigen::MatrixXd& x) {
  return (log_density(target, x) - log_density(source, x)).array().exp();
}

Eigen::MatrixXd sample_posterior(const GaussianMixture& g, const VpSde& sde, double t,
                                 const Eigen::VectorXd& x, int n, std::mt19937_64& rng) {
  const double a = sde.alpha(t), s2 = sde.sigma2(t), v = g.variance;
  const Eigen::VectorXd resp = softmax(log_joint(diffuse(g, sde, t), x));
  const double post_var = v * s2 / (s2 + a * a * v);
  const Eigen::MatrixXd post_means = post_var * ((g.means / v).colwise() + (a / s2) * x);
  std::discrete_distribution<int> pick(resp.data(), resp.data() + resp.size());
  std::normal_distribution<double> normal(0.0, 1.0);
  const double sd = std::sqrt(post_var);
  Eigen::MatrixXd out(g.dim(), n);
  for (int i = 0; i < n; ++i) {
    const int k = pick(rng);
    for (int j = 0; j < g.dim(); ++j) out(j, i) = post_means(j, k) + sd * normal(rng);
  }
  return out;
}

}  // namespace diffsweep::transfer
