// The guidance network of TGDP and its training (docs/methods.md, section 2). With guidance_target
// = ratio, h = softplus(z) > 0 regresses w(x_0) on diffused source samples, whose minimiser is
// E_{p(x0|xt)}[w] = q_t/p_t, and the guidance is grad_x log h. With log_ratio (the authors' code),
// z regresses log w(x_0), which estimates E[log w | x_t], and the guidance is grad_x z; everything
// below then reads h as exp(z).
//
// Regularisers, all on the same network:
//  eta1 (cycle): on diffused target samples, h must match the time-dependent classifier's ratio
//    r_t = c_t / (1 - c_t) (in the regression's space: h vs r_t, or z vs log r_t);
//  eta2 (consistency): on diffused target samples, the guided score s + grad log h must fit
//    denoising score matching with lambda = sigma^2: ||sigma (s + grad log h) + eps||^2;
//  eta_mass: E_{x_t ~ p_t}[h] = 1, as (mean of h over the source batch - 1)^2.
#pragma once

#include <Eigen/Dense>
#include <functional>
#include <random>

#include "transfer/guided_score_matching.hpp"
#include "transfer/mlp.hpp"
#include "transfer/training_schedule.hpp"
#include "transfer/vp_sde.hpp"

namespace diffsweep::transfer {

enum class GuidanceTarget { ratio, log_ratio };

struct GuidanceModel {
  Mlp net;
  GuidanceTarget target = GuidanceTarget::ratio;
  VpSde sde;
  double t_min = 1e-3;
  int classes = 0;  // > 0: h also reads a one-hot label, h(x_t, y, t) -> E[w(x_0, y) | x_t, y]
};

// Starts at h = 1 everywhere (zero output weights), the value h has on average under p_t.
GuidanceModel make_guidance_model(int dim, int width, int depth, GuidanceTarget target,
                                  std::mt19937_64& rng, int classes = 0);

// `labels` (one per column) only when the model is conditional.
Eigen::VectorXd guidance_value(const GuidanceModel& g, const Eigen::MatrixXd& x, double t,
                               const Eigen::VectorXi& labels = Eigen::VectorXi());
// grad_x log h (ratio) or grad_x z (log_ratio).
Eigen::MatrixXd guidance_gradient(const GuidanceModel& g, const Eigen::MatrixXd& x, double t,
                                  const Eigen::VectorXi& labels = Eigen::VectorXi());

struct GuidanceRegularisers {
  double eta1 = 0.0, eta2 = 0.0, eta_mass = 0.0;
};

// Everything one loss evaluation reads, so that the loss is a pure function of it.
struct GuidanceBatch {
  Eigen::MatrixXd source_xt;              // diffused source samples
  Eigen::VectorXd source_t, source_w;     // their times and the ratio w(x_0) of their clean points
  Eigen::MatrixXd target_xt, target_eps;  // diffused target samples (eta1, eta2) and their noise
  Eigen::VectorXd target_t;
  Eigen::VectorXd target_cycle;                  // r_t at target_xt (eta1)
  Eigen::MatrixXd target_score;                  // the frozen source score at target_xt (eta2)
  Eigen::VectorXi source_labels, target_labels;  // conditional models only
};

// The loss; adds its parameter gradient into `grad` when given.
double guidance_loss(const GuidanceModel& g, const GuidanceBatch& b, const GuidanceRegularisers& r,
                     Eigen::VectorXd* grad);

// Training inputs: source data with w at each column, target data, and the two frozen functions
// the regularisers need (only called when their weight is positive).
struct GuidanceData {
  const Eigen::MatrixXd* source = nullptr;
  const Eigen::VectorXd* source_w = nullptr;
  const Eigen::MatrixXd* target = nullptr;
  Eigen::VectorXi source_labels, target_labels;  // conditional models only
  // (x_t, t, labels); labels are empty for unconditional models.
  std::function<Eigen::VectorXd(const Eigen::MatrixXd&, const Eigen::VectorXd&,
                                const Eigen::VectorXi&)>
      cycle_ratio;
  TimedScore source_score;
  bool smoothing = false;  // regress on smoothed_ratio_target instead of w(x_0)
};

// A lower-variance regression target (our choice, `guidance_smoothing = batch`): for each x_t the
// self-normalised estimate sum_j k_j w_j / sum_j k_j over the batch's clean points x0_j, with k_j
// = p(x_t | x0_j). It is E[w | x_t] under the batch's empirical source law, so it keeps the
// regression's minimiser q_t/p_t as the batch grows, while at large t, where x_t says almost
// nothing about x_0, it averages w over the batch instead of passing on one heavy-tailed draw.
// With labels (the batch's, shared by x0 and xt) only points of the same label are averaged.
Eigen::VectorXd smoothed_ratio_target(const Eigen::MatrixXd& x0, const Eigen::VectorXd& w,
                                      const Eigen::MatrixXd& xt, const Eigen::VectorXd& t,
                                      const VpSde& sde,
                                      const Eigen::VectorXi& labels = Eigen::VectorXi());

void train_guidance(GuidanceModel& g, const GuidanceData& data, const GuidanceRegularisers& r,
                    const TrainSettings& s, std::mt19937_64& rng);

}  // namespace diffsweep::transfer
