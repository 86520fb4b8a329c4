#include "runner/run/sweep_experiment.hpp"

#include <filesystem>

#include "experiment_registry.hpp"
#include "runner/external/external_experiment.hpp"
#include "runner/store/results_snapshot.hpp"
#include "runner/sweep/sweep_file_error.hpp"

namespace diffsweep {

namespace {

std::unique_ptr<Experiment> make_external(const SweepSpec& spec, const std::string& declaration) {
  if (spec.command.empty())
    throw SweepFileError(spec.where("sweep.experiment"), "sweep.command", "",
                         "missing: experiment = external runs the command it names");
  ExternalCommand command{spec.command,
                          std::filesystem::absolute(spec.path).parent_path().string()};
  if (spec.timeout_seconds) command.timeout_seconds = *spec.timeout_seconds;
  std::unique_ptr<Experiment> experiment;
  try {
    experiment = declaration.empty() ? std::make_unique<ExternalExperiment>(command)
                                     : std::make_unique<ExternalExperiment>(command, declaration);
    check_column_names(*experiment);
  } catch (const std::exception& e) {
    // ExternalProgramError, ProtocolError, or a declared name that is one of the file's columns.
    throw SweepFileError(spec.where("sweep.command"), "sweep.command", spec.command, e.what());
  }
  return experiment;
}

}  // namespace

std::unique_ptr<Experiment> make_sweep_experiment(const SweepSpec& spec,
                                                  const std::string& declaration) {
  if (spec.experiment == "external") return make_external(spec, declaration);
  for (const char* key : {"command", "timeout"})
    if (spec.lines.count(std::string("sweep.") + key))
      throw SweepFileError(spec.where(std::string("sweep.") + key), std::string("sweep.") + key,
                           key == std::string("command") ? spec.command : "",
                           "only for experiment = external");
  auto experiment = make_experiment(spec.experiment);
  if (!experiment) {
    std::string known;
    for (auto n : experiment_names()) known += std::string(n) + ", ";
    throw SweepFileError(spec.where("sweep.experiment"), "sweep.experiment", spec.experiment,
                         "unknown experiment (known: " + known + "external)");
  }
  return experiment;
}

std::string declaration_of(const Experiment& experiment) {
  const auto* external = dynamic_cast<const ExternalExperiment*>(&experiment);
  return external ? external->declaration().text : std::string();
}

void release_program(Experiment& experiment) {
  if (auto* external = dynamic_cast<ExternalExperiment*>(&experiment)) external->end_program();
}

}  // namespace diffsweep
