// The `transfer` experiment: TGDP (docs/methods.md, section 2) on Gaussian mixtures, its baselines
// and its exact oracles, all scored against the exactly known target.
//
// The pieces, each in its own file: the typed settings (transfer_settings), the source model
// and its cache (source_model), the point's data and random streams (transfer_point), TGDP's
// score (tgdp_score), the baselines (baseline_scores), sampling and metrics
// (transfer_evaluation).
#pragma once

#include <map>
#include <memory>
#include <string>

#include "common/experiment.hpp"
#include "transfer/source_model.hpp"

namespace diffsweep::transfer {

class TransferExperiment final : public Experiment {
 public:
  TransferExperiment();
  ~TransferExperiment() override;
  std::string_view name() const override { return "transfer"; }
  std::string_view summary() const override;
  const std::vector<ParamSpec>& params() const override;
  const std::vector<MetricSpec>& metrics() const override;
  void validate(const Params& params) const override;
  PointResult run(const Params& params, const PointContext& context) override;

 private:
  SourceModelCache sources_;
};

}  // namespace diffsweep::transfer
