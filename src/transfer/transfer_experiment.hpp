// The `transfer` experiment: TGDP (METHODS section 2) on Gaussian mixtures, its baselines and its
// exact oracles, all scored against the exactly known target.
//
// Shared state and seeds. The source model (source data and the score network trained on it)
// depends only on the source settings; it is trained once per experiment object for each such
// setting, seeded from the sweep seed and those settings, and reused by every point that shares
// them, so any rank builds an identical one. Everything else a point draws (target pool,
// evaluation and reference samples, sampler noise, network initialisations and mini-batches) comes
// from the sweep seed and the `replicate` parameter, never from the method, so all methods of one
// replicate see the same data and noise, and the target sets of one replicate are nested across
// n_target (the first n_target points of one pool). Replicates are therefore a `replicate` axis
// of the sweep.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "common/experiment.hpp"

namespace diffsweep::transfer {

struct SourceModel;  // defined in transfer_experiment.cpp

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
  // Keyed by the canonical text of the source settings and the sweep seed.
  std::map<std::string, std::shared_ptr<const SourceModel>> sources_;
};

}  // namespace diffsweep::transfer
