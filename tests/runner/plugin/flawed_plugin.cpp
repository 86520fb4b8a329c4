// The plugin of tests/runner/plugin/test_plugin_experiment.cpp, built once per flaw (the CMake
// target defines FLAW as one of the numbers below): a well-made experiment (y = 3 x, a series
// [x, 2 x]), or one that declares what diffsweep cannot store, whose constructor throws, or whose
// entry point makes nothing.
#include <diffsweep/experiment_plugin.hpp>
#include <stdexcept>

#define WELL_MADE 0
#define BUILT_IN_NAME 1
#define BAD_PARAMETER_NAME 2
#define CHOICE_WITHOUT_CHOICES 3
#define BAD_DEFAULT 4
#define SERIES_TWICE 5
#define NO_RESULTS 6
#define COLUMN_NAME 7
#define CONSTRUCTOR_THROWS 8
#define CONSTRUCTOR_THROWS_INT 9
#define MAKES_NOTHING 10
#define RETURNS_NULL 11

namespace {

using diffsweep::MetricSpec;
using diffsweep::ParamSpec;
using diffsweep::ParamType;

class Flawed : public diffsweep::Experiment {
 public:
  Flawed() {
    if (FLAW == CONSTRUCTOR_THROWS) throw std::runtime_error("no GPU here");
    if (FLAW == CONSTRUCTOR_THROWS_INT) throw 7;
    if (FLAW == BAD_PARAMETER_NAME) params_.push_back({.name = "2x", .default_value = "1"});
    if (FLAW == CHOICE_WITHOUT_CHOICES)
      params_.push_back({.name = "mode", .type = ParamType::choice, .default_value = "a"});
    if (FLAW == BAD_DEFAULT) params_.push_back({.name = "rate", .default_value = "fast"});
    if (FLAW == NO_RESULTS) metrics_.clear();
    if (FLAW == COLUMN_NAME) metrics_.push_back({"seed", "a metric named as a column"});
  }
  std::string_view name() const override { return FLAW == BUILT_IN_NAME ? "synthetic" : "flawed"; }
  std::string_view summary() const override { return "tests' plugin: y = 3 x"; }
  const std::vector<ParamSpec>& params() const override { return params_; }
  const std::vector<MetricSpec>& metrics() const override { return metrics_; }
  std::vector<MetricSpec> series() const override {
    if (FLAW == NO_RESULTS) return {};
    if (FLAW == SERIES_TWICE) return {{"path", "x, 2 x"}, {"path", "again"}};
    return {{"path", "x, 2 x"}};
  }
  void validate(const diffsweep::Params& p) const override {
    if (p.real("x") < 0) throw diffsweep::ParamError("x", "negative", "must be at least 0");
  }
  diffsweep::PointResult run(const diffsweep::Params& p,
                             const diffsweep::PointContext& context) override {
    const double x = p.real("x");
    return {{{"y", 3 * x}, {"rep", double(context.replicate)}}, {{"path", {x, 2 * x}}}};
  }

 private:
  std::vector<ParamSpec> params_ = {{.name = "x", .type = ParamType::real, .default_value = "1"}};
  std::vector<MetricSpec> metrics_ = {{"y", "3 x", "m"}, {"rep", "the point's replicate"}};
};

}  // namespace

#if FLAW == MAKES_NOTHING
extern "C" const diffsweep::PluginEntry* diffsweep_plugin_v1() {
  static const diffsweep::PluginEntry entry{diffsweep::plugin_interface_version, nullptr};
  return &entry;
}
#elif FLAW == RETURNS_NULL
extern "C" const diffsweep::PluginEntry* diffsweep_plugin_v1() { return nullptr; }
#else
DIFFSWEEP_PLUGIN(Flawed)
#endif
