#include "feature_learning/alignment.hpp"

namespace diffsweep::feature_learning {

Alignment measure_alignment(const Eigen::MatrixXd& w, const Eigen::MatrixXd& features,
                            const Eigen::MatrixXd& noise) {
  Alignment a;
  a.signal = (w.transpose() * features).cwiseAbs().colwise().maxCoeff().mean();
  a.noise = (w.transpose() * noise).cwiseAbs().colwise().maxCoeff().mean();
  a.ratio = a.signal / a.noise;
  return a;
}

double mean_patch_cosine(const Eigen::MatrixXd& w, const Eigen::MatrixXd& signal,
                         const Eigen::MatrixXd& noise) {
  const Eigen::VectorXd mean = (signal.rowwise().sum() + noise.rowwise().sum()).normalized();
  return ((w.transpose() * mean).array().abs() / w.colwise().norm().transpose().array()).maxCoeff();
}

}  // namespace diffsweep::feature_learning
