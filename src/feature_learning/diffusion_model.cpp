#include "feature_learning/diffusion_model.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "feature_learning/two_patch_data.hpp"

namespace diffsweep::feature_learning {

DiffusionProblem make_diffusion_problem(const Eigen::MatrixXd& signal, const Eigen::MatrixXd& noise,
                                        double t, int n_eps, bool antithetic,
                                        std::mt19937_64& rng) {
  if (signal.rows() != noise.rows() || signal.cols() != noise.cols())
    throw std::invalid_argument("diffusion problem: signal and noise patches differ in shape");
  if (!(t > 0)) throw std::invalid_argument("diffusion problem: t must be positive");
  if (n_eps < 1) throw std::invalid_argument("diffusion problem: n_eps must be positive");
  if (antithetic && n_eps % 2 != 0)
    throw std::invalid_argument("diffusion problem: antithetic noise needs an even n_eps, got " +
                                std::to_string(n_eps));
  DiffusionProblem p;
  p.n = static_cast<int>(signal.cols());
  p.n_eps = n_eps;
  p.alpha = std::exp(-t);
  p.beta = std::sqrt(1.0 - std::exp(-2.0 * t));
  const Eigen::Index d = signal.rows(), n = p.n;
  p.x0.resize(d, 2 * n);
  p.x0 << signal, noise;
  p.xt.resize(d, 2 * n * n_eps);
  const Eigen::Index drawn = antithetic ? n_eps / 2 : n_eps;
  for (int patch = 0; patch < 2; ++patch) {
    auto draws = p.xt.middleCols(patch * n_eps * n, n_eps * n);
    fill_standard_normal(draws.leftCols(drawn * n), rng);
    if (antithetic) draws.rightCols(drawn * n) = -draws.leftCols(drawn * n);
  }
  p.eps_squared_norm = p.xt.squaredNorm();
  for (int patch = 0; patch < 2; ++patch)
    for (int k = 0; k < n_eps; ++k) {
      auto block = p.xt.middleCols((patch * n_eps + k) * n, n);
      block = p.alpha * p.x0.middleCols(patch * n, n) + p.beta * block;
    }
  return p;
}

namespace {

// Columns of x_t processed together: a chunk of about 512 KiB stays in cache between the product
// that reads it (W^T Z) and the one that reads it again (Z H^T), so x_t streams from memory once
// per step; with few filters the step is bound by that stream.
Eigen::Index chunk_columns(const DiffusionProblem& p) {
  const Eigen::Index fit = (Eigen::Index{1} << 16) / std::max<Eigen::Index>(p.x0.rows(), 1);
  return std::clamp<Eigen::Index>(fit, 16, std::max(p.n, 1));
}

}  // namespace

DiffusionWorkspace::DiffusionWorkspace(const DiffusionProblem& problem, int m) {
  const Eigen::Index chunk = chunk_columns(problem), n2 = problem.x0.cols();
  for (auto* buf : {&a, &q, &mq, &wt_eps, &h}) buf->resize(m, chunk);
  wt_x0.resize(m, n2);
  q_sum.resize(m, n2);
  gram.resize(m, m);
  qqt.resize(m, m);
}

// With Z = x_t (d x P), A = W^T Z, Q = A.^2 and E = W Q / m - Eps the residuals,
//   L = c/2 ||E||^2,  dL/dW = (c/m) [E Q^T + 2 Z ((W^T E) .* A)^T],  c = 1 / (n n_eps).
// Done literally that is five d x m x P products. Two suffice: Eps = (Z - alpha X0)/beta, and X0
// repeats one d x 2n block n_eps times, so
//   W^T Eps = (A - alpha W^T X0) / beta              (m x d x 2n instead of m x d x P)
//   W^T E   = (W^T W) Q / m - W^T Eps                (m x m x P)
//   E Q^T   = W (Q Q^T) / m - Z Q^T / beta + (alpha/beta) X0 (sum_k Q_k)^T
// and the two products with Z merge into one: dL/dW = (c/m) [W (Q Q^T)/m
//   + (alpha/beta) X0 (sum_k Q_k)^T + Z H^T] with H = 2 (W^T E) .* A - Q / beta.
// The loss comes from the same pieces: ||E||^2 = sum(Q .* (W^T W) Q)/m^2
//   - 2 sum(Q .* W^T Eps)/m + ||Eps||^2.
// Every column of A, Q and H depends on its own column of Z only, so the step runs over chunks of
// columns (chunk_columns) and accumulates Z H^T, Q Q^T and sum_k Q_k.
double diffusion_excess_loss(const DiffusionProblem& p, const Eigen::MatrixXd& w,
                             DiffusionWorkspace& ws, Eigen::MatrixXd* grad) {
  const Eigen::Index n = p.n, chunk = ws.a.cols();
  const double m = static_cast<double>(w.cols());
  const double c = 1.0 / (static_cast<double>(p.n) * p.n_eps);

  ws.gram.noalias() = w.transpose() * w;
  ws.wt_x0.noalias() = w.transpose() * p.x0;
  if (grad != nullptr) {
    grad->setZero();
    ws.qqt.setZero();
    ws.q_sum.setZero();
  }
  double fit = 0, cross = 0;
  for (int patch = 0; patch < 2; ++patch)
    for (int k = 0; k < p.n_eps; ++k)
      for (Eigen::Index i0 = 0; i0 < n; i0 += chunk) {
        const Eigen::Index width = std::min(chunk, n - i0);
        const auto z = p.xt.middleCols((patch * p.n_eps + k) * n + i0, width);
        auto a = ws.a.leftCols(width);
        auto q = ws.q.leftCols(width);
        auto mq = ws.mq.leftCols(width);
        auto wt_eps = ws.wt_eps.leftCols(width);
        a.noalias() = w.transpose() * z;
        q = a.array().square();
        mq.noalias() = ws.gram * q;
        wt_eps = (a - p.alpha * ws.wt_x0.middleCols(patch * n + i0, width)) / p.beta;
        fit += (q.array() * mq.array()).sum();
        cross += (q.array() * wt_eps.array()).sum();
        if (grad == nullptr) continue;
        auto h = ws.h.leftCols(width);
        h = 2.0 * (mq.array() / m - wt_eps.array()) * a.array() - q.array() / p.beta;
        grad->noalias() += z * h.transpose();
        ws.qqt.noalias() += q * q.transpose();
        ws.q_sum.middleCols(patch * n + i0, width) += q;
      }
  const double loss = 0.5 * c * (fit / (m * m) - 2.0 * cross / m);
  if (grad == nullptr) return loss;
  grad->noalias() += (p.alpha / p.beta) * p.x0 * ws.q_sum.transpose();
  grad->noalias() += w * (ws.qqt / m);
  *grad *= c / m;
  return loss;
}

double diffusion_zero_loss(const DiffusionProblem& p) {
  return 0.5 * p.eps_squared_norm / (static_cast<double>(p.n) * p.n_eps);
}

double diffusion_loss(const DiffusionProblem& p, const Eigen::MatrixXd& w, DiffusionWorkspace& ws,
                      Eigen::MatrixXd* grad) {
  return diffusion_excess_loss(p, w, ws, grad) + diffusion_zero_loss(p);
}

// Averaging over eps, a patch with clean projection mu_j = <u, x0_j> contributes
//   E ||s^3 <u, z>^2 u - eps||^2 = s^6 (alpha^4 mu_j^4 + 6 alpha^2 beta^2 mu_j^2 + 3 beta^4)
//                                  - 4 alpha beta mu_j s^3 + d,
// so L(s) = A s^6 - 4 alpha beta mu s^3 with A, mu the means over the 2n patches. Its minimum is
// at s^3 = 2 alpha beta mu / A, where L'' = 36 alpha beta mu s. This is the scale the data sets for
// the step: it grows like (alpha |x0|)^(4/3) while the data is small against the diffusion noise
// and more slowly after, so a step in its units is as stable at n snr^2 = 100 as at 0.01.
double diffusion_curvature(const DiffusionProblem& p) {
  const Eigen::VectorXd mean_patch = p.x0.rowwise().mean();
  const double norm = mean_patch.norm();
  if (norm == 0) return 0;
  const Eigen::ArrayXd proj = (p.x0.transpose() * (mean_patch / norm)).array();
  const double a2 = p.alpha * p.alpha, b2 = p.beta * p.beta;
  const double quartic = (a2 * a2 * proj.pow(4) + 6 * a2 * b2 * proj.square() + 3 * b2 * b2).mean();
  const double gain = p.alpha * p.beta * proj.mean();
  const double s = std::cbrt(2 * gain / quartic);
  return 36 * gain * s;
}

double diffusion_step_flops(Eigen::Index d, Eigen::Index m, const DiffusionProblem& p) {
  const double dd = d, mm = m, cols = p.xt.cols(), n2 = p.x0.cols();
  // W^T Z and Z H^T; W^T W, (W^T W) Q, Q Q^T; W^T X0 and X0 Qsum^T; W (Q Q^T).
  return 2 * (2 * dd * mm * cols) + 2 * dd * mm * mm + 2 * (2 * mm * mm * cols) +
         2 * (2 * dd * mm * n2) + 2 * dd * mm * mm;
}

}  // namespace diffsweep::feature_learning
