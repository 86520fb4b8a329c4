#include "feature_learning/gradient_descent.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace diffsweep::feature_learning {

namespace {

// Armijo's sufficient decrease: a trial step t along direction p is accepted when
// L(W + t p) <= L(W) + armijo * t <grad, p>. A small constant accepts any step that is not past
// the curvature's stability edge, so the line search only ever shortens steps that would not have
// lowered the loss.
constexpr double armijo = 1e-4;
// Halvings before the line search gives up: 2^-60 of the first trial is below any step that can
// still change a double iterate.
constexpr int max_halvings = 60;
// After an accepted gradient-descent step the next trial is 2^(1/16) longer (at most the ceiling):
// once a step was halved it takes 16 accepted steps to try the rejected length again, so at the
// stability edge about one evaluation in 17 is a rejected trial.
const double growth = std::exp2(1.0 / 16);

double dot(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) { return a.cwiseProduct(b).sum(); }

// L-BFGS's inverse-Hessian estimate from the last `capacity` pairs (s, y) = (W_{k+1} - W_k,
// grad_{k+1} - grad_k), applied by the two-loop recursion. A pair with s.y <= 0 (negative curvature
// along the step, as at a saddle) is not kept, so the estimate stays positive definite and its
// direction is a descent direction.
class LbfgsMemory {
 public:
  explicit LbfgsMemory(int capacity) : capacity_(std::max(capacity, 1)) {}

  bool empty() const { return size_ == 0; }
  void clear() { size_ = 0; }

  void push(const Eigen::MatrixXd& s, const Eigen::MatrixXd& y) {
    const double sy = dot(s, y);
    if (!(sy > 1e-10 * s.norm() * y.norm())) return;
    if (s_.size() < static_cast<std::size_t>(capacity_)) {
      s_.emplace_back(s.rows(), s.cols());
      y_.emplace_back(s.rows(), s.cols());
      rho_.push_back(0);
      coef_.push_back(0);
    }
    const int slot = (first_ + size_) % capacity_;
    if (size_ == capacity_)
      first_ = (first_ + 1) % capacity_;
    else
      ++size_;
    s_[slot] = s;
    y_[slot] = y;
    rho_[slot] = 1.0 / sy;
  }

  // direction = -H grad.
  void direction(const Eigen::MatrixXd& grad, Eigen::MatrixXd& direction) {
    direction = grad;
    for (int k = size_ - 1; k >= 0; --k) {
      const int i = (first_ + k) % capacity_;
      coef_[i] = rho_[i] * dot(s_[i], direction);
      direction -= coef_[i] * y_[i];
    }
    const int newest = (first_ + size_ - 1) % capacity_;
    direction *= 1.0 / (rho_[newest] * y_[newest].squaredNorm());
    for (int k = 0; k < size_; ++k) {
      const int i = (first_ + k) % capacity_;
      direction += (coef_[i] - rho_[i] * dot(y_[i], direction)) * s_[i];
    }
    direction = -direction;
  }

 private:
  int capacity_, first_ = 0, size_ = 0;
  std::vector<Eigen::MatrixXd> s_, y_;
  std::vector<double> rho_, coef_;
};

}  // namespace

GdOutcome gradient_descent(Eigen::MatrixXd& w, const Objective& objective,
                           const GdSettings& settings, const Observer& observe) {
  GdOutcome out;
  Eigen::MatrixXd grad(w.rows(), w.cols()), trial(w.rows(), w.cols()),
      trial_grad(w.rows(), w.cols()), direction(w.rows(), w.cols());
  LbfgsMemory memory(settings.method == Descent::lbfgs ? settings.memory : 1);
  long last_logged = -1;
  auto log = [&]() {
    if (observe && out.steps != last_logged) observe(out.steps, w, out.loss, out.step_last);
    last_logged = out.steps;
  };
  out.loss = objective(w, grad);
  out.evaluations = 1;
  out.grad_norm0 = out.grad_norm = grad.norm();
  log();
  double gd_step = settings.step;
  while (true) {
    if (!std::isfinite(out.loss) || !std::isfinite(out.grad_norm)) {
      out.diverged = true;
      break;
    }
    // Checked from step 1 on: at step 0 the test would compare the gradient with itself.
    if (out.steps > 0 && out.grad_norm <= settings.grad_tol * out.grad_norm0) {
      out.converged = true;
      break;
    }
    if (out.steps >= settings.max_steps) break;

    const bool quasi_newton = settings.method == Descent::lbfgs && !memory.empty();
    double t = 1;
    if (quasi_newton) {
      memory.direction(grad, direction);
    } else {
      direction = -grad;
      t = gd_step;
    }
    const double slope = dot(grad, direction);
    if (!(slope < 0)) break;  // a zero gradient: nothing can lower the loss from here
    double trial_loss = 0;
    bool accepted = false;
    for (int halvings = 0; halvings <= max_halvings && !accepted; ++halvings) {
      if (halvings > 0) t *= 0.5;
      trial = w + t * direction;
      trial_loss = objective(trial, trial_grad);
      ++out.evaluations;
      // Strictly lower as well: once t * slope is below the loss's rounding, a trial that moves
      // nothing would pass the first test.
      accepted = std::isfinite(trial_loss) && trial_loss <= out.loss + armijo * t * slope &&
                 trial_loss < out.loss;
    }
    if (!accepted) {
      // A quasi-Newton direction can be poor where the curvature changes fast; the gradient is
      // tried before giving up.
      if (quasi_newton) {
        memory.clear();
        continue;
      }
      out.stalled = true;
      break;
    }
    const double moved = t * direction.norm() / out.grad_norm;
    if (settings.method == Descent::lbfgs) memory.push(trial - w, trial_grad - grad);
    if (!quasi_newton) gd_step = std::min(t * growth, settings.step);
    std::swap(w, trial);
    std::swap(grad, trial_grad);
    out.loss = trial_loss;
    out.grad_norm = grad.norm();
    ++out.steps;
    out.step_min = out.steps == 1 ? moved : std::min(out.step_min, moved);
    out.step_max = std::max(out.step_max, moved);
    out.step_last = moved;
    if (settings.log_every > 0 && out.steps % settings.log_every == 0) log();
  }
  log();
  return out;
}

Objective with_weight_decay(Objective objective, double lambda) {
  if (lambda == 0) return objective;
  return
      [objective = std::move(objective), lambda](const Eigen::MatrixXd& w, Eigen::MatrixXd& grad) {
        const double loss = objective(w, grad);
        grad += lambda * w;
        return loss + 0.5 * lambda * w.squaredNorm();
      };
}

}  // namespace diffsweep::feature_learning
