// Full-batch descent with a backtracking (Armijo) line search, the trainer both models share.
// Every accepted step lowers the objective by at least a fixed fraction of what its gradient
// promises, so the objective never increases and training cannot diverge, whatever the curvature
// (it grows with the filters' norms and their number, and differs from point to point). Two
// directions, the same stationary points: plain gradient descent (the theory's dynamics) and
// L-BFGS (fewer steps across the saddles of the m-filter loss). Three stops: a stationary point
// (the gradient has shrunk to grad_tol times its initial norm), the step budget, and a non-finite
// gradient at an accepted iterate (divergence).
#pragma once

#include <Eigen/Dense>
#include <functional>

namespace diffsweep::feature_learning {

enum class Descent { gd, lbfgs };

struct GdSettings {
  double step = 0;      // gradient descent: the first trial step and the largest one tried
  long max_steps = 0;   // `iters`: accepted steps
  double grad_tol = 0;  // relative gradient norm at which a stationary point is declared
  long log_every = 0;   // observer is called every log_every steps (0: first and last only)
  Descent method = Descent::gd;
  int memory = 10;  // L-BFGS: (step, gradient change) pairs kept
};

struct GdOutcome {
  long steps = 0;          // accepted steps
  long evaluations = 0;    // objective evaluations, the rejected trial steps included
  bool converged = false;  // stopped by grad_tol
  bool diverged = false;   // stopped by a non-finite gradient at an accepted iterate
  // The line search found no decrease above rounding before the step vanished: the iterate is as
  // stationary as float arithmetic can tell, but not (yet) by grad_tol.
  bool stalled = false;
  double loss = 0;        // at the final iterate
  double grad_norm = 0;   // at the final iterate
  double grad_norm0 = 0;  // at the initial iterate
  // Accepted steps as ||W_{k+1} - W_k|| / ||grad L(W_k)||, the gradient-descent step that moves
  // as far (for gradient descent, the step itself): smallest, largest and last. 0 if none.
  double step_min = 0, step_max = 0, step_last = 0;
};

// Returns L(W) and writes dL/dW into its second argument.
using Objective = std::function<double(const Eigen::MatrixXd& w, Eigen::MatrixXd& grad)>;
// Called with the step count, the iterate, its loss and the last accepted step (0 at step 0): at
// step 0, every log_every steps, and at the final iterate (once, even when that is also a multiple
// of log_every).
using Observer =
    std::function<void(long step, const Eigen::MatrixXd& w, double loss, double step_size)>;

GdOutcome gradient_descent(Eigen::MatrixXd& w, const Objective& objective,
                           const GdSettings& settings, const Observer& observe);

// objective(W) + (lambda / 2) ||W||^2 and its gradient; `objective` itself when lambda = 0.
Objective with_weight_decay(Objective objective, double lambda);

}  // namespace diffsweep::feature_learning
