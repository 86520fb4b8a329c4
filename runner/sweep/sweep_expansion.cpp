#include "runner/sweep/sweep_expansion.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "common/seeding.hpp"
#include "results_io/results_format.hpp"
#include "runner/sweep/axis_values.hpp"
#include "runner/sweep/sweep_file_error.hpp"

namespace diffsweep {

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

struct Axis {
  std::string key;      // the parameter
  std::string section;  // where the file gave it, for messages ("axes", "case.NAME")
  std::vector<ParamValue> values;
};

Axis parse_axis(const SweepSpec& spec, const Experiment& experiment, const std::string& section,
                const std::string& key, const std::string& value) {
  const ParamSpec& ps = spec_for(spec, experiment, section, key, value);
  std::vector<std::string> texts;
  try {
    texts = expand_axis_values(value);
  } catch (const std::invalid_argument& e) {
    throw SweepFileError(spec.path, section + "." + key, value, e.what());
  }
  Axis axis{key, section, {}};
  std::set<std::string> canon;
  for (const auto& t : texts) {
    axis.values.push_back(parse_for(spec, section, ps, t));
    if (!canon.insert(canonical_text(ps, axis.values.back())).second)
      throw SweepFileError(spec.path, section + "." + key, value,
                           "value '" + t + "' appears twice (the points would be the same)");
  }
  return axis;
}

// One block of the sweep: the product of `axes` over `base`, times the replicates.
struct Block {
  std::string name;  // the case's, or "" for a sweep without cases
  std::vector<Axis> axes;
};

}  // namespace

Sweep expand_sweep(const SweepSpec& spec, const Experiment& experiment) {
  Sweep sweep;
  sweep.spec = spec;
  Params base = default_params(experiment.params());
  for (const auto& [key, value] : spec.fixed)
    base.set(key, parse_for(spec, "fixed", spec_for(spec, experiment, "fixed", key, value), value));

  std::vector<Axis> common;
  for (const auto& [key, value] : spec.axes)
    common.push_back(parse_axis(spec, experiment, "axes", key, value));
  // A case's own axes vary slower than [axes]: each case reads as its own nested loops.
  std::vector<Block> blocks;
  for (const auto& c : spec.cases) {
    Block block{c.name, {}};
    for (const auto& [key, value] : c.axes)
      block.axes.push_back(parse_axis(spec, experiment, "case." + c.name, key, value));
    block.axes.insert(block.axes.end(), common.begin(), common.end());
    blocks.push_back(std::move(block));
  }
  if (blocks.empty()) blocks.push_back(Block{"", common});
  // Listed as the points vary them: the cases' own axes first, then [axes].
  for (const auto& c : spec.cases)
    for (const auto& kv : c.axes)
      if (std::find(sweep.axis_names.begin(), sweep.axis_names.end(), kv.first) ==
          sweep.axis_names.end())
        sweep.axis_names.push_back(kv.first);
  for (const auto& axis : common) sweep.axis_names.push_back(axis.key);

  // Every rank holds every point (about 1 kB each with its parameters): 10^7 points is 10 GB.
  constexpr std::size_t max_points = 10'000'000;
  std::size_t total = 0;
  for (const auto& block : blocks) {
    std::size_t grid = 1;
    for (const auto& a : block.axes) {
      if (grid > max_points / a.values.size())
        throw SweepFileError(spec.path, a.section, "", "more than 10^7 points");
      grid *= a.values.size();
    }
    if (grid > max_points / static_cast<std::size_t>(spec.replicates) ||
        total + grid * static_cast<std::size_t>(spec.replicates) > max_points)
      throw SweepFileError(
          spec.path, "sweep.replicates", std::to_string(spec.replicates),
          "more than 10^7 points with the axes' " + std::to_string(total + grid) + " grid points");
    total += grid * static_cast<std::size_t>(spec.replicates);
  }

  std::string hash_text = std::string(experiment.name()) + "\n" + std::to_string(spec.seed) + "\n";
  std::unordered_map<std::uint64_t, std::string> case_of_id;
  for (const auto& block : blocks) {
    std::vector<std::size_t> digit(block.axes.size(), 0);  // mixed-radix counter, last fastest
    for (bool more = true; more;) {
      Params params = base;
      for (std::size_t a = 0; a < block.axes.size(); ++a)
        params.set(block.axes[a].key, block.axes[a].values[digit[a]]);
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
        if (const auto [it, fresh] = case_of_id.emplace(p.point_id, block.name); !fresh)
          throw SweepFileError(
              spec.path, "case." + block.name, "",
              "repeats points of case '" + it->second + "' (each point may be in one case only)");
        hash_text += results::hex_id(p.point_id) + "\n";
        sweep.points.push_back(std::move(p));
      }
      more = false;
      for (std::size_t a = block.axes.size(); a-- > 0;) {
        if (++digit[a] < block.axes[a].values.size()) {
          more = true;
          break;
        }
        digit[a] = 0;
      }
    }
  }
  sweep.hash = fnv1a64(hash_text);
  return sweep;
}

}  // namespace diffsweep
