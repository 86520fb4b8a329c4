#include "experiment_registry.hpp"

#include "feature_learning/feature_learning_experiment.hpp"
#include "synthetic/synthetic_experiment.hpp"
#include "transfer/transfer_experiment.hpp"

namespace diffsweep {

std::vector<std::string_view> experiment_names() {
  return {"synthetic", "feature_learning", "transfer"};
}

std::unique_ptr<Experiment> make_experiment(std::string_view name) {
  if (name == "synthetic") return std::make_unique<SyntheticExperiment>();
  if (name == "feature_learning")
    return std::make_unique<feature_learning::FeatureLearningExperiment>();
  if (name == "transfer") return std::make_unique<transfer::TransferExperiment>();
  return nullptr;
}

}  // namespace diffsweep
