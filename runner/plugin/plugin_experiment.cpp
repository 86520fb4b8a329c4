#include "runner/plugin/plugin_experiment.hpp"

#include <algorithm>
#include <set>

#include "common/experiment_plugin.hpp"
#include "experiment_registry.hpp"
#include "results_io/results_format.hpp"
#include "runner/store/results_snapshot.hpp"

namespace diffsweep {

namespace {

// What a plugin declares is the runner's input as much as a sweep file is: checked as an external
// program's declaration is (external_protocol.cpp), so a bad one is a message at load, not a
// broken results file.
void check_declaration(const Experiment& e) {
  const std::string name(e.name());
  const auto names = experiment_names();
  if (!results::usable_column_name(name) || name == "external" ||
      std::find(names.begin(), names.end(), name) != names.end())
    throw PluginError("its experiment's name '" + name +
                      "' is not 1 to 64 letters, digits or '_' other than a built-in "
                      "experiment's or 'external'");
  const auto check_name = [&](const std::string& what, const std::string& n) {
    if (!results::usable_column_name(n))
      throw PluginError("it declares " + what + " '" + n +
                        "', not 1 to 64 letters, digits or '_' (not starting with a digit)");
  };
  for (const ParamSpec& p : e.params()) {
    check_name("parameter", p.name);
    if (p.type == ParamType::choice && p.choices.empty())
      throw PluginError("it declares choice parameter '" + p.name + "' without choices");
    if (p.default_value.empty()) continue;
    try {
      parse_param_value(p, p.default_value);
    } catch (const ParamError& error) {
      throw PluginError("it declares parameter '" + p.name + "' with default '" + p.default_value +
                        "': " + error.reason());
    }
  }
  for (const MetricSpec& m : e.metrics()) check_name("metric", m.name);
  std::set<std::string> series;
  for (const MetricSpec& s : e.series()) {
    check_name("series", s.name);
    if (!series.insert(s.name).second)
      throw PluginError("it declares series '" + s.name + "' twice");
  }
  if (e.metrics().empty() && e.series().empty())
    throw PluginError("it declares no metrics and no series: a point would have no result");
  try {
    check_column_names(e);
  } catch (const std::logic_error& error) {
    throw PluginError(error.what());
  }
}

}  // namespace

PluginExperiment::PluginExperiment(const std::string& path) {
  try {
    library_ = std::make_unique<SharedLibrary>(path);
  } catch (const SharedLibraryError& e) {
    throw PluginError(std::string("cannot load it: ") + e.what());
  }
  const auto entry_point =
      reinterpret_cast<const PluginEntry* (*)()>(library_->symbol(plugin_entry_point));
  if (!entry_point)
    throw PluginError(std::string("no entry point: the library does not define '") +
                      plugin_entry_point + "' (DIFFSWEEP_PLUGIN(YourExperiment) defines it)");
  const PluginEntry* entry = entry_point();
  if (!entry) throw PluginError(std::string(plugin_entry_point) + "() returned null");
  if (entry->interface_version != plugin_interface_version)
    throw PluginError("built for plugin interface version " +
                      std::to_string(entry->interface_version) + ", and this diffsweep runs " +
                      std::to_string(plugin_interface_version) +
                      ": rebuild it against this diffsweep's installed headers");
  try {
    experiment_ = entry->make ? entry->make() : nullptr;
  } catch (const std::exception& e) {
    throw PluginError(std::string("its experiment's constructor threw: ") + e.what());
  } catch (...) {
    throw PluginError(
        "its experiment's constructor threw an exception that is not a "
        "std::exception");
  }
  if (!experiment_) throw PluginError("its entry point made no experiment");
  check_declaration(*experiment_);
}

void PluginExperiment::announce(const Params& params, const PointContext& context) {
  try {
    experiment_->announce(params, context);
  } catch (...) {
    announce_failures_[context.point_id] = std::current_exception();
  }
}

PointResult PluginExperiment::run(const Params& params, const PointContext& context) {
  try {
    if (const auto it = announce_failures_.find(context.point_id); it != announce_failures_.end()) {
      const std::exception_ptr failure = it->second;
      announce_failures_.erase(it);
      std::rethrow_exception(failure);
    }
    return experiment_->run(params, context);
  } catch (const std::exception&) {
    throw;
  } catch (...) {
    throw std::runtime_error("plugin experiment '" + std::string(name()) +
                             "' threw an exception that is not a std::exception");
  }
}

}  // namespace diffsweep
