// The classifier of Han et al.: the diffusion model's first layer with the second layer fixed to
// +1 / -1. Two filter banks W_{+1}, W_{-1}, quadratic activation summed over both patches,
//   F_j(x) = (1/m) sum_r sum_{p=1,2} <w_{j,r}, x^(p)>^2,   f(x) = F_{+1}(x) - F_{-1}(x),
// trained on the logistic loss L = (1/n) sum_i log(1 + exp(-y_i f(x_i))).
// Both banks live in one d x 2m matrix, W = [W_{+1} | W_{-1}], so one product serves both.
#pragma once

#include <Eigen/Dense>

namespace diffsweep::feature_learning {

struct ClassifierProblem {
  int n = 0;
  Eigen::MatrixXd x;       // d x 2n: [signal patches | noise patches]
  Eigen::VectorXd labels;  // n, +1 or -1
};

ClassifierProblem make_classifier_problem(const Eigen::MatrixXd& signal,
                                          const Eigen::MatrixXd& noise,
                                          const Eigen::VectorXd& labels);

// Buffers of one loss/gradient evaluation, sized once so the training loop does not allocate.
struct ClassifierWorkspace {
  Eigen::MatrixXd a;  // 2m x 2n: <w, x^(p)> for every filter and patch
  Eigen::VectorXd f;  // n: network outputs
  ClassifierWorkspace(const ClassifierProblem& problem, int two_m);
};

// f(x_i) for every sample, W = [W_{+1} | W_{-1}] (d x 2m).
void classifier_outputs(const ClassifierProblem& problem, const Eigen::MatrixXd& w,
                        ClassifierWorkspace& ws);

// L(W); writes dL/dW into `grad` when it is not null.
double classifier_loss(const ClassifierProblem& problem, const Eigen::MatrixXd& w,
                       ClassifierWorkspace& ws, Eigen::MatrixXd* grad);

// The largest eigenvalue of (1/(n m)) X X^T: the curvature of L at W = 0 times m, where the
// logistic slopes are all 1/2. Later the curvature stays of this order (a fitted sample's
// curvature decays as fast as its slope), so it is the step-size unit (see the experiment).
double classifier_curvature(const ClassifierProblem& problem);

// Fraction of samples with sign(f(x_i)) = y_i (f = 0 counts as wrong).
double classifier_accuracy(const ClassifierProblem& problem, const Eigen::MatrixXd& w,
                           ClassifierWorkspace& ws);

}  // namespace diffsweep::feature_learning
