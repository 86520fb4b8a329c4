// Full-batch gradient descent with the two stops a sweep needs: a stationary point (the gradient
// has shrunk to grad_tol times its initial norm) and divergence (a non-finite loss or gradient).
// The objective is any function of a matrix, so both models share this loop.
#pragma once

#include <Eigen/Dense>
#include <functional>

namespace diffsweep::feature_learning {

struct GdSettings {
  double step = 0;      // absolute step size (the caller applies its scaling rule)
  long max_steps = 0;   // `iters`
  double grad_tol = 0;  // relative gradient norm at which a stationary point is declared
  long log_every = 0;   // observer is called every log_every steps (0: first and last only)
};

struct GdOutcome {
  long steps = 0;          // gradient steps taken
  bool converged = false;  // stopped by grad_tol
  bool diverged = false;   // stopped by a non-finite loss or gradient
  double loss = 0;         // at the final iterate
  double grad_norm = 0;    // at the final iterate
  double grad_norm0 = 0;   // at the initial iterate
};

// Returns L(W) and writes dL/dW into its second argument.
using Objective = std::function<double(const Eigen::MatrixXd& w, Eigen::MatrixXd& grad)>;
// Called with the step count, the iterate and its loss: at step 0, every log_every steps, and at
// the final iterate (once, even when that is also a multiple of log_every).
using Observer = std::function<void(long step, const Eigen::MatrixXd& w, double loss)>;

GdOutcome gradient_descent(Eigen::MatrixXd& w, const Objective& objective,
                           const GdSettings& settings, const Observer& observe);

}  // namespace diffsweep::feature_learning
