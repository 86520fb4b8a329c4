// A learned score trained by denoising score matching with lambda(t) = sigma_t^2, i.e. the loss
// ||sigma_t s(x_t, t) + eps||^2. The MLP F is preconditioned as in Karras et al. (EDM): with
// S_t^2 = sigma_t^2 + alpha_t^2 sd^2 (sd the data's standard deviation),
//   s(x, t) = -x / S_t^2 + alpha_t sd / (sigma_t S_t) F(x / S_t, t),
// the exact score of a Gaussian with the data's spread plus a learned correction, and the network
// sees an input of unit scale at every t. This keeps the loss well scaled at all times, which a
// bare noise-prediction network does not near t = 0.
#pragma once

#include <Eigen/Dense>
#include <random>
#include <vector>

#include "transfer/mlp.hpp"
#include "transfer/training_schedule.hpp"
#include "transfer/vp_sde.hpp"

namespace diffsweep::transfer {

struct ScoreModel {
  Mlp net;
  VpSde sde;
  double t_min = 1e-3;   // training times are uniform on [t_min, 1]
  double data_sd = 1.0;  // set from the data by the first training, kept by fine-tuning
  int classes = 0;       // > 0: the network also reads a one-hot label (the conditional score)
};

ScoreModel make_score_model(int dim, int width, int depth, std::mt19937_64& rng, int classes = 0);

// `labels` (one per column) only when the model is conditional.
Eigen::MatrixXd score(const ScoreModel& m, const Eigen::MatrixXd& x, double t,
                      const Eigen::VectorXi& labels = Eigen::VectorXi());
// One time per column.
Eigen::MatrixXd score(const ScoreModel& m, const Eigen::MatrixXd& x, const Eigen::VectorXd& t,
                      const Eigen::VectorXi& labels = Eigen::VectorXi());

struct DiffusedBatch;
// Mean noise-prediction loss ||eps_hat(x_t, t) - eps||^2 of a batch; adds its gradient into grad.
double dsm_loss(const ScoreModel& m, const DiffusedBatch& b, Eigen::VectorXd* grad);

// Trains on the columns of `data` (`fine_tune` keeps data_sd and continues from the current
// parameters); returns the mean loss over the last tenth of the steps.
double train_score_model(ScoreModel& m, const Eigen::MatrixXd& data, const TrainSettings& s,
                         std::mt19937_64& rng, bool fine_tune = false,
                         const Eigen::VectorXi& labels = Eigen::VectorXi());

// x_t = alpha_t x_0 + sigma_t eps for a batch of random columns of `data` and uniform times.
struct DiffusedBatch {
  Eigen::MatrixXd x0, xt, eps;
  Eigen::VectorXd t;
  std::vector<Eigen::Index> index;  // column of `data` each x0 is
  Eigen::VectorXi labels;           // their labels, when `labels` was given
};
DiffusedBatch diffused_batch(const Eigen::MatrixXd& data, int batch, const VpSde& sde, double t_min,
                             std::mt19937_64& rng,
                             const Eigen::VectorXi& labels = Eigen::VectorXi());

}  // namespace diffsweep::transfer
