// A closed-form experiment for exercising the runner and the analysis: its answer is known, it can
// be made slow, made to throw, or made to return NaN on chosen points.
#pragma once

#include "common/experiment.hpp"

namespace diffsweep {

class SyntheticExperiment final : public Experiment {
 public:
  std::string_view name() const override { return "synthetic"; }
  std::string_view summary() const override;
  const std::vector<ParamSpec>& params() const override;
  const std::vector<MetricSpec>& metrics() const override;
  PointResult run(const Params& params, const PointContext& context) override;
};

}  // namespace diffsweep
