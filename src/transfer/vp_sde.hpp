// The forward diffusion both domains share: the variance-preserving SDE with beta(t) linear from
// beta_min to beta_max on t in [0, 1] (docs/methods.md, section 2). x_t = alpha_t x_0 + sigma_t
// eps.
#pragma once

#include <cmath>

namespace diffsweep::transfer {

struct VpSde {
  double beta_min = 0.1;
  double beta_max = 20.0;

  double beta(double t) const { return beta_min + (beta_max - beta_min) * t; }
  double integrated_beta(double t) const {
    return beta_min * t + 0.5 * (beta_max - beta_min) * t * t;
  }
  double alpha(double t) const { return std::exp(-0.5 * integrated_beta(t)); }
  // 1 - alpha^2 written with expm1 so that it keeps its precision at t near 0.
  double sigma2(double t) const { return -std::expm1(-integrated_beta(t)); }
  double sigma(double t) const { return std::sqrt(sigma2(t)); }
};

}  // namespace diffsweep::transfer
