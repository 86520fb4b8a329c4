// What every method of a transfer point works with: the exact source and target mixtures, the
// source model, this replicate's target data, and the replicate's named random streams.
//
// Seeds. Everything a point draws (target pool, evaluation and reference samples, sampler noise,
// network initialisations and mini-batches) comes from the sweep seed and the runner's replicate
// index, never from the method or the point id, so all methods of one replicate see the same data
// and noise, and the target sets of one replicate are nested across n_target (the first n_target
// points of one pool).
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <string_view>

#include "transfer/gaussian_mixture.hpp"
#include "transfer/source_model.hpp"
#include "transfer/transfer_settings.hpp"
#include "transfer/vp_sde.hpp"

namespace diffsweep::transfer {

// A score that may read labels: (x, t, labels), labels empty when unconditional.
using LabelledScore =
    std::function<Eigen::MatrixXd(const Eigen::MatrixXd&, double, const Eigen::VectorXi&)>;

struct TransferPoint {
  TransferPoint(const TransferSettings& settings, const SourceModel& source_model,
                std::uint64_t sweep_seed, std::int64_t replicate);
  // The scores below refer to this object: it stays where it was made.
  TransferPoint(const TransferPoint&) = delete;
  TransferPoint& operator=(const TransferPoint&) = delete;

  const TransferSettings& settings;
  const SourceModel& source_model;
  VpSde sde;
  GaussianMixture source, target;
  int classes = 0;                // the label count models read: 0 unless conditional
  Eigen::VectorXi source_labels;  // the source data's labels as models read them
  Eigen::MatrixXd target_data;    // the replicate's first n_target target points
  Eigen::VectorXi target_labels;  // their labels as models read them
  std::uint64_t sweep_seed = 0;
  std::int64_t replicate = 0;

  // Labels reach a model only in the conditional version: `labels`, or none.
  Eigen::VectorXi as_input(const Eigen::VectorXi& labels) const;
  // The seed of one named random stream of this replicate.
  std::uint64_t stream(std::string_view name) const;

  LabelledScore exact_target_score() const;
  LabelledScore exact_source_score() const;
  LabelledScore learned_source_score() const;
};

// The diffused score of g at (x, t); with labels, that of each column's own component (the
// conditional score grad log g_t(x | y)).
Eigen::MatrixXd mixture_score(const GaussianMixture& g, const VpSde& sde, double t,
                              const Eigen::MatrixXd& x, const Eigen::VectorXi& labels);

// q(x)/p(x), or with labels the joint ratio q(x, y)/p(x, y).
Eigen::VectorXd exact_ratio(const GaussianMixture& p, const GaussianMixture& q,
                            const Eigen::MatrixXd& x, const Eigen::VectorXi& labels);

// Kish's effective sample size (sum w)^2 / sum w^2 of importance weights: how many of the
// weighted points an estimate of a target-side mean effectively rests on.
double effective_sample_size(const Eigen::VectorXd& w);

}  // namespace diffsweep::transfer
