// The paper's Figure 3 for a Noisy-MNIST feature-learning sweep (data = noisy_mnist): a grid of
// 28 x 28 images whose rows are the clean image x0 (for reference), the noisy image z_t and the
// diffusion model's denoised image (from a diffusion point) and the classifier's input gradient
// (from the classification point with the same n, n*SNR^2 and replicate), and whose columns are
// the shown images (the first half digit_pos, the rest digit_neg) at the lowest and the highest
// n*SNR^2 of the largest n (first replicate). Built from the fig3_* series
// (src/feature_learning/figure3_series.hpp).
#pragma once

#include <vector>

#include "analysis/report/report.hpp"
#include "analysis/report/results_table.hpp"

namespace diffsweep::analysis {

// Adds the figure (a Plot of kind "images") to `r` when `t` has finished noisy_mnist points with
// fig3_* series, else nothing (a note when noisy_mnist points lack them); and beside it
// `noisy_mnist_filters`, the first learned filter of each model and class bank (the filter_*
// series) as images, one column per n*SNR^2 of the same run choice. `x` is n*SNR^2 per row.
void add_noisy_mnist_figure(Report& r, const ResultsTable& t, const std::vector<double>& x);

}  // namespace diffsweep::analysis
