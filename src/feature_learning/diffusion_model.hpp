// The diffusion model of Han et al.: a two-layer CNN with weights tied across the layers and
// quadratic activation, f(W, z) = (1/m) sum_r <w_r, z>^2 w_r, applied with the same filters to
// both patches, trained on the noise-prediction (DDPM) loss at one fixed diffusion time t:
//   L(W) = 1/(2 n n_eps) sum_i sum_k sum_p || f(W, x_t,i,k^(p)) - eps_i,k^(p) ||^2,
//   x_t = alpha x0 + beta eps, alpha = exp(-t), beta = sqrt(1 - exp(-2t)).
// The noise draws are made once, so L is a fixed function with stationary points.
#pragma once

#include <Eigen/Dense>
#include <random>

namespace diffsweep::feature_learning {

// The fixed objective: clean patches, their noised copies, nothing that depends on W.
struct DiffusionProblem {
  int n = 0;         // samples
  int n_eps = 0;     // noise draws per sample
  double alpha = 0;  // exp(-t)
  double beta = 0;   // sqrt(1 - exp(-2t))
  // d x 2n: [signal patches | noise patches], column p*n + i is patch p of sample i.
  Eigen::MatrixXd x0;
  // d x (2 n n_eps): column (p*n_eps + k)*n + i is alpha x0_i^(p) + beta eps_i,k^(p). Blocks of n
  // columns share one clean block of x0, which the gradient exploits (see diffusion_model.cpp).
  Eigen::MatrixXd xt;
  double eps_squared_norm = 0;  // sum of ||eps||^2 over all noise draws
};

// Draws the n_eps noises per patch from `rng`. With `antithetic`, draw k + n_eps/2 is minus draw
// k (n_eps must be even): each eps is still N(0, I), but the odd moments of the draws cancel
// exactly, so a direction orthogonal to every clean patch gains nothing from fitting the particular
// draws. Without it, a finite draw is memorised along thousands of such directions and gradient
// descent crawls for very long before reaching a stationary point.
DiffusionProblem make_diffusion_problem(const Eigen::MatrixXd& signal, const Eigen::MatrixXd& noise,
                                        double t, int n_eps, bool antithetic, std::mt19937_64& rng);

// Buffers of one loss/gradient evaluation, sized once so the training loop does not allocate.
struct DiffusionWorkspace {
  Eigen::MatrixXd a, q, mq, wt_eps, h;  // m x (a chunk of the P columns)
  Eigen::MatrixXd wt_x0, q_sum;         // m x 2n
  Eigen::MatrixXd gram, qqt;            // m x m
  DiffusionWorkspace(const DiffusionProblem& problem, int m);
};

// L(W) for W in R^{d x m} (the filters as columns); writes dL/dW into `grad` when it is not null.
double diffusion_loss(const DiffusionProblem& problem, const Eigen::MatrixXd& w,
                      DiffusionWorkspace& ws, Eigen::MatrixXd* grad);

// L(W) - L(0), with the same gradient. L(0) = ||eps||^2 / (2 n n_eps) is about d, while what
// training changes is a small part of it: summed without that constant, the difference of two
// nearby iterates' losses (what a line search compares) keeps its precision.
double diffusion_excess_loss(const DiffusionProblem& problem, const Eigen::MatrixXd& w,
                             DiffusionWorkspace& ws, Eigen::MatrixXd* grad);

// L(0): the loss of the zero network, the noise draws' mean squared norm over 2.
double diffusion_zero_loss(const DiffusionProblem& problem);

// Curvature of L along the filters' common scale at the stationary point of the one-direction
// model W = s u 1^T, u the unit mean clean patch, with eps averaged out; the step-size unit (see
// diffusion_model.cpp).
double diffusion_curvature(const DiffusionProblem& problem);

// Floating-point operations of one diffusion_loss call with a gradient (the cost model the
// benchmark reports GFLOP/s against).
double diffusion_step_flops(Eigen::Index d, Eigen::Index m, const DiffusionProblem& problem);

}  // namespace diffsweep::feature_learning
