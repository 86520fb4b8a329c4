#include "runner/sweep/sweep_expansion.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "common/number_text.hpp"
#include "common/seeding.hpp"
#include "results_io/results_format.hpp"
#include "runner/sweep/axis_values.hpp"
#include "runner/sweep/sweep_file_error.hpp"

namespace diffsweep {

std::uint64_t point_id_of(const Experiment& experiment, const Params& params,
                          std::int64_t replicate) {
  // Params keeps its values sorted by name, so the text does not depend on file order.
  std::string text = std::string(experiment.name()) + "\n";
  for (const auto& [name, value] : params.values()) {
    const ParamSpec& spec = *find_spec(experiment.params(), name);
    if (!leaves_id(spec, value)) text += name + "=" + canonical_text(spec, value) + "\n";
  }
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
    throw SweepFileError(sweep.where(section + "." + key), section + "." + key, value,
                         "unknown parameter of experiment '" + std::string(experiment.name()) +
                             "' (see diffsweep --describe " + std::string(experiment.name()) + ")");
  return *spec;
}

ParamValue parse_for(const SweepSpec& sweep, const std::string& section, const ParamSpec& spec,
                     const std::string& value) {
  try {
    return parse_param_value(spec, value);
  } catch (const ParamError& e) {
    throw SweepFileError(sweep.where(section + "." + spec.name), section + "." + spec.name, value,
                         e.reason());
  }
}

// An axis of the values `texts`; `value` is what the file gave, for messages.
Sweep::Axis axis_of(const SweepSpec& spec, const Experiment& experiment, const std::string& section,
                    const std::string& key, const std::vector<std::string>& texts,
                    const std::string& value) {
  const ParamSpec& ps = spec_for(spec, experiment, section, key, value);
  Sweep::Axis axis{key, section, {}, {}, {}};
  std::set<std::string> seen;
  for (const auto& t : texts) {
    axis.values.push_back(parse_for(spec, section, ps, t));
    axis.canonical.push_back(canonical_text(ps, axis.values.back()));
    axis.in_id.push_back(!leaves_id(ps, axis.values.back()));
    if (!seen.insert(axis.canonical.back()).second)
      throw SweepFileError(spec.where(section + "." + key), section + "." + key, value,
                           "value '" + t + "' appears twice (the points would be the same)");
  }
  return axis;
}

Sweep::Axis parse_axis(const SweepSpec& spec, const Experiment& experiment,
                       const std::string& section, const std::string& key,
                       const std::string& value) {
  std::vector<std::string> texts;
  try {
    texts = expand_axis_values(value);
  } catch (const std::invalid_argument& e) {
    throw SweepFileError(spec.where(section + "." + key), section + "." + key, value, e.what());
  }
  return axis_of(spec, experiment, section, key, texts, value);
}

// The id text's pieces for a block, in parameter-name order (the order of Params::values()).
std::vector<Sweep::Block::IdPiece> id_pieces(const Experiment& experiment, const Params& base,
                                             const std::vector<Sweep::Axis>& axes) {
  std::set<std::string> names;
  for (const auto& [name, value] : base.values()) names.insert(name);
  for (const auto& a : axes) names.insert(a.key);
  std::vector<Sweep::Block::IdPiece> pieces;
  for (const auto& name : names) {
    const auto axis =
        std::find_if(axes.begin(), axes.end(), [&](const Sweep::Axis& a) { return a.key == name; });
    if (axis != axes.end()) {
      pieces.push_back({name + "=", static_cast<int>(axis - axes.begin())});
      continue;
    }
    const ParamSpec& spec = *find_spec(experiment.params(), name);
    const ParamValue& value = base.values().at(name);
    if (leaves_id(spec, value)) continue;
    const std::string text = name + "=" + canonical_text(spec, value) + "\n";
    // Runs of fixed parameters hash as one piece.
    if (!pieces.empty() && pieces.back().axis < 0)
      pieces.back().text += text;
    else
      pieces.push_back({text, -1});
  }
  return pieces;
}

}  // namespace

const Sweep::Block& Sweep::block_of(std::size_t index) const {
  if (index >= size_)
    throw std::out_of_range("point index " + std::to_string(index) + " is beyond the sweep's " +
                            std::to_string(size_) + " points");
  // Blocks are few (one per case): a linear scan is cheaper than a search.
  std::size_t b = 0;
  while (b + 1 < blocks_.size() && blocks_[b + 1].first <= index) ++b;
  return blocks_[b];
}

std::size_t Sweep::digit(const Block& block, std::size_t grid_index, std::size_t axis) const {
  return grid_index / block.stride[axis] % block.axes[axis].values.size();
}

void Sweep::digits(const Block& block, std::size_t grid_index,
                   std::vector<std::size_t>& out) const {
  out.resize(block.axes.size());
  for (std::size_t a = 0; a < out.size(); ++a) out[a] = digit(block, grid_index, a);
}

std::uint64_t Sweep::id_hash(std::size_t index, int skip_axis) const {
  const Block& block = block_of(index);
  const std::size_t local = index - block.first;
  const std::size_t grid_index = local / replicates();
  // The hash streams its pieces (no strings built, no allocation): it is computed for every
  // point handed out and every record stored.
  std::uint64_t h = block.id_prefix_hash;
  for (std::size_t k = block.id_first_piece; k < block.id_pieces.size(); ++k) {
    const auto& piece = block.id_pieces[k];
    if (piece.axis < 0) {
      h = fnv1a64(piece.text, h);
      continue;
    }
    if (piece.axis == skip_axis) continue;
    const auto a = static_cast<std::size_t>(piece.axis);
    const std::size_t d = digit(block, grid_index, a);
    if (!block.axes[a].in_id[d]) continue;
    h = fnv1a64(block.axes[a].canonical[d], fnv1a64(piece.text, h));
    h = fnv1a64("\n", h);
  }
  char replicate[24];
  const auto end = std::to_chars(replicate, replicate + sizeof replicate, local % replicates()).ptr;
  h = fnv1a64(std::string_view(replicate, static_cast<std::size_t>(end - replicate)),
              fnv1a64("replicate=", h));
  return mix64(h);
}

std::uint64_t Sweep::point_id(std::size_t index) const { return id_hash(index, -1); }

std::uint64_t Sweep::seed(std::size_t index, std::uint64_t point_id) const {
  if (!refine || !refine->search.common_seeds) return derive_seed(spec.seed, point_id);
  // The refined axis is the last of every block.
  const int axis = static_cast<int>(block_of(index).axes.size()) - 1;
  return derive_seed(spec.seed, id_hash(index, axis));
}

const ParamValue* Sweep::value(std::size_t index, const std::string& name) const {
  const Block& block = block_of(index);
  for (std::size_t a = 0; a < block.axes.size(); ++a) {
    if (block.axes[a].key != name) continue;
    std::size_t g = (index - block.first) / replicates();
    for (std::size_t b = block.axes.size(); --b > a;) g /= block.axes[b].values.size();
    return &block.axes[a].values[g % block.axes[a].values.size()];
  }
  const auto it = base_.values().find(name);
  return it == base_.values().end() ? nullptr : &it->second;
}

bool Sweep::sets_everywhere(const std::string& name) const {
  if (base_.has(name)) return true;
  return std::all_of(blocks_.begin(), blocks_.end(), [&](const Block& b) {
    return std::any_of(b.axes.begin(), b.axes.end(), [&](const Axis& a) { return a.key == name; });
  });
}

std::size_t Sweep::refine_groups() const {
  std::size_t groups = 0;
  for (const auto& block : blocks_) groups += block.grid / lattice.size();
  return groups;
}

std::size_t Sweep::refine_point(std::size_t group, std::size_t lattice_index,
                                std::size_t replicate) const {
  for (const auto& block : blocks_) {
    const std::size_t here = block.grid / lattice.size();
    if (group < here)
      return block.first + ((group * lattice.size() + lattice_index) * replicates()) + replicate;
    group -= here;
  }
  throw std::out_of_range("no refine group " + std::to_string(group));
}

std::vector<std::vector<Sweep::SequentialRow>> Sweep::find_sequential_settings() const {
  const SequentialSpec& s = *sequential;
  std::vector<std::vector<SequentialRow>> settings;
  std::unordered_map<std::uint64_t, std::size_t> setting_of;
  std::set<std::string> references_seen;
  for (const Block& block : blocks_) {
    int axis = -1;
    for (std::size_t a = 0; a < block.axes.size(); ++a)
      if (block.axes[a].key == s.axis) axis = static_cast<int>(a);
    for (std::size_t g = 0; g < block.grid; ++g) {
      const std::size_t first = block.first + g * replicates();
      std::string text;
      std::uint64_t setting = 0;
      if (s.compares_cases()) {
        // A row is a case and the values of its own axes of several values; a setting, the values
        // of the [axes] axes.
        text = block.name;
        std::string own, shared;
        for (std::size_t a = 0; a < block.axes.size(); ++a) {
          const Axis& x = block.axes[a];
          const std::string& value = x.canonical[digit(block, g, a)];
          if (x.section == "axes")
            shared += x.key + "=" + value + "\n";
          else if (x.values.size() > 1)
            own += (own.empty() ? "" : ", ") + x.key + "=" +
                   display_text(x.values[digit(block, g, a)]);
        }
        if (!own.empty()) text += " (" + own + ")";
        setting = fnv1a64(shared);
      } else {
        const ParamValue* v = value(first, s.axis);
        text = v ? display_text(*v) : std::string();
        setting = id_hash(first, axis);
      }
      references_seen.insert(text);
      // A block without the axis compares nothing: its points are settings of their own.
      const bool alone = axis < 0 && !s.compares_cases();
      const auto [it, fresh] = setting_of.emplace(setting, settings.size());
      if (fresh || alone) settings.emplace_back();
      settings[alone ? settings.size() - 1 : it->second].push_back({text, first});
    }
  }
  for (const std::string& reference : s.references)
    if (!references_seen.count(reference))
      throw SweepFileError(spec.where("sequential.reference"), "sequential.reference", reference,
                           s.compares_cases() ? "not the name of a [case.NAME] row"
                                              : "not a value of the axis " + s.axis);
  return settings;
}

SweepPoint Sweep::point(std::size_t index) const {
  const Block& block = block_of(index);
  const std::size_t local = index - block.first;
  std::vector<std::size_t> d;
  digits(block, local / replicates(), d);
  SweepPoint p;
  p.index = index;
  p.replicate = static_cast<std::int64_t>(local % replicates());
  p.params = base_;
  for (std::size_t a = 0; a < block.axes.size(); ++a)
    p.params.set(block.axes[a].key, block.axes[a].values[d[a]]);
  p.point_id = point_id(index);
  p.seed = seed(index, p.point_id);
  return p;
}

SweepPoint Sweep::point(std::size_t index, std::uint32_t attempt, bool reseed) const {
  SweepPoint p = point(index);
  if (reseed && attempt > 1) p.seed = derive_seed(spec.seed, mix64(p.point_id + attempt));
  return p;
}

Sweep open_sweep(const SweepSpec& spec, const Experiment& experiment) {
  Sweep sweep;
  sweep.spec = spec;
  sweep.experiment_ = &experiment;
  sweep.base_ = default_params(experiment.params());
  for (const auto& [key, value] : spec.recorded_defaults)
    sweep.base_.set(key, parse_param_value(*find_spec(experiment.params(), key), value));
  for (const auto& [key, value] : spec.fixed)
    sweep.base_.set(
        key, parse_for(spec, "fixed", spec_for(spec, experiment, "fixed", key, value), value));

  std::vector<Sweep::Axis> common;
  for (const auto& [key, value] : spec.axes)
    common.push_back(parse_axis(spec, experiment, "axes", key, value));
  // A case's own axes vary slower than [axes]: each case reads as its own nested loops.
  for (const auto& c : spec.cases) {
    Sweep::Block block;
    block.name = c.name;
    for (const auto& [key, value] : c.axes)
      block.axes.push_back(parse_axis(spec, experiment, "case." + c.name, key, value));
    block.axes.insert(block.axes.end(), common.begin(), common.end());
    sweep.blocks_.push_back(std::move(block));
  }
  if (sweep.blocks_.empty()) {
    sweep.blocks_.emplace_back();
    sweep.blocks_.back().axes = common;
  }
  sweep.refine = read_refine(spec, experiment);
  sweep.sequential = read_sequential(spec, experiment);
  if (sweep.sequential)
    sweep.spec.replicates = static_cast<std::int64_t>(sweep.sequential->settings.budget);
  if (sweep.refine) {
    // The refined axis varies fastest, so one combination's lattice is a run of rows.
    sweep.lattice = crossing_lattice(sweep.refine->search);
    std::vector<std::string> texts;
    for (double v : sweep.lattice) texts.push_back(exact_number(v));
    const auto range = find_key(spec.refine, "range");
    const Sweep::Axis axis =
        axis_of(spec, experiment, "refine", sweep.refine->axis, texts, range->second);
    for (auto& block : sweep.blocks_) block.axes.push_back(axis);
  }
  // Listed as the points vary them: the cases' own axes first, then [axes].
  for (const auto& c : spec.cases)
    for (const auto& kv : c.axes)
      if (std::find(sweep.axis_names.begin(), sweep.axis_names.end(), kv.first) ==
          sweep.axis_names.end())
        sweep.axis_names.push_back(kv.first);
  for (const auto& axis : common) sweep.axis_names.push_back(axis.key);
  if (sweep.refine) sweep.axis_names.push_back(sweep.refine->axis);

  const auto reps = static_cast<std::size_t>(sweep.spec.replicates);
  const std::string limit = std::to_string(max_sweep_points);
  for (auto& block : sweep.blocks_) {
    for (const auto& a : block.axes) {
      if (block.grid > max_sweep_points / a.values.size())
        throw SweepFileError(spec.where(a.section + "." + a.key), a.section + "." + a.key,
                             std::to_string(a.values.size()) + " values",
                             "the sweep would have more than " + limit + " points");
      block.grid *= a.values.size();
    }
    if (block.grid > max_sweep_points / reps ||
        sweep.size_ + block.grid * reps > max_sweep_points) {
      // A [sequential] sweep's replicates are its budget.
      const std::string key = sweep.sequential ? "sequential.budget" : "sweep.replicates";
      throw SweepFileError(spec.where(key), key, std::to_string(reps),
                           "the sweep would have more than " + limit + " points");
    }
    block.first = sweep.size_;
    sweep.size_ += block.grid * reps;
    block.id_pieces = id_pieces(experiment, sweep.base_, block.axes);
    block.id_prefix_hash = fnv1a64("\n", fnv1a64(experiment.name()));
    block.id_first_piece = 0;
    for (const auto& piece : block.id_pieces) {
      if (piece.axis >= 0) break;
      block.id_prefix_hash = fnv1a64(piece.text, block.id_prefix_hash);
      ++block.id_first_piece;
    }
    block.stride.assign(block.axes.size(), 1);
    for (std::size_t a = block.axes.size(); a-- > 1;)
      block.stride[a - 1] = block.stride[a] * block.axes[a].values.size();
  }
  return sweep;
}

Sweep expand_sweep(const SweepSpec& spec, const Experiment& experiment) {
  Sweep sweep = open_sweep(spec, experiment);
  // Every grid point's parameters together, as the experiment checks them.
  for (const auto& block : sweep.blocks_) {
    Params params = sweep.base_;
    std::vector<std::size_t> d;
    for (std::size_t g = 0; g < block.grid; ++g) {
      sweep.digits(block, g, d);
      for (std::size_t a = 0; a < block.axes.size(); ++a)
        params.set(block.axes[a].key, block.axes[a].values[d[a]]);
      try {
        experiment.validate(params);
      } catch (const ParamError& e) {
        throw SweepFileError(spec.where(e.key()), e.key(), e.value(), e.reason());
      }
    }
  }
  std::uint64_t h =
      fnv1a64(std::string(experiment.name()) + "\n" + std::to_string(spec.seed) + "\n");
  // Common seeds change every point's seed but no point's id.
  if (sweep.refine && sweep.refine->search.common_seeds) h = fnv1a64("seeds=common\n", h);
  std::vector<std::uint64_t> ids;
  const bool cases = sweep.blocks_.size() > 1;
  if (cases) ids.reserve(sweep.size());
  for (std::size_t i = 0; i < sweep.size(); ++i) {
    const std::uint64_t id = sweep.point_id(i);
    char digits[16];
    results::hex_id_digits(id, digits);
    h = fnv1a64("\n", fnv1a64(std::string_view(digits, sizeof digits), h));
    if (cases) ids.push_back(id);
  }
  sweep.hash = h;
  if (sweep.sequential) sweep.sequential_settings = sweep.find_sequential_settings();
  // A point two cases share would run twice: its id does not depend on the case.
  if (cases) {
    std::vector<std::uint64_t> sorted = ids;
    std::sort(sorted.begin(), sorted.end());
    const auto dup = std::adjacent_find(sorted.begin(), sorted.end());
    if (dup != sorted.end()) {
      const auto first = std::find(ids.begin(), ids.end(), *dup);
      const auto second = std::find(first + 1, ids.end(), *dup);
      const std::string& earlier =
          sweep.block_of(static_cast<std::size_t>(first - ids.begin())).name;
      const std::string& later =
          sweep.block_of(static_cast<std::size_t>(second - ids.begin())).name;
      throw SweepFileError(
          spec.where("case." + later), "case." + later, "",
          "repeats points of case '" + earlier + "' (each point may be in one case only)");
    }
  }
  return sweep;
}

}  // namespace diffsweep
