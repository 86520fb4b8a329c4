// A unit's declared parameters, read as a sweep file's values would be: for the tests of an
// experiment's settings (the declared defaults, ranges and choices, and the struct it reads).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/params.hpp"

namespace diffsweep::test {

// The declared defaults, then each KEY=VALUE of `values` parsed as a sweep file's.
inline Params params_with(const std::vector<ParamSpec>& specs,
                          const std::vector<std::pair<std::string, std::string>>& values) {
  Params p = default_params(specs);
  for (const auto& [key, text] : values)
    p.set(key, parse_param_value(*find_spec(specs, key), text));
  return p;
}

// The message of the ParamError that parsing `text` as `key` throws, checked to name both; "" when
// the value parses.
inline std::string param_error(const std::vector<ParamSpec>& specs, const std::string& key,
                               const std::string& text) {
  try {
    parse_param_value(*find_spec(specs, key), text);
  } catch (const ParamError& e) {
    if (e.key() != key || e.value() != text)
      return "names another key or value: " + std::string(e.what());
    return e.what();
  }
  return "";
}

// What is wrong with the declarations ("" when nothing): a name declared twice, a default that
// does not parse.
inline std::string declaration_problem(const std::vector<ParamSpec>& specs) {
  for (std::size_t i = 0; i < specs.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j)
      if (specs[j].name == specs[i].name) return specs[i].name + " is declared twice";
    if (!specs[i].default_value.empty()) try {
        parse_param_value(specs[i], specs[i].default_value);
      } catch (const ParamError& e) {
        return std::string("default of ") + e.what();
      }
  }
  return "";
}

}  // namespace diffsweep::test
