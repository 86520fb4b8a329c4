// Distances between a generated sample and a reference sample of the true target (points are
// columns), and the mixture-aware scores of docs/methods.md, section 2.
#pragma once

#include <Eigen/Dense>
#include <random>

#include "transfer/gaussian_mixture.hpp"

namespace diffsweep::transfer {

// Median pairwise distance of the pooled sample (at most 1000 points of each, taken in order).
double median_distance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y);

// MMD with k(a, b) = exp(-|a - b|^2 / (2 bandwidth^2)): the square root of the biased
// (V-statistic) estimate of MMD^2, so two independent samples of one law give a positive floor.
double mmd_rbf(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, double bandwidth);

// Energy distance 2 E|X - Y| - E|X - X'| - E|Y - Y'| (within-sample terms without the diagonal).
double energy_distance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y);

// Sliced 2-Wasserstein distance: the root mean over `directions` uniform random unit directions
// of the squared 1-D W2 between the projections (equal sample sizes: sorted projections matched).
double sliced_wasserstein2(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, int directions,
                           std::mt19937_64& rng);

// sum_k |fraction of x nearest to mean k - weight k| (an L1 distance between weight vectors).
double weight_error(const GaussianMixture& g, const Eigen::MatrixXd& x);

// Accuracy on (test, test_labels) of a Gaussian generative classifier fitted to labelled samples:
// class frequencies, class means and one pooled isotropic variance (the model family of the data,
// so what it measures is the quality of the samples, not of the classifier). A class with no
// training sample is never predicted.
double generative_classifier_accuracy(const Eigen::MatrixXd& train, const Eigen::VectorXi& labels,
                                      int classes, const Eigen::MatrixXd& test,
                                      const Eigen::VectorXi& test_labels);

}  // namespace diffsweep::transfer
