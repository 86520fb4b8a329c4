// Central finite differences shared by the gradient tests.
#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <random>

namespace diffsweep::testing {

template <class F>
Eigen::VectorXd numeric_gradient(F f, Eigen::VectorXd v, double h = 1e-5) {
  Eigen::VectorXd g(v.size());
  for (Eigen::Index j = 0; j < v.size(); ++j) {
    const double keep = v[j];
    v[j] = keep + h;
    const double a = f(v);
    v[j] = keep - h;
    const double b = f(v);
    v[j] = keep;
    g[j] = (a - b) / (2 * h);
  }
  return g;
}

// The same over every entry of a matrix argument, flattened column-major like Eigen's reshaped().
template <class F>
Eigen::VectorXd numeric_matrix_gradient(F f, const Eigen::MatrixXd& w, double h = 1e-5) {
  const auto flat = [&](const Eigen::VectorXd& v) {
    return f(v.reshaped(w.rows(), w.cols()).eval());
  };
  return numeric_gradient(flat, w.reshaped(), h);
}

inline double relative_error(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return (a - b).norm() / std::max(1e-12, std::max(a.norm(), b.norm()));
}

inline Eigen::MatrixXd random_matrix(Eigen::Index r, Eigen::Index c, std::mt19937_64& rng) {
  std::normal_distribution<double> normal(0.0, 1.0);
  Eigen::MatrixXd m(r, c);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = normal(rng);
  return m;
}

}  // namespace diffsweep::testing
