#include "transfer/sample_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

namespace diffsweep::transfer {

namespace {

// Squared distances between the columns of a and of b.
Eigen::MatrixXd squared_distances(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  Eigen::MatrixXd d = -2.0 * a.transpose() * b;
  d.colwise() += a.colwise().squaredNorm().transpose();
  d.rowwise() += b.colwise().squaredNorm();
  return d.cwiseMax(0.0);
}

}  // namespace

double median_distance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  const Eigen::Index nx = std::min<Eigen::Index>(x.cols(), 1000),
                     ny = std::min<Eigen::Index>(y.cols(), 1000);
  Eigen::MatrixXd pooled(x.rows(), nx + ny);
  pooled << x.leftCols(nx), y.leftCols(ny);
  const Eigen::MatrixXd d = squared_distances(pooled, pooled);
  std::vector<double> v;
  v.reserve(std::size_t(d.size()) / 2);
  for (Eigen::Index j = 0; j < d.cols(); ++j)
    for (Eigen::Index i = 0; i < j; ++i) v.push_back(d(i, j));
  auto mid = v.begin() + std::ptrdiff_t(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return std::sqrt(*mid);
}

double mmd_rbf(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, double bandwidth) {
  const double c = -0.5 / (bandwidth * bandwidth);
  auto mean_kernel = [c](const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    return (c * squared_distances(a, b)).array().exp().mean();
  };
  const double mmd2 = mean_kernel(x, x) + mean_kernel(y, y) - 2.0 * mean_kernel(x, y);
  return std::sqrt(std::max(0.0, mmd2));
}

double energy_distance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  auto mean_distance = [](const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, bool same) {
    const double sum = squared_distances(a, b).array().sqrt().sum();
    const double n = double(a.cols()) * double(b.cols()) - (same ? double(a.cols()) : 0.0);
    return sum / n;
  };
  return 2.0 * mean_distance(x, y, false) - mean_distance(x, x, true) - mean_distance(y, y, true);
}

double sliced_wasserstein2(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, int directions,
                           std::mt19937_64& rng) {
  if (x.cols() != y.cols())
    throw std::invalid_argument("sliced_wasserstein2: samples of different sizes");
  std::normal_distribution<double> normal(0.0, 1.0);
  double total = 0.0;
  std::vector<double> px(std::size_t(x.cols())), py(std::size_t(y.cols()));
  for (int k = 0; k < directions; ++k) {
    Eigen::VectorXd u = Eigen::VectorXd::NullaryExpr(x.rows(), [&] { return normal(rng); });
    u.normalize();
    Eigen::VectorXd::Map(px.data(), x.cols()) = x.transpose() * u;
    Eigen::VectorXd::Map(py.data(), y.cols()) = y.transpose() * u;
    std::sort(px.begin(), px.end());
    std::sort(py.begin(), py.end());
    double s = 0.0;
    for (std::size_t i = 0; i < px.size(); ++i) s += (px[i] - py[i]) * (px[i] - py[i]);
    total += s / double(px.size());
  }
  return std::sqrt(total / directions);
}

double weight_error(const GaussianMixture& g, const Eigen::MatrixXd& x) {
  const Eigen::MatrixXd d = squared_distances(g.means, x);  // K x n
  Eigen::VectorXd fraction = Eigen::VectorXd::Zero(g.components());
  for (Eigen::Index i = 0; i < x.cols(); ++i) {
    Eigen::Index k;
    d.col(i).minCoeff(&k);
    fraction[k] += 1.0;
  }
  fraction /= double(x.cols());
  return (fraction - g.weights).cwiseAbs().sum();
}

double generative_classifier_accuracy(const Eigen::MatrixXd& train, const Eigen::VectorXi& labels,
                                      int classes, const Eigen::MatrixXd& test,
                                      const Eigen::VectorXi& test_labels) {
  Eigen::MatrixXd means = Eigen::MatrixXd::Zero(train.rows(), classes);
  Eigen::VectorXd counts = Eigen::VectorXd::Zero(classes);
  for (Eigen::Index i = 0; i < train.cols(); ++i) {
    means.col(labels[i]) += train.col(i);
    counts[labels[i]] += 1.0;
  }
  for (int k = 0; k < classes; ++k)
    if (counts[k] > 0) means.col(k) /= counts[k];
  double within = 0.0;
  for (Eigen::Index i = 0; i < train.cols(); ++i)
    within += (train.col(i) - means.col(labels[i])).squaredNorm();
  const double variance = std::max(within / double(train.size()), 1e-12);
  const Eigen::MatrixXd d = squared_distances(means, test);  // classes x n_test
  int correct = 0;
  for (Eigen::Index i = 0; i < test.cols(); ++i) {
    int best = -1;
    double best_score = -std::numeric_limits<double>::infinity();
    for (int k = 0; k < classes; ++k) {
      if (counts[k] == 0) continue;
      const double s = std::log(counts[k]) - 0.5 * d(k, i) / variance;
      if (s > best_score) best_score = s, best = k;
    }
    correct += best == test_labels[i];
  }
  return double(correct) / double(test.cols());
}

}  // namespace diffsweep::transfer
