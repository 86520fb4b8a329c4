// Isotropic Gaussian mixtures: the source and target densities of the transfer experiment, their
// samples, and their exact diffused densities and scores, so that every learned piece of TGDP can
// be checked against the truth. Points are the columns of a dim x n matrix.
#pragma once

#include <Eigen/Dense>
#include <random>

#include "transfer/vp_sde.hpp"

namespace diffsweep::transfer {

// sum_k weights[k] N(means.col(k), variance I).
struct GaussianMixture {
  Eigen::MatrixXd means;    // dim x K
  Eigen::VectorXd weights;  // K, summing to 1
  double variance = 1.0;

  int dim() const { return static_cast<int>(means.rows()); }
  int components() const { return static_cast<int>(means.cols()); }
};

// Where the components sit. Means lie on a circle of `radius` in the first two coordinates at
// angles 45 + k * 360 / K degrees (zero in the others), so K = 2 with radius |mu_S| gives the
// paper's +-[0.5, 0.5]; dim = 1 keeps only the first coordinate.
struct MixtureShape {
  int dim = 2;
  int components = 8;
  double radius = 2.0;
  double spread = 0.3;  // standard deviation of each component
};

// How the target differs from the source: means rotated by `rotation_deg` in the first two
// coordinates, then moved by `shift` along the first axis; weights proportional to
// exp(-skew * k / (K - 1)), so skew = 0 keeps them equal and skew = log(r) makes the first
// component r times as likely as the last.
struct DomainShift {
  double shift = 0.0;
  double skew = 0.0;
  double rotation_deg = 0.0;
};

GaussianMixture source_mixture(const MixtureShape& shape);
GaussianMixture target_mixture(const MixtureShape& shape, const DomainShift& change);

// n samples in order: each draws its component, then its dim normals, so the first m samples of
// a draw of n >= m are the draw of m (nested data sets). `labels`, if given, gets the components.
Eigen::MatrixXd sample(const GaussianMixture& g, int n, std::mt19937_64& rng,
                       Eigen::VectorXi* labels = nullptr);

// Per-point log density, and the log of each component's weighted density (K x n).
Eigen::VectorXd log_density(const GaussianMixture& g, const Eigen::MatrixXd& x);
Eigen::MatrixXd log_joint(const GaussianMixture& g, const Eigen::MatrixXd& x);

// grad_x log density, dim x n.
Eigen::MatrixXd score(const GaussianMixture& g, const Eigen::MatrixXd& x);

// The law of x_t = alpha x_0 + sigma eps when x_0 ~ g: again a mixture, means scaled by alpha and
// variance alpha^2 v + sigma^2.
GaussianMixture diffuse(const GaussianMixture& g, const VpSde& sde, double t);

// Exact guidance grad_x log(q_t / p_t)(x) between a target q and a source p (same forward SDE).
Eigen::MatrixXd exact_guidance(const GaussianMixture& source, const GaussianMixture& target,
                               const VpSde& sde, double t, const Eigen::MatrixXd& x);

// Exact density ratio q(x) / p(x).
Eigen::VectorXd density_ratio(const GaussianMixture& source, const GaussianMixture& target,
                              const Eigen::MatrixXd& x);

// Samples of x_0 given x_t = x under g (a mixture again, in closed form): for checks that must
// not rely on the diffused closed form.
Eigen::MatrixXd sample_posterior(const GaussianMixture& g, const VpSde& sde, double t,
                                 const Eigen::VectorXd& x, int n, std::mt19937_64& rng);

}  // namespace diffsweep::transfer
