#include "transfer/transfer_point.hpp"

#include <cmath>
#include <random>
#include <string>

#include "common/seeding.hpp"

namespace diffsweep::transfer {

TransferPoint::TransferPoint(const TransferSettings& s, const SourceModel& model,
                             std::uint64_t seed, std::int64_t rep)
    : settings(s),
      source_model(model),
      source(source_mixture(s.shape)),
      target(target_mixture(s.shape, s.shift)),
      classes(s.conditional ? s.shape.components : 0),
      sweep_seed(seed),
      replicate(rep) {
  source_labels = as_input(model.labels);
  std::mt19937_64 target_rng(stream("target"));
  Eigen::VectorXi labels;
  target_data = sample(target, s.n_target, target_rng, &labels);
  target_labels = as_input(labels);
}

Eigen::VectorXi TransferPoint::as_input(const Eigen::VectorXi& labels) const {
  return settings.conditional ? labels : Eigen::VectorXi();
}

std::uint64_t TransferPoint::stream(std::string_view name) const {
  const std::string key =
      "transfer/replicate=" + std::to_string(replicate) + "/" + std::string(name);
  return derive_seed(sweep_seed, fnv1a64(key));
}

LabelledScore TransferPoint::exact_target_score() const {
  return [this](const Eigen::MatrixXd& x, double t, const Eigen::VectorXi& y) {
    return mixture_score(target, sde, t, x, y);
  };
}

LabelledScore TransferPoint::exact_source_score() const {
  return [this](const Eigen::MatrixXd& x, double t, const Eigen::VectorXi& y) {
    return mixture_score(source, sde, t, x, y);
  };
}

LabelledScore TransferPoint::learned_source_score() const {
  return [this](const Eigen::MatrixXd& x, double t, const Eigen::VectorXi& y) {
    return score(source_model.model, x, t, y);
  };
}

Eigen::MatrixXd mixture_score(const GaussianMixture& g, const VpSde& sde, double t,
                              const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) {
  const GaussianMixture gt = diffuse(g, sde, t);
  if (labels.size() == 0) return score(gt, x);
  Eigen::MatrixXd s(x.rows(), x.cols());
  for (Eigen::Index i = 0; i < x.cols(); ++i)
    s.col(i) = (gt.means.col(labels[i]) - x.col(i)) / gt.variance;
  return s;
}

Eigen::VectorXd exact_ratio(const GaussianMixture& p, const GaussianMixture& q,
                            const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) {
  if (labels.size() == 0) return density_ratio(p, q, x);
  const Eigen::MatrixXd lq = log_joint(q, x), lp = log_joint(p, x);
  Eigen::VectorXd w(x.cols());
  for (Eigen::Index i = 0; i < x.cols(); ++i) w[i] = std::exp(lq(labels[i], i) - lp(labels[i], i));
  return w;
}

double effective_sample_size(const Eigen::VectorXd& w) {
  const double sum_sq = w.squaredNorm();
  return sum_sq > 0 ? w.sum() * w.sum() / sum_sq : 0.0;
}

}  // namespace diffsweep::transfer
