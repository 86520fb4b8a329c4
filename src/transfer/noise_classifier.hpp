// The noise-conditional domain classifier c(x_t, t): diffused source samples (class 0) against
// diffused target samples (class 1), each drawn at its own time. Both classes draw their times
// from the same law, so at the balanced logistic loss's minimum its logit is log q_t(x)/p_t(x)
// at every t (docs/methods.md, section 2): the quantity whose gradient TGDP's guidance network
// estimates, here learned from both domains at every noise level rather than by regressing
// w(x_0) on source samples alone. Its gradient in x is a guidance on its own (guidance_estimator =
// classifier); its ratio exp(logit) is also the cycle regulariser's r_t.
#pragma once

#include <Eigen/Dense>
#include <random>
#include <vector>

#include "transfer/domain_classifier.hpp"
#include "transfer/guided_score_matching.hpp"
#include "transfer/score_model.hpp"
#include "transfer/vp_sde.hpp"

namespace diffsweep::transfer {

// What it is trained on: the two data sets (with their labels for a conditional model), and,
// when score_matching > 0, the frozen source score (then required): the loss then adds
// score_matching times the denoising score-matching loss of the guided score source_score +
// grad_x logit on the diffused target batch (guided_score_matching.hpp). Both terms have the
// guidance grad log(q_t/p_t) as their minimiser; the second scores the logit's gradient, which
// the sampler uses (at guidance_scale 1) and the logistic loss sees only through the logit.
struct NoiseClassifierData {
  const Eigen::MatrixXd* source = nullptr;
  const Eigen::MatrixXd* target = nullptr;
  Eigen::VectorXi source_labels, target_labels;
  int classes = 0;
  double score_matching = 0.0;
  TimedScore source_score;
};

struct NoiseClassifier {
  DomainClassifier classifier;  // reads network_input(x, t, sde, classes, labels)
  VpSde sde;
  int dim = 0, classes = 0;
};

NoiseClassifier train_noise_classifier(const NoiseClassifierData& data,
                                       const ClassifierSettings& settings, const VpSde& sde,
                                       double t_min, std::mt19937_64& rng);

// The score-matching term, data.score_matching times its mean over a batch of diffused target
// samples, given the frozen source score at them (data.source_score(target.xt, target.t,
// target.labels), passed in so that a fixed held-out batch reads it once); adds its parameter
// gradient into `grad` when given.
double classifier_score_matching(const Mlp& net, const NoiseClassifierData& data, const VpSde& sde,
                                 const DiffusedBatch& target, const Eigen::MatrixXd& source_score,
                                 Eigen::VectorXd* grad);

// The step count with the least held-out loss (the training loss without its weight-decay term)
// in k-fold cross-validation over doubling checkpoints up to `max_steps`; each held-out point is
// scored at `held_out_times` times drawn once, so every checkpoint sees the same draws.
HeldOutChoice choose_noise_classifier_steps(const NoiseClassifierData& data,
                                            const ClassifierSettings& settings, const VpSde& sde,
                                            double t_min, int max_steps, int folds,
                                            std::mt19937_64& rng, int held_out_times = 8);

// noise_clf_width = auto: `settings` with the width among `widths`, and its step count, whose
// best held-out loss (choose_noise_classifier_steps) is least. Every width is scored on the same
// folds and the same diffusion draws, so the losses compare widths and nothing else.
ClassifierSettings choose_noise_classifier_size(const NoiseClassifierData& data,
                                                ClassifierSettings settings, const VpSde& sde,
                                                double t_min, const std::vector<int>& widths,
                                                int max_steps, int folds, std::mt19937_64& rng);

// The logit at (x_t, t), an estimate of log q_t(x)/p_t(x); `labels` only for a conditional one.
Eigen::VectorXd noise_logit(const NoiseClassifier& c, const Eigen::MatrixXd& x,
                            const Eigen::VectorXd& t,
                            const Eigen::VectorXi& labels = Eigen::VectorXi());
// Its gradient in x at one time: the guidance grad_x log(q_t/p_t) it estimates (dim x n).
Eigen::MatrixXd noise_guidance(const NoiseClassifier& c, const Eigen::MatrixXd& x, double t,
                               const Eigen::VectorXi& labels = Eigen::VectorXi());

}  // namespace diffsweep::transfer
