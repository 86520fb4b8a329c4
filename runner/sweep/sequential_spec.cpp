#include "runner/sweep/sequential_spec.hpp"

#include <algorithm>
#include <map>

#include "common/number_text.hpp"
#include "runner/sweep/axis_values.hpp"
#include "runner/sweep/sweep_file_error.hpp"

namespace diffsweep {

std::optional<SequentialSpec> read_sequential(const SweepSpec& spec, const Experiment& experiment) {
  if (spec.sequential.empty()) return std::nullopt;
  std::map<std::string, std::string> given;
  for (const auto& [key, value] : spec.sequential) given[key] = trim(value);
  const auto fail = [&](const std::string& key, const std::string& reason) -> SweepFileError {
    const std::string full = "sequential." + key;
    return SweepFileError(spec.where(full), full, given.count(key) ? given.at(key) : "", reason);
  };
  static const char* known[] = {"axis",  "reference", "metric", "better",    "margin",
                                "start", "budget",    "growth", "confidence"};
  for (const auto& [key, value] : spec.sequential)
    if (std::find(std::begin(known), std::end(known), key) == std::end(known))
      throw fail(key,
                 "unknown key (known: axis, reference, metric, better, margin, start, budget, "
                 "growth, confidence)");
  for (const char* key : {"axis", "metric", "margin"})
    if (!given.count(key)) throw fail(key, "missing ([sequential] needs axis, metric and margin)");
  if (!spec.refine.empty()) throw fail("axis", "a sweep has [refine] or [sequential], not both");
  if (spec.replicates != 1)
    throw SweepFileError(spec.where("sweep.replicates"), "sweep.replicates",
                         std::to_string(spec.replicates),
                         "a [sequential] sweep's replicates are its budget (sequential.budget): "
                         "leave sweep.replicates out");
  const auto number = [&](const std::string& key, const std::string& text) {
    const auto v = parse_decimal(trim(text));
    if (!v) throw fail(key, "not a number");
    return *v;
  };
  const auto whole = [&](const std::string& key) {
    const auto v = parse_whole_number(given.at(key), 100000);
    if (!v) throw fail(key, "not a whole number up to 100000");
    return static_cast<std::size_t>(*v);
  };

  SequentialSpec s;
  s.axis = given.at("axis");
  const bool swept =
      s.compares_cases()
          ? !spec.cases.empty()
          : has_key(spec.axes, s.axis) ||
                std::any_of(spec.cases.begin(), spec.cases.end(),
                            [&](const SweepCase& c) { return has_key(c.axes, s.axis); });
  if (!swept)
    throw fail("axis", s.compares_cases()
                           ? "the sweep has no [case.NAME] sections to compare"
                           : "not an axis of the sweep (in [axes] or a [case.NAME]), nor case");
  if (given.count("reference")) {
    s.reference = given.at("reference");
    try {
      s.references = expand_axis_values(s.reference);  // one value, or a list as an axis has
    } catch (const std::invalid_argument& e) {
      throw fail("reference", e.what());
    }
  }
  s.metric = given.at("metric");
  const auto& metrics = experiment.metrics();
  if (std::none_of(metrics.begin(), metrics.end(),
                   [&](const MetricSpec& m) { return m.name == s.metric; }))
    throw fail("metric", "not a metric of " + std::string(experiment.name()));
  const std::string better = given.count("better") ? given.at("better") : "lower";
  if (better != "lower" && better != "higher") throw fail("better", "lower or higher");
  s.settings.higher_is_better = better == "higher";
  std::string margin = given.at("margin");
  s.settings.relative_margin = !margin.empty() && margin.back() == '%';
  if (s.settings.relative_margin) margin.pop_back();
  s.settings.margin = number("margin", margin) / (s.settings.relative_margin ? 100 : 1);
  if (given.count("start")) s.settings.start = whole("start");
  if (given.count("budget")) s.settings.budget = whole("budget");
  if (given.count("growth")) s.settings.growth = number("growth", given.at("growth"));
  if (given.count("confidence"))
    s.settings.confidence = number("confidence", given.at("confidence"));
  try {
    check_sequential_settings(s.settings);
  } catch (const SequentialSettingsError& e) {
    throw fail(e.setting(), e.what());
  }
  return s;
}

}  // namespace diffsweep
