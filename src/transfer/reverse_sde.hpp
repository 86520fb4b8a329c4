// Sampling by the reverse-time VP-SDE, Euler-Maruyama on a uniform grid from t = 1 down to t_min:
//   x <- x + (beta/2 x + beta s(x, t)) h + sqrt(beta h) z,
// starting from N(0, I). All noise comes from `seed`, drawn in a fixed order, so methods that are
// given the same seed are compared on the same sampler noise.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <functional>

#include "transfer/vp_sde.hpp"

namespace diffsweep::transfer {

using ScoreFn = std::function<Eigen::MatrixXd(const Eigen::MatrixXd& x, double t)>;

struct SamplerSettings {
  int steps = 200;
  double t_min = 1e-3;
};

// No noise is added on the last step: it would only blur the samples by sqrt(beta h).
Eigen::MatrixXd sample_reverse_sde(const ScoreFn& score, const VpSde& sde, int dim, int n,
                                   const SamplerSettings& s, std::uint64_t seed);

}  // namespace diffsweep::transfer
