#include "transfer/guidance_model.hpp"

#include <cmath>

#include "transfer/adam.hpp"
#include "transfer/guided_score_matching.hpp"
#include "transfer/network_input.hpp"
#include "transfer/score_model.hpp"

namespace diffsweep::transfer {

namespace {

double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::fabs(z))); }
double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// h as a function of the network output z, dh/dz, phi = d log h / dz (so grad log h = phi grad z)
// and dphi/dz, per sample.
struct Link {
  Eigen::RowVectorXd h, dh, phi, dphi;
};

Link link(GuidanceTarget target, const Eigen::RowVectorXd& z) {
  Link l;
  if (target == GuidanceTarget::log_ratio) {
    l.h = z.array().exp();
    l.dh = l.h;
    l.phi = Eigen::RowVectorXd::Ones(z.size());
    l.dphi = Eigen::RowVectorXd::Zero(z.size());
    return l;
  }
  l.h = z.unaryExpr(&softplus);
  l.dh = z.unaryExpr(&sigmoid);
  l.phi = l.dh.cwiseQuotient(l.h);
  l.dphi = (l.dh.array() * (1.0 - l.dh.array()) * l.h.array() - l.dh.array().square()) /
           l.h.array().square();
  return l;
}

// Ratios enter the log_ratio regression as logs; clamp so a ratio that underflowed stays finite.
Eigen::RowVectorXd safe_log(const Eigen::VectorXd& w) {
  return w.transpose().unaryExpr([](double v) { return std::log(std::max(v, 1e-30)); });
}

}  // namespace

GuidanceModel make_guidance_model(int dim, int width, int depth, GuidanceTarget target,
                                  std::mt19937_64& rng, int classes) {
  GuidanceModel g{make_mlp(dim + time_features + classes, 1, width, depth, rng, 0.0), target,
                  VpSde{}, 1e-3, classes};
  // softplus(log(e - 1)) = 1 and exp(0) = 1.
  bias(g.net, depth)[0] = target == GuidanceTarget::ratio ? std::log(std::exp(1.0) - 1.0) : 0.0;
  return g;
}

Eigen::VectorXd guidance_value(const GuidanceModel& g, const Eigen::MatrixXd& x, double t,
                               const Eigen::VectorXi& labels) {
  const Eigen::RowVectorXd z =
      forward(g.net,
              network_input(x, Eigen::VectorXd::Constant(x.cols(), t), g.sde, g.classes, labels))
          .row(0);
  return link(g.target, z).h.transpose();
}

Eigen::MatrixXd guidance_gradient(const GuidanceModel& g, const Eigen::MatrixXd& x, double t,
                                  const Eigen::VectorXi& labels) {
  MlpTape tape;
  const Eigen::RowVectorXd z =
      forward(g.net,
              network_input(x, Eigen::VectorXd::Constant(x.cols(), t), g.sde, g.classes, labels),
              &tape)
          .row(0);
  const Eigen::MatrixXd gz =
      backward(g.net, tape, Eigen::MatrixXd::Ones(1, x.cols()), nullptr).topRows(x.rows());
  return gz.array().rowwise() * link(g.target, z).phi.array();
}

double guidance_loss(const GuidanceModel& g, const GuidanceBatch& b, const GuidanceRegularisers& r,
                     Eigen::VectorXd* grad) {
  const bool log_target = g.target == GuidanceTarget::log_ratio;
  double loss = 0.0;
  {
    const double n = double(b.source_xt.cols());
    MlpTape tape;
    const Eigen::RowVectorXd z =
        forward(g.net, network_input(b.source_xt, b.source_t, g.sde, g.classes, b.source_labels),
                &tape)
            .row(0);
    const Link l = link(g.target, z);
    const Eigen::RowVectorXd res = log_target ? Eigen::RowVectorXd(z - safe_log(b.source_w))
                                              : Eigen::RowVectorXd(l.h - b.source_w.transpose());
    loss += res.squaredNorm() / n;
    Eigen::RowVectorXd dz = 2.0 / n * (log_target ? res : res.cwiseProduct(l.dh));
    if (r.eta_mass > 0) {
      const double m = l.h.mean() - 1.0;
      loss += r.eta_mass * m * m;
      dz += r.eta_mass * 2.0 * m / n * l.dh;
    }
    if (grad) backward(g.net, tape, dz, grad);
  }
  if (r.eta1 <= 0 && r.eta2 <= 0) return loss;

  const double n = double(b.target_xt.cols());
  const Eigen::Index d = b.target_xt.rows();
  MlpTape tape;
  const Eigen::MatrixXd u =
      network_input(b.target_xt, b.target_t, g.sde, g.classes, b.target_labels);
  const Eigen::RowVectorXd z = forward(g.net, u, &tape).row(0);
  const Link l = link(g.target, z);
  Eigen::RowVectorXd dz = Eigen::RowVectorXd::Zero(z.size());
  if (r.eta1 > 0) {
    const Eigen::RowVectorXd res = log_target
                                       ? Eigen::RowVectorXd(z - safe_log(b.target_cycle))
                                       : Eigen::RowVectorXd(l.h - b.target_cycle.transpose());
    loss += r.eta1 * res.squaredNorm() / n;
    dz += r.eta1 * 2.0 / n * (log_target ? res : res.cwiseProduct(l.dh));
  }
  if (r.eta2 <= 0) {
    if (grad) backward(g.net, tape, dz, grad);
    return loss;
  }
  return loss + guided_score_matching(g.net, tape, d, g.sde,
                                      {b.target_t, b.target_eps, b.target_score}, l.phi, l.dphi,
                                      r.eta2, dz, grad);
}

Eigen::VectorXd smoothed_ratio_target(const Eigen::MatrixXd& x0, const Eigen::VectorXd& w,
                                      const Eigen::MatrixXd& xt, const Eigen::VectorXd& t,
                                      const VpSde& sde, const Eigen::VectorXi& labels) {
  const Eigen::Index n = xt.cols();
  Eigen::VectorXd out(n);
  const Eigen::RowVectorXd x0_sq = x0.colwise().squaredNorm();
  const Eigen::MatrixXd cross = xt.transpose() * x0;  // n x m
  for (Eigen::Index i = 0; i < n; ++i) {
    const double a = sde.alpha(t[i]), s2 = sde.sigma2(t[i]);
    const Eigen::RowVectorXd logk =
        -(xt.col(i).squaredNorm() - 2.0 * a * cross.row(i).array() + a * a * x0_sq.array()) /
        (2.0 * s2);
    Eigen::RowVectorXd k = (logk.array() - logk.maxCoeff()).exp();
    if (labels.size() > 0)
      for (Eigen::Index j = 0; j < k.size(); ++j)
        if (labels[j] != labels[i]) k[j] = 0.0;
    out[i] = k.dot(w) / k.sum();
  }
  return out;
}

void train_guidance(GuidanceModel& g, const GuidanceData& data, const GuidanceRegularisers& r,
                    const TrainSettings& s, std::mt19937_64& rng) {
  Adam adam;
  Eigen::VectorXd grad(g.net.theta.size());
  const bool on_target = r.eta1 > 0 || r.eta2 > 0;
  for (int step = 0; step < s.steps; ++step) {
    GuidanceBatch b;
    const DiffusedBatch src =
        diffused_batch(*data.source, s.batch, g.sde, g.t_min, rng, data.source_labels);
    b.source_xt = src.xt;
    b.source_t = src.t;
    b.source_labels = src.labels;
    b.source_w.resize(s.batch);
    for (int i = 0; i < s.batch; ++i) b.source_w[i] = (*data.source_w)[src.index[std::size_t(i)]];
    if (data.smoothing)
      b.source_w = smoothed_ratio_target(src.x0, b.source_w, src.xt, src.t, g.sde, src.labels);
    if (on_target) {
      const DiffusedBatch tgt =
          diffused_batch(*data.target, s.batch, g.sde, g.t_min, rng, data.target_labels);
      b.target_xt = tgt.xt;
      b.target_labels = tgt.labels;
      b.target_t = tgt.t;
      b.target_eps = tgt.eps;
      if (r.eta1 > 0) b.target_cycle = data.cycle_ratio(tgt.xt, tgt.t, tgt.labels);
      if (r.eta2 > 0) b.target_score = data.source_score(tgt.xt, tgt.t, tgt.labels);
    }
    grad.setZero();
    guidance_loss(g, b, r, &grad);
    adam.step(g.net.theta, grad, scheduled_lr(s, step));
  }
}

}  // namespace diffsweep::transfer
