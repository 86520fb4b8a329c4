// The domain classifier c(x) (source = 0, target = 1) and the density ratio it gives,
// w(x) = c / (1 - c) = exp(logit), clipped at w_max. Training draws class-balanced batches (half
// source, half target), so no n_source / n_target correction is needed. The same trainer fits the
// time-dependent classifier c_t(x_t, t) of the cycle regulariser: only the batches differ.
#pragma once

#include <Eigen/Dense>
#include <functional>
#include <random>
#include <utility>
#include <vector>

#include "transfer/mlp.hpp"
#include "transfer/training_schedule.hpp"

namespace diffsweep::transfer {

struct ClassifierSettings {
  int width = 32, depth = 2;
  TrainSettings train{1000, 256, 1e-3};
  double weight_decay = 1e-3;  // L2 penalty: weight_decay / 2 * ||theta||^2
  double w_max = 100.0;
};

// Inputs of one balanced batch: (source class, target class), same number of columns each.
using ClassBatch = std::function<std::pair<Eigen::MatrixXd, Eigen::MatrixXd>(std::mt19937_64&)>;

// Class-balanced mean logistic loss (each class weighted 1/2) and its gradient, with the L2 term.
double logistic_loss(const Mlp& net, const Eigen::MatrixXd& source, const Eigen::MatrixXd& target,
                     double weight_decay, Eigen::VectorXd* grad);

// One training step's loss: draws its batch from the rng and adds its parameter gradient into
// the vector given.
using BatchLoss = std::function<void(const Mlp&, std::mt19937_64&, Eigen::VectorXd&)>;
// The balanced logistic loss (with its L2 term) on one batch.
BatchLoss logistic_batch_loss(ClassBatch batch, double weight_decay);

// Called after each step with the 1-based number of steps done.
using StepHook = std::function<void(int)>;
// Adam on `loss` with the shared step-size schedule.
void train_net(Mlp& net, const BatchLoss& loss, const TrainSettings& s, std::mt19937_64& rng,
               const StepHook& after_step = {});

// Balanced batches of columns drawn with replacement from two fixed sets.
ClassBatch resample_batch(const Eigen::MatrixXd& source, const Eigen::MatrixXd& target, int batch);

// A classifier network that starts at logit 0, i.e. w = 1 everywhere (no domain shift), so that
// stopping early shrinks the ratio towards the source rather than towards a random function.
Mlp make_classifier_net(int inputs, int width, int depth, std::mt19937_64& rng);

struct DomainClassifier {
  Mlp net;
  double w_max = 100.0;
};

DomainClassifier train_domain_classifier(const Eigen::MatrixXd& source,
                                         const Eigen::MatrixXd& target, const ClassifierSettings& s,
                                         std::mt19937_64& rng);

Eigen::VectorXd density_ratio(const DomainClassifier& c, const Eigen::MatrixXd& x);

// What cross-validation scores on held-out data: the balanced logistic loss (docs/methods.md), or
// the least-squares ratio loss 1/2 E_p[w_hat^2] - E_q[w_hat] (our option), which equals 1/2
// E_p[(w_hat - w)^2] up to a constant and so scores the ratio itself, the piece TGDP uses.
enum class CvLoss { logistic, ratio_squares };

double ratio_squares_loss(const DomainClassifier& c, const Eigen::MatrixXd& source,
                          const Eigen::MatrixXd& target);

// One fold of a cross-validation: the columns trained on and those held out, of each class.
struct FoldData {
  Eigen::MatrixXd source_in, target_in, source_out, target_out;
};
// Trains on a fold's columns and returns the held-out loss at each checkpoint (step counts).
using FoldRun =
    std::function<std::vector<double>(const FoldData&, const std::vector<int>&, std::mt19937_64&)>;
// A training length chosen by held-out loss, with that loss (summed over the folds), so that
// choices of other settings can be compared by it too.
struct HeldOutChoice {
  int steps = 0;
  double loss = 0.0;
};
// The step count, among doubling checkpoints from 25 to `max_steps`, whose held-out loss summed
// over k folds is least; target points are split into `folds` folds (fewer when there are fewer
// points), source points likewise.
HeldOutChoice choose_steps_by_folds(const Eigen::MatrixXd& source, const Eigen::MatrixXd& target,
                                    int max_steps, int folds, std::mt19937_64& rng,
                                    const FoldRun& run);
// Trains `net` up to the last checkpoint and returns `held_out(net)` at each one. The step-size
// schedule is the longest run's, so a checkpoint is not a shorter run with its own schedule: the
// choice it supports is of a length, which the final run then trains with its own schedule.
std::vector<double> held_out_at_checkpoints(Mlp& net, const BatchLoss& loss,
                                            const TrainSettings& settings,
                                            const std::vector<int>& checkpoints,
                                            const std::function<double(const Mlp&)>& held_out,
                                            std::mt19937_64& rng);

// `clf_steps = auto`: choose_steps_by_folds with the held-out loss (no weight-decay term) of a
// classifier trained on the fold's points.
int choose_classifier_steps(const Eigen::MatrixXd& source, const Eigen::MatrixXd& target,
                            const ClassifierSettings& s, int max_steps, int folds,
                            std::mt19937_64& rng, CvLoss loss = CvLoss::logistic);

}  // namespace diffsweep::transfer
