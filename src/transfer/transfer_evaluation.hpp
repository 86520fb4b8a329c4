// Generating a point's samples with the score of its method, and scoring them against the
// exactly known target: the sample distances and their floors, the log-likelihood, the mixture
// weights, the exact score error `fisher`, memorisation `nn_ratio`, and for the conditional
// version `cond_acc`.
#pragma once

#include <map>
#include <string>

#include "transfer/transfer_point.hpp"

namespace diffsweep::transfer {

// The labels of the generated samples in the conditional version (empty otherwise): drawn from
// the target data's label frequencies (all a learned method knows), or from the true target
// weights for exact_target, off one uniform stream shared by every method of the replicate.
Eigen::VectorXi generated_labels(const TransferPoint& point);

// n_eval samples of the reverse SDE driven by `score`, on the replicate's sampler noise.
Eigen::MatrixXd generate_samples(const TransferPoint& point, const LabelledScore& score,
                                 const Eigen::VectorXi& labels);

// Memorisation as generative-model papers measure it: the median distance from each generated
// sample (a column) to its nearest training point, over the same median for fresh true samples.
// About 1 for a sampler of the true law (both sides are independent of the training points);
// well below 1 when samples pile up on the training points.
double nearest_neighbour_ratio(const Eigen::MatrixXd& generated, const Eigen::MatrixXd& fresh,
                               const Eigen::MatrixXd& training);

// Every sample metric of the experiment into `metrics` (the keys of its metric list).
void measure_samples(const TransferPoint& point, const LabelledScore& score,
                     const Eigen::MatrixXd& generated, const Eigen::VectorXi& labels,
                     std::map<std::string, double>& metrics);

}  // namespace diffsweep::transfer
