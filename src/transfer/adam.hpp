// Adam (Kingma & Ba) over a flat parameter vector; the learning rate is passed per step so the
// trainers can decay it.
#pragma once

#include <Eigen/Dense>
#include <cmath>

namespace diffsweep::transfer {

struct Adam {
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  Eigen::VectorXd m, v;
  long step_count = 0;

  void step(Eigen::VectorXd& theta, const Eigen::VectorXd& grad, double lr) {
    if (m.size() != theta.size()) {
      m = Eigen::VectorXd::Zero(theta.size());
      v = Eigen::VectorXd::Zero(theta.size());
    }
    ++step_count;
    m = beta1 * m + (1 - beta1) * grad;
    v = beta2 * v + (1 - beta2) * grad.cwiseAbs2();
    const double c1 = 1 - std::pow(beta1, double(step_count));
    const double c2 = 1 - std::pow(beta2, double(step_count));
    theta.array() -= lr / c1 * m.array() / ((v.array() / c2).sqrt() + eps);
  }
};

}  // namespace diffsweep::transfer
