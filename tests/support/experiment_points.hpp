// Building experiment points in tests, and comparing their results bit for bit.
#pragma once

#include <cstring>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>

#include "common/experiment.hpp"

namespace diffsweep::test {

using Overrides = std::initializer_list<std::pair<const char*, const char*>>;

// The experiment's defaults, then `base`, then `kv`, each value parsed as a sweep file's would be.
inline Params point_with(const Experiment& e, Overrides base, Overrides kv) {
  Params p = default_params(e.params());
  for (const auto& list : {base, kv})
    for (auto [k, v] : list) p.set(k, parse_param_value(*find_spec(e.params(), k), v));
  return p;
}

// Bit-identical, NaN included.
inline bool same_bits(const std::map<std::string, double>& a,
                      const std::map<std::string, double>& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end() || std::memcmp(&v, &it->second, sizeof v) != 0) return false;
  }
  return true;
}

}  // namespace diffsweep::test
