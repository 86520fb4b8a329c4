#include "experiment_registry.hpp"

#include "synthetic_experiment.hpp"

namespace diffsweep {

std::vector<std::string_view> experiment_names() { return {"synthetic"}; }

std::unique_ptr<Experiment> make_experiment(std::string_view name) {
  if (name == "synthetic") return std::make_unique<SyntheticExperiment>();
  return nullptr;
}

}  // namespace diffsweep
