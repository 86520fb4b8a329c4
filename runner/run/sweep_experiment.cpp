#include "runner/run/sweep_experiment.hpp"

#include <filesystem>

#include "experiment_registry.hpp"
#include "runner/external/external_experiment.hpp"
#include "runner/plugin/plugin_experiment.hpp"
#include "runner/store/results_snapshot.hpp"
#include "runner/sweep/sweep_file_error.hpp"

namespace diffsweep {

namespace {

// What a sweep file names (a command, a plugin) is found from the file's own folder.
std::filesystem::path sweep_folder(const SweepSpec& spec) {
  return std::filesystem::absolute(spec.path).parent_path();
}

std::unique_ptr<Experiment> make_external(const SweepSpec& spec, const std::string& declaration) {
  if (spec.command.empty())
    throw SweepFileError(spec.where("sweep.experiment"), "sweep.command", "",
                         "missing: experiment = external runs the command it names");
  ExternalCommand command{spec.command, sweep_folder(spec).string()};
  if (spec.timeout_seconds) command.timeout_seconds = *spec.timeout_seconds;
  if (spec.declare_timeout_seconds) command.declare_timeout_seconds = *spec.declare_timeout_seconds;
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

constexpr std::string_view plugin_prefix = "plugin:";

std::unique_ptr<Experiment> make_plugin(const SweepSpec& spec, const PluginLocation& location) {
  const auto refuse = [&](const std::string& reason) {
    return SweepFileError(spec.where("sweep.experiment"), "sweep.experiment", spec.experiment,
                          reason);
  };
  if (location.given.empty()) throw refuse("no path after 'plugin:'");
  std::error_code error;
  if (!std::filesystem::is_regular_file(location.resolved, error))
    throw refuse("no such file: " + location.resolved);
  try {
    return std::make_unique<PluginExperiment>(location.resolved);
  } catch (const PluginError& e) {
    throw refuse(e.what());
  }
}

}  // namespace

std::optional<PluginLocation> plugin_location(const SweepSpec& spec) {
  if (!spec.experiment.starts_with(plugin_prefix)) return std::nullopt;
  PluginLocation location;
  location.given = spec.experiment.substr(plugin_prefix.size());
  location.resolved = (sweep_folder(spec) / location.given).lexically_normal().string();
  return location;
}

std::unique_ptr<Experiment> make_sweep_experiment(const SweepSpec& spec,
                                                  const std::string& declaration) {
  if (spec.experiment == "external") return make_external(spec, declaration);
  const std::optional<PluginLocation> plugin = plugin_location(spec);
  for (const char* key : {"command", "timeout", "declare_timeout"})
    if (spec.lines.count(std::string("sweep.") + key))
      throw SweepFileError(spec.where(std::string("sweep.") + key), std::string("sweep.") + key,
                           key == std::string("command") ? spec.command : "",
                           "only for experiment = external");
  if (plugin) return make_plugin(spec, *plugin);
  auto experiment = make_experiment(spec.experiment);
  if (!experiment) {
    std::string known;
    for (auto n : experiment_names()) known += std::string(n) + ", ";
    throw SweepFileError(spec.where("sweep.experiment"), "sweep.experiment", spec.experiment,
                         "unknown experiment (known: " + known + "external, plugin:PATH)");
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
