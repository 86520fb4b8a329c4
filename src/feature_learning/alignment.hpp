// How much a set of filters has learned the signal and memorised the noise (docs/methods.md,
// section 1):
//   S = mean over the class features mu_j of max over filters r of |<w_r, mu_j>|,
//   N = (1/n) sum_i max_r |<w_r, xi_i>| over the training noise patches,
//   R = S / N.
// For the classifier, "all filters" means both banks: pass the d x 2m matrix.
#pragma once

#include <Eigen/Dense>

namespace diffsweep::feature_learning {

struct Alignment {
  double signal = 0;  // S
  double noise = 0;   // N
  double ratio = 0;   // R = S / N
};

Alignment measure_alignment(const Eigen::MatrixXd& w, const Eigen::MatrixXd& features,
                            const Eigen::MatrixXd& noise);

// max over filters of |cos(w_r, xbar)|, xbar the mean of all 2n clean patches (signal and noise).
// Averaged over eps, the diffusion loss's stationary filter is xbar while the clean patches are
// small against the diffusion noise (docs/feature-learning.md), and then R = n snr^2 / 2.
double mean_patch_cosine(const Eigen::MatrixXd& w, const Eigen::MatrixXd& signal,
                         const Eigen::MatrixXd& noise);

}  // namespace diffsweep::feature_learning
