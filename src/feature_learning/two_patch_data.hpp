// Two-patch data (Definition 2.1 of Han et al., ICLR 2025): each sample has a signal patch mu_y
// and a Gaussian noise patch orthogonal to both signals. The models and metrics consume the
// TwoPatchData struct only, so another source of two-patch samples (Noisy-MNIST: a real image as
// the signal patch) plugs in by filling the same struct.
#pragma once

#include <Eigen/Dense>
#include <random>

namespace diffsweep::feature_learning {

struct TwoPatchSpec {
  int d = 1000;           // patch dimension
  int n = 64;             // number of samples
  double sigma_xi = 1.0;  // noise level of the noise patch
  double snr = 0.1;       // |mu| / (sigma_xi sqrt(d))
};

struct TwoPatchData {
  Eigen::VectorXd labels;    // n, each +1 or -1
  Eigen::MatrixXd signal;    // d x n, column i is the signal patch of sample i (mu_{y_i})
  Eigen::MatrixXd noise;     // d x n, column i is the noise patch xi_i
  Eigen::MatrixXd features;  // d x 2: the class features signal learning is measured against
                             // (mu_{+1}, mu_{-1}); class-mean images for real data
};

// Labels are balanced by construction (n/2 of each, the odd one out drawn at random, then
// shuffled): each y_i is still uniform on {-1, +1} as the definition asks, and a small-n point is
// not dominated by an accidental class imbalance. mu_{+1} = |mu| e_1, mu_{-1} = |mu| e_2, and the
// noise has coordinates 1 and 2 set to zero, i.e. xi ~ N(0, sigma_xi^2 (I - e1 e1^T - e2 e2^T)).
TwoPatchData make_two_patch_data(const TwoPatchSpec& spec, std::mt19937_64& rng);

// Fills `out` with independent N(0, 1) draws from `rng` (column-major order, so the draws do not
// depend on how Eigen evaluates expressions).
void fill_standard_normal(Eigen::Ref<Eigen::MatrixXd> out, std::mt19937_64& rng);

}  // namespace diffsweep::feature_learning
