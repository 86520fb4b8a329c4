// Generating a point's samples with the score of its method, and scoring them against the
// exactly known target: the sample distances and their floors, the log-likelihood, the mixture
// weights, the exact score error `fisher`, memorisation `nn_ratio` and its control
// `nn_heldout_ratio`, and for the conditional version `cond_acc`.
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

// Its control for concentration: the median distance from each generated sample to its nearest
// training point over that to its nearest point of `heldout`, as many fresh true points as there
// are training points. Samples more concentrated than the true law (nearer to any typical point)
// lower nearest_neighbour_ratio without copying anything; here training and held-out points are
// exchangeable for a sampler that does not use the training points, so the control is about 1
// however concentrated its samples are, and well below 1 only when they copy the training points.
double heldout_nearest_neighbour_ratio(const Eigen::MatrixXd& generated,
                                       const Eigen::MatrixXd& training,
                                       const Eigen::MatrixXd& heldout);

// Every sample metric of the experiment into `metrics` (the keys of its metric list).
void measure_samples(const TransferPoint& point, const LabelledScore& score,
                     const Eigen::MatrixXd& generated, const Eigen::VectorXi& labels,
                     std::map<std::string, double>& metrics);

}  // namespace diffsweep::transfer
