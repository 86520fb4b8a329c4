#include "feature_learning/classifier_model.hpp"

#include <cmath>
#include <stdexcept>

namespace diffsweep::feature_learning {

ClassifierProblem make_classifier_problem(const Eigen::MatrixXd& signal,
                                          const Eigen::MatrixXd& noise,
                                          const Eigen::VectorXd& labels) {
  if (signal.rows() != noise.rows() || signal.cols() != noise.cols() ||
      labels.size() != signal.cols())
    throw std::invalid_argument("classifier problem: patches and labels differ in shape");
  ClassifierProblem p;
  p.n = static_cast<int>(signal.cols());
  p.x.resize(signal.rows(), 2 * signal.cols());
  p.x << signal, noise;
  p.labels = labels;
  return p;
}

ClassifierWorkspace::ClassifierWorkspace(const ClassifierProblem& problem, int two_m)
    : a(two_m, 2 * problem.n), f(problem.n) {}

void classifier_outputs(const ClassifierProblem& p, const Eigen::MatrixXd& w,
                        ClassifierWorkspace& ws) {
  const Eigen::Index m = w.cols() / 2, n = p.n;
  ws.a.noalias() = w.transpose() * p.x;
  const auto sq = ws.a.array().square();
  // Sum over both patches and the filters of each bank.
  ws.f = (sq.topRows(m).leftCols(n) + sq.topRows(m).rightCols(n)).colwise().sum().transpose() -
         (sq.bottomRows(m).leftCols(n) + sq.bottomRows(m).rightCols(n)).colwise().sum().transpose();
  ws.f /= static_cast<double>(m);
}

// dL/df_i = -y_i sigmoid(-y_i f_i) / n = g_i, and dF_j/dw = (2/m) sum_p <w, x^(p)> x^(p), so
// dL/dW_j = j (2/m) X (A_j .* g)^T with g repeated over the two patches. A is overwritten by
// A .* (+-g) in place, which is why the gradient costs one more d x 2m x 2n product.
double classifier_loss(const ClassifierProblem& p, const Eigen::MatrixXd& w,
                       ClassifierWorkspace& ws, Eigen::MatrixXd* grad) {
  classifier_outputs(p, w, ws);
  const Eigen::Index m = w.cols() / 2, n = p.n;
  double loss = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double margin = p.labels(i) * ws.f(i);
    // log(1 + exp(-margin)) without overflow for either sign of the margin.
    loss += margin > 0 ? std::log1p(std::exp(-margin)) : -margin + std::log1p(std::exp(margin));
    // g_i = -y_i sigmoid(-margin); stored in f, which is not needed any more.
    const double s =
        margin > 0 ? std::exp(-margin) / (1 + std::exp(-margin)) : 1 / (1 + std::exp(margin));
    ws.f(i) = -p.labels(i) * s / static_cast<double>(n);
  }
  loss /= static_cast<double>(n);
  if (grad == nullptr) return loss;

  const double scale = 2.0 / static_cast<double>(m);
  for (Eigen::Index patch = 0; patch < 2; ++patch) {
    auto block = ws.a.middleCols(patch * n, n);
    block.topRows(m).array().rowwise() *= scale * ws.f.transpose().array();
    block.bottomRows(m).array().rowwise() *= -scale * ws.f.transpose().array();
  }
  grad->noalias() = p.x * ws.a.transpose();
  return loss;
}

double classifier_curvature(const ClassifierProblem& p) {
  // Power iteration on the 2n x 2n Gram matrix: it has the same nonzero spectrum as X X^T.
  const Eigen::MatrixXd gram = p.x.transpose() * p.x;
  Eigen::VectorXd v = Eigen::VectorXd::Ones(gram.rows());
  double lambda = 0;
  for (int it = 0; it < 200; ++it) {
    const Eigen::VectorXd next = gram * v;
    const double next_lambda = next.norm() / v.norm();
    v = next / next.norm();
    if (std::abs(next_lambda - lambda) <= 1e-10 * next_lambda) break;
    lambda = next_lambda;
  }
  return lambda / p.n;
}

double classifier_accuracy(const ClassifierProblem& p, const Eigen::MatrixXd& w,
                           ClassifierWorkspace& ws) {
  classifier_outputs(p, w, ws);
  return (p.labels.array() * ws.f.array() > 0).cast<double>().mean();
}

}  // namespace diffsweep::feature_learning
