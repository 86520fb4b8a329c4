// Denoising score matching of a guided score s(x_t, t) + phi(z) grad_x z, where s is a frozen
// score (the source model's) and z a network's scalar output: sigma-weighted noise prediction,
// ||sigma_t (s + phi grad_x z) + eps||^2 averaged over a batch of diffused target samples. Its
// minimiser over the guidance is grad log q_t - s, so with s the source score it estimates the
// same guidance grad log(q_t/p_t) as TGDP's regression and the noise-conditional classifier
// (docs/methods.md, section 2.5). It is TGDP's consistency regulariser (eta2) on the guidance
// network (phi = d log h / dz) and the score-matching term of the noise-conditional classifier
// (phi = 1: the logit's gradient is the guidance). It fits the guided score the sampler uses at
// guidance_scale = 1.
#pragma once

#include <Eigen/Dense>
#include <functional>

#include "transfer/mlp.hpp"
#include "transfer/vp_sde.hpp"

namespace diffsweep::transfer {

// A frozen score at per-column times (x_t, t, labels); labels are empty for unconditional models.
using TimedScore = std::function<Eigen::MatrixXd(const Eigen::MatrixXd&, const Eigen::VectorXd&,
                                                 const Eigen::VectorXi&)>;

// A batch of diffused target samples: x_t = alpha_t x_0 + sigma_t eps, with the frozen score at
// (x_t, t).
struct GuidedScoreBatch {
  Eigen::VectorXd t;
  Eigen::MatrixXd eps, score;
};

// `tape` is a forward pass of the network at the batch's inputs, whose first `dim` rows are x_t;
// phi and dphi = d phi / dz per column. Returns weight times the residual's mean squared norm.
// With `grad`, adds the parameter gradient of that plus sum(out_grad .* z) (other terms read on
// the same tape).
double guided_score_matching(const Mlp& net, const MlpTape& tape, Eigen::Index dim,
                             const VpSde& sde, const GuidedScoreBatch& b,
                             const Eigen::RowVectorXd& phi, const Eigen::RowVectorXd& dphi,
                             double weight, Eigen::RowVectorXd out_grad, Eigen::VectorXd* grad);

}  // namespace diffsweep::transfer
