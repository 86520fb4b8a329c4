// An experiment compiled outside diffsweep: `experiment = plugin:PATH` in a sweep file's [sweep]
// loads the shared library at PATH and makes its experiment through the entry point
// common/experiment_plugin.hpp defines (docs/plugins.md). Each process that needs the experiment
// loads the library itself; the library stays loaded while the experiment it made lives.
#pragma once

#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "common/experiment.hpp"
#include "runner/plugin/shared_library.hpp"

namespace diffsweep {

// A library that is not a plugin this diffsweep can run; the message says why.
class PluginError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class PluginExperiment : public Experiment {
 public:
  // Loads the library at `path` (a path, not a name to search for) and makes its experiment;
  // throws PluginError when the library does not load, has no entry point, was built for another
  // interface version, or declares what diffsweep cannot store.
  explicit PluginExperiment(const std::string& path);

  std::string_view name() const override { return experiment_->name(); }
  std::string_view summary() const override { return experiment_->summary(); }
  const std::vector<ParamSpec>& params() const override { return experiment_->params(); }
  const std::vector<MetricSpec>& metrics() const override { return experiment_->metrics(); }
  std::vector<MetricSpec> series() const override { return experiment_->series(); }
  void validate(const Params& params) const override { experiment_->validate(params); }
  // What the plugin throws here fails the announced point when it runs, not the process.
  void announce(const Params& params, const PointContext& context) override;
  // What the plugin throws here fails the point; an exception that is not a std::exception
  // becomes one that says so.
  PointResult run(const Params& params, const PointContext& context) override;

 private:
  // Declared first, destroyed last: the experiment's code and vtable live in the library.
  std::unique_ptr<SharedLibrary> library_;
  std::unique_ptr<Experiment> experiment_;
  std::map<std::uint64_t, std::exception_ptr> announce_failures_;  // by point id
};

}  // namespace diffsweep
