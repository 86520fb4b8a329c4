#include "transfer/guided_score_matching.hpp"

namespace diffsweep::transfer {

double guided_score_matching(const Mlp& net, const MlpTape& tape, Eigen::Index dim,
                             const VpSde& sde, const GuidedScoreBatch& b,
                             const Eigen::RowVectorXd& phi, const Eigen::RowVectorXd& dphi,
                             double weight, Eigen::RowVectorXd out_grad, Eigen::VectorXd* grad) {
  const Eigen::Index cols = tape.layer_input.front().cols();
  const double n = double(cols);
  const Eigen::MatrixXd gz =
      backward(net, tape, Eigen::MatrixXd::Ones(1, cols), nullptr).topRows(dim);
  const Eigen::RowVectorXd sigma =
      b.t.transpose().unaryExpr([&](double t) { return sde.sigma(t); });
  const Eigen::MatrixXd res =
      ((b.score + (gz.array().rowwise() * phi.array()).matrix()).array().rowwise() * sigma.array())
          .matrix() +
      b.eps;
  if (grad) {
    // d loss / d(phi grad z) = v; sum v . phi grad z reads z through phi and grad z through the
    // tangent of z along v.
    Eigen::MatrixXd direction = Eigen::MatrixXd::Zero(tape.layer_input.front().rows(), cols);
    direction.topRows(dim) = (res.array().rowwise() * (weight * 2.0 / n * sigma.array())).matrix();
    const MlpTangent tangent = forward_tangent(net, tape, direction);
    out_grad += dphi.cwiseProduct(tangent.output.row(0));
    backward_with_tangent(net, tape, tangent, out_grad, phi, *grad);
  }
  return weight * res.squaredNorm() / n;
}

}  // namespace diffsweep::transfer
