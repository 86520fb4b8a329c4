#include "sweep_expansion.hpp"

#include <cstdio>
#include <set>
#include <stdexcept>

#include "axis_values.hpp"
#include "errors.hpp"
#include "seeding.hpp"

namespace diffsweep {

std::string hex_id(std::uint64_t id) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(id));
  return buf;
}

std::uint64_t point_id_of(const Experiment& experiment, const Params& params,
                          std::int64_t replicate) {
  // Params keeps its values sorted by name, so the text does not depend on file order.
  std::string text = std::string(experiment.name()) + "\n";
  for (const auto& [name, value] : params.values())
    text += name + "=" + canonical_text(*find_spec(experiment.params(), name), value) + "\n";
  text += "replicate=" + std::to_string(replicate);
  // FNV alone leaves texts that differ in their last character with nearby ids.
  return mix64(fnv1a64(text));
}

namespace {

const ParamSpec& spec_for(const SweepSpec& sweep, const Experiment& experiment,
                          const std::string& section, const std::string& key,
                          const std::string& value) {
  const ParamSpec* spec = find_spec(experiment.params(), key);
  if (!spec)
    throw SweepFileError(sweep.path, section + "." + key, value,
                         "unknown parameter of experiment '" + std::string(experiment.name()) +
                             "' (see diffsweep --describe " + std::string(experiment.name()) + ")");
  return *spec;
}

ParamValue parse_for(const SweepSpec& sweep, const std::string& section, const ParamSpec& spec,
                     const std::string& value) {
  try {
    return parse_param_value(spec, value);
  } catch (const ParamError& e) {
    throw SweepFileError(sweep.path, section + "." + spec.name, value, e.reason());
  }
}

}  // namespace

Sweep expand_sweep(const SweepSpec& spec, const Experiment& experiment) {
  Sweep sweep;
  sweep.spec = spec;
  Params base = default_params(experiment.params());
  for (const auto& [key, value] : spec.fixed)
    base.set(key, parse_for(spec, "fixed", spec_for(spec, experiment, "fixed", key, value), value));

  std::vector<std::vector<ParamValue>> axis_values;
  for (const auto& [key, value] : spec.axes) {
    const ParamSpec& ps = spec_for(spec, experiment, "axes", key, value);
    std::vector<std::string> texts;
    try {
      texts = expand_axis_values(value);
    } catch (const std::invalid_argument& e) {
      throw SweepFileError(spec.path, "axes." + key, value, e.what());
    }
    std::vector<ParamValue> values;
    std::set<std::string> canon;
    for (const auto& t : texts) {
      values.push_back(parse_for(spec, "axes", ps, t));
      if (!canon.insert(canonical_text(ps, values.back())).second)
        throw SweepFileError(spec.path, "axes." + key, value,
                             "value '" + t + "' appears twice (the points would be the same)");
    }
    sweep.axis_names.push_back(key);
    axis_values.push_back(std::move(values));
  }

  // Every rank holds every point (about 1 kB each with its parameters): 10^7 points is 10 GB.
  constexpr std::size_t max_points = 10'000'000;
  std::size_t grid = 1;
  for (const auto& v : axis_values) {
    if (grid > max_points / v.size())
      throw SweepFileError(spec.path, "axes", "", "more than 10^7 points");
    grid *= v.size();
  }
  if (grid > max_points / static_cast<std::size_t>(spec.replicates))
    throw SweepFileError(
        spec.path, "sweep.replicates", std::to_string(spec.replicates),
        "more than 10^7 points with the axes' " + std::to_string(grid) + " grid points");
  std::string hash_text = std::string(experiment.name()) + "\n" + std::to_string(spec.seed) + "\n";
  std::vector<std::size_t> digit(axis_values.size(), 0);  // mixed-radix counter, last axis fastest
  for (std::size_t g = 0; g < grid; ++g) {
    Params params = base;
    for (std::size_t a = 0; a < axis_values.size(); ++a)
      params.set(sweep.axis_names[a], axis_values[a][digit[a]]);
    try {
      experiment.validate(params);
    } catch (const ParamError& e) {
      throw SweepFileError(spec.path, e.key(), e.value(), e.reason());
    }
    for (std::int64_t r = 0; r < spec.replicates; ++r) {
      SweepPoint p;
      p.index = sweep.points.size();
      p.replicate = r;
      p.params = params;
      p.point_id = point_id_of(experiment, params, r);
      p.seed = derive_seed(spec.seed, p.point_id);
      hash_text += hex_id(p.point_id) + "\n";
      sweep.points.push_back(std::move(p));
    }
    for (std::size_t a = axis_values.size(); a-- > 0;) {
      if (++digit[a] < axis_values[a].size()) break;
      digit[a] = 0;
    }
  }
  sweep.hash = fnv1a64(hash_text);
  return sweep;
}

}  // namespace diffsweep
