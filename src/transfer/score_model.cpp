#include "transfer/score_model.hpp"

#include "transfer/adam.hpp"
#include "transfer/network_input.hpp"

namespace diffsweep::transfer {

ScoreModel make_score_model(int dim, int width, int depth, std::mt19937_64& rng, int classes) {
  return {make_mlp(dim + time_features + classes, dim, width, depth, rng), VpSde{}, 1e-3, 1.0,
          classes};
}

namespace {

// The preconditioning of one column: input scale 1 / S, skip coefficient -1 / S^2 and output
// coefficient alpha sd / (sigma S).
struct Precondition {
  double in, skip, out;
};

Precondition precondition(const ScoreModel& m, double t) {
  const double a = m.sde.alpha(t), s2 = m.sde.sigma2(t);
  const double big_s = std::sqrt(s2 + a * a * m.data_sd * m.data_sd);
  return {1.0 / big_s, -1.0 / (big_s * big_s), a * m.data_sd / (std::sqrt(s2) * big_s)};
}

Eigen::MatrixXd scaled_input(const ScoreModel& m, const Eigen::MatrixXd& x,
                             const Eigen::VectorXd& t, const Eigen::VectorXi& labels) {
  Eigen::MatrixXd u = network_input(x, t, m.sde, m.classes, labels);
  for (Eigen::Index i = 0; i < x.cols(); ++i) u.col(i).head(x.rows()) *= precondition(m, t[i]).in;
  return u;
}

}  // namespace

Eigen::MatrixXd score(const ScoreModel& m, const Eigen::MatrixXd& x, const Eigen::VectorXd& t,
                      const Eigen::VectorXi& labels) {
  Eigen::MatrixXd s = forward(m.net, scaled_input(m, x, t, labels));
  for (Eigen::Index i = 0; i < x.cols(); ++i) {
    const Precondition c = precondition(m, t[i]);
    s.col(i) = c.skip * x.col(i) + c.out * s.col(i);
  }
  return s;
}

Eigen::MatrixXd score(const ScoreModel& m, const Eigen::MatrixXd& x, double t,
                      const Eigen::VectorXi& labels) {
  return score(m, x, Eigen::VectorXd::Constant(x.cols(), t), labels);
}

DiffusedBatch diffused_batch(const Eigen::MatrixXd& data, int batch, const VpSde& sde, double t_min,
                             std::mt19937_64& rng, const Eigen::VectorXi& labels) {
  std::uniform_int_distribution<Eigen::Index> pick(0, data.cols() - 1);
  std::uniform_real_distribution<double> time(t_min, 1.0);
  std::normal_distribution<double> normal(0.0, 1.0);
  DiffusedBatch b;
  const Eigen::Index d = data.rows();
  b.x0.resize(d, batch);
  b.eps.resize(d, batch);
  b.xt.resize(d, batch);
  b.t.resize(batch);
  b.index.resize(std::size_t(batch));
  if (labels.size() > 0) b.labels.resize(batch);
  for (int i = 0; i < batch; ++i) {
    b.index[std::size_t(i)] = pick(rng);
    b.x0.col(i) = data.col(b.index[std::size_t(i)]);
    if (labels.size() > 0) b.labels[i] = labels[b.index[std::size_t(i)]];
    b.t[i] = time(rng);
    for (Eigen::Index j = 0; j < d; ++j) b.eps(j, i) = normal(rng);
    b.xt.col(i) = sde.alpha(b.t[i]) * b.x0.col(i) + sde.sigma(b.t[i]) * b.eps.col(i);
  }
  return b;
}

double dsm_loss(const ScoreModel& m, const DiffusedBatch& b, Eigen::VectorXd* grad) {
  MlpTape tape;
  const Eigen::MatrixXd f =
      forward(m.net, scaled_input(m, b.xt, b.t, b.labels), grad ? &tape : nullptr);
  const double n = double(b.xt.cols());
  Eigen::MatrixXd r(f.rows(), f.cols()), dr(f.rows(), f.cols());
  for (Eigen::Index i = 0; i < f.cols(); ++i) {
    const Precondition c = precondition(m, b.t[i]);
    const double sigma = m.sde.sigma(b.t[i]);
    r.col(i) = sigma * (c.skip * b.xt.col(i) + c.out * f.col(i)) + b.eps.col(i);
    dr.col(i) = 2.0 / n * sigma * c.out * r.col(i);
  }
  if (grad) backward(m.net, tape, dr, grad);
  return r.squaredNorm() / n;
}

double train_score_model(ScoreModel& m, const Eigen::MatrixXd& data, const TrainSettings& s,
                         std::mt19937_64& rng, bool fine_tune, const Eigen::VectorXi& labels) {
  if (!fine_tune) {
    const Eigen::MatrixXd centred = data.colwise() - data.rowwise().mean();
    m.data_sd = std::sqrt(centred.squaredNorm() / double(data.size()));
  }
  Adam adam;
  Eigen::VectorXd grad(m.net.theta.size());
  double tail_loss = 0.0;
  int tail = 0;
  for (int step = 0; step < s.steps; ++step) {
    const DiffusedBatch b = diffused_batch(data, s.batch, m.sde, m.t_min, rng, labels);
    grad.setZero();
    const double loss = dsm_loss(m, b, &grad);
    adam.step(m.net.theta, grad, scheduled_lr(s, step));
    if (step >= s.steps - std::max(1, s.steps / 10)) {
      tail_loss += loss;
      ++tail;
    }
  }
  return tail > 0 ? tail_loss / tail : 0.0;
}

}  // namespace diffsweep::transfer
