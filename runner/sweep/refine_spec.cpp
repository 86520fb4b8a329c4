#include "runner/sweep/refine_spec.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "common/number_text.hpp"
#include "runner/sweep/axis_values.hpp"
#include "runner/sweep/sweep_file_error.hpp"

namespace diffsweep {

std::optional<RefineSpec> read_refine(const SweepSpec& spec, const Experiment& experiment) {
  if (spec.refine.empty()) return std::nullopt;
  std::map<std::string, std::string> given(spec.refine.begin(), spec.refine.end());
  const auto fail = [&](const std::string& key, const std::string& reason) -> SweepFileError {
    const std::string full = "refine." + key;
    return SweepFileError(spec.where(full), full, given.count(key) ? given.at(key) : "", reason);
  };
  static const char* known[] = {"axis",      "range",     "scale",  "metric",     "level",
                                "tolerance", "per_round", "budget", "confidence", "seeds"};
  for (const auto& [key, value] : spec.refine)
    if (std::find(std::begin(known), std::end(known), key) == std::end(known))
      throw fail(key,
                 "unknown key (known: axis, range, scale, metric, level, tolerance, per_round, "
                 "budget, confidence, seeds)");
  for (const char* key : {"axis", "range", "metric", "level", "tolerance"})
    if (!given.count(key))
      throw fail(key, "missing ([refine] needs axis, range, metric, level and tolerance)");
  const auto number = [&](const std::string& key, const std::string& text) {
    const auto v = parse_decimal(trim(text));
    if (!v) throw fail(key, "not a number");
    return *v;
  };
  const auto whole = [&](const std::string& key, std::uint64_t most) {
    const auto v = parse_whole_number(trim(given.at(key)), most);
    if (!v || *v == 0) throw fail(key, "not a whole number from 1 to " + std::to_string(most));
    return static_cast<int>(*v);
  };

  RefineSpec r;
  r.axis = trim(given.at("axis"));
  const ParamSpec* ps = find_spec(experiment.params(), r.axis);
  if (!ps) throw fail("axis", "not a parameter of " + std::string(experiment.name()));
  if (ps->type != ParamType::real) throw fail("axis", "the refined axis must be a real parameter");
  for (const auto& kv : spec.fixed)
    if (kv.first == r.axis) throw fail("axis", "also given in [fixed]");
  for (const auto& kv : spec.axes)
    if (kv.first == r.axis) throw fail("axis", "also given in [axes]");
  for (const auto& c : spec.cases)
    for (const auto& kv : c.axes)
      if (kv.first == r.axis) throw fail("axis", "also given in [case." + c.name + "]");

  r.metric = trim(given.at("metric"));
  const auto& metrics = experiment.metrics();
  if (std::none_of(metrics.begin(), metrics.end(),
                   [&](const MetricSpec& m) { return m.name == r.metric; }))
    throw fail("metric", "not a metric of " + std::string(experiment.name()));

  const std::string range = given.at("range");
  const auto comma = range.find(',');
  if (comma == std::string::npos || range.find(',', comma + 1) != std::string::npos)
    throw fail("range", "two numbers, low and high: range = 0.1, 100");
  r.search.lo = number("range", range.substr(0, comma));
  r.search.hi = number("range", range.substr(comma + 1));

  const std::string scale = given.count("scale") ? trim(given.at("scale")) : "log";
  if (scale != "log" && scale != "linear") throw fail("scale", "log or linear");
  r.search.scale = scale == "log" ? AxisScale::log : AxisScale::linear;
  r.search.level = number("level", given.at("level"));

  std::string tolerance = trim(given.at("tolerance"));
  r.search.relative = !tolerance.empty() && tolerance.back() == '%';
  if (r.search.relative) tolerance.pop_back();
  r.search.tolerance = number("tolerance", tolerance) / (r.search.relative ? 100 : 1);
  if (given.count("per_round")) r.search.per_round = whole("per_round", 1000);
  if (given.count("budget")) r.search.budget = whole("budget", 100000);
  if (given.count("confidence"))
    r.search.side_confidence = number("confidence", given.at("confidence"));

  const std::string seeds = given.count("seeds") ? trim(given.at("seeds")) : "independent";
  if (seeds != "independent" && seeds != "common") throw fail("seeds", "independent or common");
  r.search.common_seeds = seeds == "common";

  try {
    crossing_lattice(r.search);  // every check of the settings
  } catch (const SearchSettingsError& e) {
    throw fail(e.setting(), e.what());
  }
  return r;
}

}  // namespace diffsweep
