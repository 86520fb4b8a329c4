#include "feature_learning_metrics.hpp"

namespace diffsweep {

Alignment measure_alignment(const Eigen::MatrixXd& w, const Eigen::MatrixXd& features,
                            const Eigen::MatrixXd& noise) {
  Alignment a;
  a.signal = (w.transpose() * features).cwiseAbs().colwise().maxCoeff().mean();
  a.noise = (w.transpose() * noise).cwiseAbs().colwise().maxCoeff().mean();
  a.ratio = a.signal / a.noise;
  return a;
}

}  // namespace diffsweep
