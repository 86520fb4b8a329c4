// The `feature_learning` experiment (docs/methods.md, section 1): train the tied-weight diffusion
// CNN or the two-bank classifier on two-patch data by full-batch gradient descent and measure
// signal learning S, noise learning N and their ratio R, as series over training and at the end.
#pragma once

#include "common/experiment.hpp"
#include "feature_learning/mnist_digits.hpp"

namespace diffsweep::feature_learning {

class FeatureLearningExperiment final : public Experiment {
 public:
  std::string_view name() const override { return "feature_learning"; }
  std::string_view summary() const override;
  const std::vector<ParamSpec>& params() const override;
  const std::vector<MetricSpec>& metrics() const override;
  void validate(const Params& params) const override;
  PointResult run(const Params& params, const PointContext& context) override;

 private:
  MnistDigitsCache mnist_digits_;  // data = noisy_mnist: each class file is read once
};

}  // namespace diffsweep::feature_learning
