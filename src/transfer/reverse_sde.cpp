#include "transfer/reverse_sde.hpp"

#include <cmath>
#include <random>

namespace diffsweep::transfer {

Eigen::MatrixXd sample_reverse_sde(const ScoreFn& score, const VpSde& sde, int dim, int n,
                                   const SamplerSettings& s, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  auto noise = [&] {
    return Eigen::MatrixXd(Eigen::MatrixXd::NullaryExpr(dim, n, [&] { return normal(rng); }));
  };
  Eigen::MatrixXd x = noise();
  const double h = (1.0 - s.t_min) / s.steps;
  for (int k = 0; k < s.steps; ++k) {
    const double t = 1.0 - k * h, beta = sde.beta(t);
    x += (0.5 * beta * x + beta * score(x, t)) * h;
    if (k + 1 < s.steps) x += std::sqrt(beta * h) * noise();
  }
  return x;
}

}  // namespace diffsweep::transfer
