// What a trained model does to a few real digits, saved as series so the analysis can draw the
// paper's Figure 3 (Noisy-MNIST; rows: noisy image, classifier input gradient, denoised image).
// Both views act on patch 1 only; the models are those of classifier_model.hpp and
// diffusion_model.hpp.
#pragma once

#include <Eigen/Dense>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace diffsweep::feature_learning {

// d f / d x^(1) of the classifier f(x) = F_{+1}(x) - F_{-1}(x), W = [W_{+1} | W_{-1}] (d x 2m):
//   (2/m) sum_r (<w_{+1,r}, z> w_{+1,r} - <w_{-1,r}, z> w_{-1,r}),  z = x^(1).
// Patch 2 does not enter: f is a sum over patches.
Eigen::VectorXd classifier_input_gradient(const Eigen::MatrixXd& w, const Eigen::VectorXd& z);

// The clean patch the diffusion model infers from a noised one, x0_hat = (z_t - beta f(W, z_t)) /
// alpha, f(W, z) = (1/m) sum_r <w_r, z>^2 w_r the noise prediction (W is d x m).
Eigen::VectorXd diffusion_denoised(const Eigen::MatrixXd& w, const Eigen::VectorXd& z_t,
                                   double alpha, double beta);

// The series of Figure 3 for the images `shown` (784 x k, normalised as the samples), named
// `fig3_<what>_<j>`, j = 0..k-1, each 784 values (a 28 x 28 image, row-major):
//  - both models: fig3_image_j, the clean image patch x0;
//  - diffusion (`diffusion`, filters W d x m): fig3_noisy_j, z_t = alpha x0 + beta eps with
//    eps ~ N(0, I) from `rng`, and fig3_denoised_j, diffusion_denoised(W, z_t);
//  - classification (W = [W_{+1} | W_{-1}]): fig3_grad_j, classifier_input_gradient(W, x0).
std::map<std::string, std::vector<double>> figure3_series(const Eigen::MatrixXd& shown,
                                                          const Eigen::MatrixXd& w, bool diffusion,
                                                          double t, std::mt19937_64& rng);

// The learned filters as series of d values (28 x 28 images for Noisy-MNIST), at most
// `max_filters_shown` per bank so a wide model does not store its whole W per point: diffusion
// (W d x m) `filter_r`; classification (W = [W_{+1} | W_{-1}]) `filter_pos_r` and `filter_neg_r`.
constexpr Eigen::Index max_filters_shown = 8;
std::map<std::string, std::vector<double>> filter_series(const Eigen::MatrixXd& w, bool diffusion);

}  // namespace diffsweep::feature_learning
