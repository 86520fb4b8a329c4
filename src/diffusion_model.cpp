#include "diffusion_model.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "two_patch_data.hpp"

namespace diffsweep {

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

DiffusionWorkspace::DiffusionWorkspace(const DiffusionProblem& problem, int m) {
  const Eigen::Index cols = problem.xt.cols(), n2 = problem.x0.cols();
  for (auto* buf : {&a, &q, &mq, &wt_eps, &h}) buf->resize(m, cols);
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
double diffusion_loss(const DiffusionProblem& p, const Eigen::MatrixXd& w, DiffusionWorkspace& ws,
                      Eigen::MatrixXd* grad) {
  const Eigen::Index n = p.n;
  const double m = static_cast<double>(w.cols());
  const double c = 1.0 / (static_cast<double>(p.n) * p.n_eps);

  ws.a.noalias() = w.transpose() * p.xt;
  ws.q = ws.a.array().square();
  ws.gram.noalias() = w.transpose() * w;
  ws.mq.noalias() = ws.gram * ws.q;
  ws.wt_x0.noalias() = w.transpose() * p.x0;
  for (int patch = 0; patch < 2; ++patch)
    for (int k = 0; k < p.n_eps; ++k) {
      const Eigen::Index off = (patch * p.n_eps + k) * n;
      ws.wt_eps.middleCols(off, n) =
          (ws.a.middleCols(off, n) - p.alpha * ws.wt_x0.middleCols(patch * n, n)) / p.beta;
    }
  const double fit = (ws.q.array() * ws.mq.array()).sum() / (m * m);
  const double cross = (ws.q.array() * ws.wt_eps.array()).sum() / m;
  const double loss = 0.5 * c * (fit - 2.0 * cross + p.eps_squared_norm);
  if (grad == nullptr) return loss;

  ws.h = 2.0 * (ws.mq.array() / m - ws.wt_eps.array()) * ws.a.array() - ws.q.array() / p.beta;
  for (int patch = 0; patch < 2; ++patch) {
    auto sum = ws.q_sum.middleCols(patch * n, n);
    sum = ws.q.middleCols(patch * p.n_eps * n, n);
    for (int k = 1; k < p.n_eps; ++k) sum += ws.q.middleCols((patch * p.n_eps + k) * n, n);
  }
  ws.qqt.noalias() = ws.q * ws.q.transpose();
  grad->noalias() = p.xt * ws.h.transpose();
  grad->noalias() += (p.alpha / p.beta) * p.x0 * ws.q_sum.transpose();
  grad->noalias() += w * (ws.qqt / m);
  *grad *= c / m;
  return loss;
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

}  // namespace diffsweep
