// What a time-dependent network sees: the point, a fixed embedding of its diffusion time, and,
// for a label-conditioned network (classes > 0), the one-hot label. The embedding mixes slow
// Fourier features of t with log sigma_t, which resolves the small times where the score changes
// fastest.
#pragma once

#include <Eigen/Dense>
#include <cmath>
#include <numbers>

#include "transfer/vp_sde.hpp"

namespace diffsweep::transfer {

constexpr int time_features = 8;

// Appends one-hot rows for `labels` (values in [0, classes)); nothing when classes == 0.
inline Eigen::MatrixXd append_one_hot(Eigen::MatrixXd u, int classes,
                                      const Eigen::VectorXi& labels) {
  if (classes == 0) return u;
  const Eigen::Index rows = u.rows();
  u.conservativeResize(rows + classes, Eigen::NoChange);
  u.bottomRows(classes).setZero();
  for (Eigen::Index i = 0; i < u.cols(); ++i) u(rows + labels[i], i) = 1.0;
  return u;
}

inline Eigen::MatrixXd network_input(const Eigen::MatrixXd& x, const Eigen::VectorXd& t,
                                     const VpSde& sde, int classes = 0,
                                     const Eigen::VectorXi& labels = Eigen::VectorXi()) {
  const Eigen::Index d = x.rows(), n = x.cols();
  Eigen::MatrixXd u(d + time_features, n);
  u.topRows(d) = x;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double s = t[i];
    u(d, i) = s;
    for (int k = 1; k <= 3; ++k) {
      u(d + 2 * k - 1, i) = std::sin(std::numbers::pi * k * s);
      u(d + 2 * k, i) = std::cos(std::numbers::pi * k * s);
    }
    u(d + 7, i) = 0.25 * std::log(sde.sigma(s));
  }
  return append_one_hot(std::move(u), classes, labels);
}

}  // namespace diffsweep::transfer
