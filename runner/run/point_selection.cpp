#include "runner/run/point_selection.hpp"

#include <sstream>

#include "common/errors.hpp"
#include "common/number_text.hpp"
#include "runner/sweep/axis_values.hpp"

namespace diffsweep {

namespace {

// Not a parameter: the replicate index, which a condition may name as a parameter.
constexpr const char* replicate_key = "replicate";

}  // namespace

PointSelection::PointSelection(const std::string& only, std::optional<Shard> shard,
                               const Sweep& sweep)
    : sweep_(&sweep), only_(only), shard_(shard) {
  std::stringstream in(only);
  for (std::string item; std::getline(in, item, ',');) {
    item = trim(item);
    if (item.empty()) throw InputError("--only '" + only + "': an empty condition");
    const auto eq = item.find('=');
    if (eq == std::string::npos) {
      // An index or a range A-B.
      const auto dash = item.find('-');
      const auto a = parse_whole_number(item.substr(0, dash), sweep.size());
      const auto b = dash == std::string::npos
                         ? a
                         : parse_whole_number(item.substr(dash + 1), ~std::uint64_t{0});
      if (!a || !b || *b < *a || *a >= sweep.size())
        throw InputError("--only: '" + item + "' is not KEY=VALUE, an index or a range A-B of " +
                         "the sweep's " + std::to_string(sweep.size()) + " points");
      ranges_.emplace_back(*a, std::min<std::uint64_t>(*b, sweep.size() - 1));
      continue;
    }
    const std::string key = trim(item.substr(0, eq)), value = trim(item.substr(eq + 1));
    if (key == replicate_key) {
      const auto r = parse_whole_number(value, ~std::uint64_t{0});
      if (!r || *r >= static_cast<std::uint64_t>(sweep.spec.replicates))
        throw InputError("--only: replicate '" + value + "' is not one of 0 .. " +
                         std::to_string(sweep.spec.replicates - 1));
      conditions_.push_back({key, std::to_string(*r)});
      continue;
    }
    const ParamSpec* spec = find_spec(sweep.experiment().params(), key);
    if (!spec)
      throw InputError("--only: '" + key + "' is not a parameter of experiment '" +
                       std::string(sweep.experiment().name()) + "'");
    try {
      conditions_.push_back({key, canonical_text(*spec, parse_param_value(*spec, value))});
    } catch (const ParamError& e) {
      throw InputError("--only: key '" + key + "': value '" + value + "': " + e.reason());
    }
  }
}

bool PointSelection::contains(std::size_t index) const {
  if (shard_ && index % shard_->n != shard_->k - 1) return false;
  if (!ranges_.empty()) {
    bool in = false;
    for (const auto& [a, b] : ranges_) in = in || (index >= a && index <= b);
    if (!in) return false;
  }
  for (const auto& c : conditions_) {
    if (c.key == replicate_key) {
      if (std::to_string(sweep_->replicate(index)) != c.canonical) return false;
      continue;
    }
    const ParamValue* v = sweep_->value(index, c.key);
    if (!v || canonical_text(*find_spec(sweep_->experiment().params(), c.key), *v) != c.canonical)
      return false;
  }
  return true;
}

bool PointSelection::selects_any() const {
  for (std::size_t i = 0; i < sweep_->size(); ++i)
    if (contains(i)) return true;
  return false;
}

std::string PointSelection::describe() const {
  std::string out;
  if (shard_) out = "shard " + std::to_string(shard_->k) + "/" + std::to_string(shard_->n);
  if (!only_.empty()) out += (out.empty() ? "" : ", ") + std::string("only ") + only_;
  return out;
}

}  // namespace diffsweep
