#include "feature_learning/gradient_descent.hpp"

#include <cmath>

namespace diffsweep::feature_learning {

GdOutcome gradient_descent(Eigen::MatrixXd& w, const Objective& objective,
                           const GdSettings& settings, const Observer& observe) {
  GdOutcome out;
  Eigen::MatrixXd grad(w.rows(), w.cols());
  long last_logged = -1;
  auto log = [&](long step, double loss) {
    if (observe && step != last_logged) observe(step, w, loss);
    last_logged = step;
  };
  for (long step = 0;; ++step) {
    out.loss = objective(w, grad);
    out.grad_norm = grad.norm();
    out.steps = step;
    if (step == 0) out.grad_norm0 = out.grad_norm;
    if (!std::isfinite(out.loss) || !std::isfinite(out.grad_norm)) {
      out.diverged = true;
      break;
    }
    // Checked from step 1 on: at step 0 the test would compare the gradient with itself.
    if (step > 0 && out.grad_norm <= settings.grad_tol * out.grad_norm0) {
      out.converged = true;
      break;
    }
    if (step == 0 || (settings.log_every > 0 && step % settings.log_every == 0))
      log(step, out.loss);
    if (step == settings.max_steps) break;
    w -= settings.step * grad;
  }
  log(out.steps, out.loss);
  return out;
}

}  // namespace diffsweep::feature_learning
