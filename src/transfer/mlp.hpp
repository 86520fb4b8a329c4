// A fully connected network with SiLU activations and its hand-derived gradients: the reverse pass
// (parameters and input), the forward-mode tangent (directional derivative along the input), and
// the reverse pass through primal and tangent together, which gives the parameter gradient of a
// loss on input gradients (the consistency regulariser's double backward). SiLU rather than ReLU
// because that last gradient needs a second derivative that is not zero almost everywhere.
// Points are the columns of the input; all parameters live in one flat vector for the optimiser
// and for finite-difference tests.
#pragma once

#include <Eigen/Dense>
#include <random>
#include <vector>

namespace diffsweep::transfer {

struct Mlp {
  int inputs = 0, outputs = 0, width = 0, depth = 0;  // depth = number of hidden layers
  Eigen::VectorXd theta;
};

// LeCun-normal weights and zero biases; the output layer's weights are further scaled by
// `output_scale` (0 makes the network start at its output bias, e.g. a guidance network at h = 1).
Mlp make_mlp(int inputs, int outputs, int width, int depth, std::mt19937_64& rng,
             double output_scale = 1.0);

// Views of layer l's weight (out x in) and bias; l = depth is the output layer.
Eigen::Map<const Eigen::MatrixXd> weight(const Mlp& net, int l);
Eigen::Map<const Eigen::VectorXd> bias(const Mlp& net, int l);
Eigen::Map<Eigen::VectorXd> bias(Mlp& net, int l);

// What the reverse passes need from a forward pass.
struct MlpTape {
  std::vector<Eigen::MatrixXd> layer_input;  // depth + 1 entries: input of each linear layer
  std::vector<Eigen::MatrixXd> pre;          // depth entries: hidden pre-activations
  std::vector<Eigen::MatrixXd> gate;         // depth entries: sigmoid of pre, for the derivatives
};

Eigen::MatrixXd forward(const Mlp& net, const Eigen::MatrixXd& input, MlpTape* tape = nullptr);

// Adds the gradient of sum(out_grad .* output) with respect to the parameters into `grad` (if not
// null) and returns it with respect to the input.
Eigen::MatrixXd backward(const Mlp& net, const MlpTape& tape, const Eigen::MatrixXd& out_grad,
                         Eigen::VectorXd* grad);

// Directional derivative of the output along `direction` (same shape as the input).
struct MlpTangent {
  std::vector<Eigen::MatrixXd> layer_input;  // tangents of the linear layers' inputs
  std::vector<Eigen::MatrixXd> pre;          // tangents of the hidden pre-activations
  Eigen::MatrixXd output;
};
MlpTangent forward_tangent(const Mlp& net, const MlpTape& tape, const Eigen::MatrixXd& direction);

// Adds the parameter gradient of sum(out_grad .* output) + sum(tangent_grad .* tangent.output)
// into `grad`.
void backward_with_tangent(const Mlp& net, const MlpTape& tape, const MlpTangent& tangent,
                           const Eigen::MatrixXd& out_grad, const Eigen::MatrixXd& tangent_grad,
                           Eigen::VectorXd& grad);

}  // namespace diffsweep::transfer
