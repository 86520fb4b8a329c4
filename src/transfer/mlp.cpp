#include "transfer/mlp.hpp"

#include <cmath>

namespace diffsweep::transfer {

namespace {

int layer_in(const Mlp& n, int l) { return l == 0 ? n.inputs : n.width; }
int layer_out(const Mlp& n, int l) { return l == n.depth ? n.outputs : n.width; }

// Offset of layer l's weight in theta; its bias follows the weight.
Eigen::Index offset(const Mlp& n, int l) {
  Eigen::Index o = 0;
  for (int k = 0; k < l; ++k) o += Eigen::Index(layer_out(n, k)) * (layer_in(n, k) + 1);
  return o;
}

Eigen::Map<Eigen::MatrixXd> weight_of(Eigen::VectorXd& v, const Mlp& n, int l) {
  return {v.data() + offset(n, l), layer_out(n, l), layer_in(n, l)};
}
Eigen::Map<Eigen::VectorXd> bias_of(Eigen::VectorXd& v, const Mlp& n, int l) {
  return {v.data() + offset(n, l) + Eigen::Index(layer_out(n, l)) * layer_in(n, l),
          layer_out(n, l)};
}

// SiLU and its derivatives from z and s = sigmoid(z), as whole-array expressions so that Eigen
// vectorises them: the activations, not the matrix products, dominated a scalar implementation.
Eigen::MatrixXd sigmoid(const Eigen::MatrixXd& z) {
  return (1.0 + (-z.array()).exp()).inverse().matrix();
}
Eigen::MatrixXd silu_d1(const Eigen::MatrixXd& z, const Eigen::MatrixXd& s) {
  return (s.array() * (1.0 + z.array() * (1.0 - s.array()))).matrix();
}
Eigen::MatrixXd silu_d2(const Eigen::MatrixXd& z, const Eigen::MatrixXd& s) {
  return (s.array() * (1.0 - s.array()) * (2.0 + z.array() * (1.0 - 2.0 * s.array()))).matrix();
}

}  // namespace

Mlp make_mlp(int inputs, int outputs, int width, int depth, std::mt19937_64& rng,
             double output_scale) {
  Mlp n{inputs, outputs, width, depth, {}};
  n.theta = Eigen::VectorXd::Zero(offset(n, depth + 1));
  std::normal_distribution<double> normal(0.0, 1.0);
  for (int l = 0; l <= depth; ++l) {
    auto w = weight_of(n.theta, n, l);
    const double sd = (l == depth ? output_scale : 1.0) / std::sqrt(double(layer_in(n, l)));
    for (Eigen::Index j = 0; j < w.cols(); ++j)
      for (Eigen::Index i = 0; i < w.rows(); ++i) w(i, j) = sd * normal(rng);
  }
  return n;
}

Eigen::Map<const Eigen::MatrixXd> weight(const Mlp& n, int l) {
  return {n.theta.data() + offset(n, l), layer_out(n, l), layer_in(n, l)};
}
Eigen::Map<const Eigen::VectorXd> bias(const Mlp& n, int l) {
  return {n.theta.data() + offset(n, l) + Eigen::Index(layer_out(n, l)) * layer_in(n, l),
          layer_out(n, l)};
}
Eigen::Map<Eigen::VectorXd> bias(Mlp& n, int l) { return bias_of(n.theta, n, l); }

Eigen::MatrixXd forward(const Mlp& net, const Eigen::MatrixXd& input, MlpTape* tape) {
  if (tape) {
    tape->layer_input.resize(net.depth + 1);
    tape->pre.resize(net.depth);
    tape->gate.resize(net.depth);
  }
  Eigen::MatrixXd a = input;
  for (int l = 0; l < net.depth; ++l) {
    Eigen::MatrixXd z = weight(net, l) * a;
    z.colwise() += bias(net, l);
    if (tape) tape->layer_input[l] = std::move(a);
    Eigen::MatrixXd s = sigmoid(z);
    a = z.cwiseProduct(s);
    if (tape) {
      tape->pre[l] = std::move(z);
      tape->gate[l] = std::move(s);
    }
  }
  Eigen::MatrixXd y = weight(net, net.depth) * a;
  y.colwise() += bias(net, net.depth);
  if (tape) tape->layer_input[net.depth] = std::move(a);
  return y;
}

Eigen::MatrixXd backward(const Mlp& net, const MlpTape& tape, const Eigen::MatrixXd& out_grad,
                         Eigen::VectorXd* grad) {
  Eigen::MatrixXd g = out_grad;  // gradient w.r.t. the current layer's output (pre-activation)
  for (int l = net.depth; l >= 0; --l) {
    if (grad) {
      weight_of(*grad, net, l).noalias() += g * tape.layer_input[l].transpose();
      bias_of(*grad, net, l) += g.rowwise().sum();
    }
    Eigen::MatrixXd ga = weight(net, l).transpose() * g;
    if (l == 0) return ga;
    g = ga.cwiseProduct(silu_d1(tape.pre[l - 1], tape.gate[l - 1]));
  }
  return g;
}

MlpTangent forward_tangent(const Mlp& net, const MlpTape& tape, const Eigen::MatrixXd& direction) {
  MlpTangent t;
  t.layer_input.resize(net.depth + 1);
  t.pre.resize(net.depth);
  t.layer_input[0] = direction;
  for (int l = 0; l < net.depth; ++l) {
    t.pre[l] = weight(net, l) * t.layer_input[l];
    t.layer_input[l + 1] = t.pre[l].cwiseProduct(silu_d1(tape.pre[l], tape.gate[l]));
  }
  t.output = weight(net, net.depth) * t.layer_input[net.depth];
  return t;
}

void backward_with_tangent(const Mlp& net, const MlpTape& tape, const MlpTangent& tangent,
                           const Eigen::MatrixXd& out_grad, const Eigen::MatrixXd& tangent_grad,
                           Eigen::VectorXd& grad) {
  // g: adjoint of the primal pre-activation of layer l's output; gt: of its tangent. The tangent
  // path z' = W a' carries no bias, and a' = silu'(z) z' feeds silu''(z) z' back into g.
  Eigen::MatrixXd g = out_grad, gt = tangent_grad;
  for (int l = net.depth; l >= 0; --l) {
    auto w = weight_of(grad, net, l);
    w.noalias() += g * tape.layer_input[l].transpose();
    w.noalias() += gt * tangent.layer_input[l].transpose();
    bias_of(grad, net, l) += g.rowwise().sum();
    if (l == 0) return;
    const Eigen::MatrixXd ga = weight(net, l).transpose() * g;
    const Eigen::MatrixXd gta = weight(net, l).transpose() * gt;
    const Eigen::MatrixXd& z = tape.pre[l - 1];
    const Eigen::MatrixXd d1 = silu_d1(z, tape.gate[l - 1]);
    g = ga.cwiseProduct(d1) +
        gta.cwiseProduct(tangent.pre[l - 1]).cwiseProduct(silu_d2(z, tape.gate[l - 1]));
    gt = gta.cwiseProduct(d1);
  }
}

}  // namespace diffsweep::transfer
