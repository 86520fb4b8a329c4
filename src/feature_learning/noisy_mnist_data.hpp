// Noisy-MNIST (docs/methods.md, section 1, "Real data"): the two-patch problem with a real digit as
// the signal patch. Class +1 is one digit, class -1 another; patch 1 is the image, patch 2 Gaussian
// noise, and the samples fill the same TwoPatchData struct the models and metrics consume.
//
// Normalisation: every image is scaled to the norm |mu| = snr * sigma_xi * sqrt(d), so each
// sample's SNR~ = ||image|| / (sigma_xi sqrt(d)) is exactly the `snr` asked (no centring: the
// grey levels stay non-negative, as the digits are drawn). The class features S is measured
// against are the two class-mean images (mean of the normalised images of all the class's
// images in the data folder, rescaled to |mu|): the best available stand-in for mu_{+1}, mu_{-1},
// the same for every point whatever its n. The noise patch is xi ~ N(0, sigma_xi^2 I_784): unlike
// the synthetic data it is not projected off the signals, as real digits span no fixed subspace.
#pragma once

#include <Eigen/Dense>
#include <random>

#include "feature_learning/two_patch_data.hpp"

namespace diffsweep::feature_learning {

struct NoisyMnistSpec {
  int n = 64;             // training samples
  int n_test = 1000;      // test samples, no image shared with the training set
  int n_show = 4;         // images set aside to show what the models do (Figure 3)
  double sigma_xi = 1.0;  // noise patch level
  double snr = 0.1;       // ||image|| / (sigma_xi sqrt(784))
};

struct NoisyMnistData {
  TwoPatchData train, test;
  // 784 x n_show, normalised like the samples: the first ceil(n_show/2) images of class +1 and
  // then of class -1 counted from the end of each class file, never in train or test, so every
  // point of a sweep shows the same images whatever its seed.
  Eigen::MatrixXd show;
  Eigen::VectorXd show_labels;
};

// `pos`, `neg`: 784 x k grey-level images of the two classes (load_mnist_digits). Training and
// test labels are balanced (n/2 of each class, the odd one out drawn at random, then shuffled);
// the images are drawn without replacement from each class's images (apart from those shown),
// training first, so the two sets are disjoint. `data_rng` draws the images and the training
// noise, `test_rng` the test noise. Throws std::invalid_argument, saying how many images there
// are, when a class has too few for n, n_test and n_show.
NoisyMnistData make_noisy_mnist_data(const Eigen::MatrixXd& pos, const Eigen::MatrixXd& neg,
                                     const NoisyMnistSpec& spec, std::mt19937_64& data_rng,
                                     std::mt19937_64& test_rng);

}  // namespace diffsweep::feature_learning
