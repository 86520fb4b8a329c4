#include "common/params.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/number_text.hpp"

namespace diffsweep {

std::string_view to_string(ParamType type) {
  switch (type) {
    case ParamType::real:
      return "real";
    case ParamType::integer:
      return "integer";
    case ParamType::boolean:
      return "boolean";
    case ParamType::choice:
      return "choice";
  }
  return "?";
}

ParamError::ParamError(std::string key, std::string value, const std::string& reason)
    : std::runtime_error("key '" + key + "': value '" + value + "': " + reason),
      key_(std::move(key)),
      value_(std::move(value)),
      reason_(reason) {}

namespace {

std::string format_bound(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void check_range(const ParamSpec& spec, std::string_view text, double v) {
  if (v < spec.min || v > spec.max)
    throw ParamError(
        spec.name, std::string(text),
        "out of range [" + format_bound(spec.min) + ", " + format_bound(spec.max) + "]");
}

}  // namespace

ParamValue parse_param_value(const ParamSpec& spec, std::string_view text) {
  const std::string t(text);
  switch (spec.type) {
    case ParamType::real: {
      auto v = parse_decimal(text);
      if (!v) throw ParamError(spec.name, t, "not a number");
      check_range(spec, text, *v);
      return *v;
    }
    case ParamType::integer: {
      if (text == "auto" && spec.auto_value) return static_cast<double>(*spec.auto_value);
      auto v = parse_decimal(text);
      if (!v || !std::isfinite(*v) || *v != std::floor(*v) || std::fabs(*v) > 9.007199254740992e15)
        throw ParamError(spec.name, t,
                         spec.auto_value ? "not an integer or auto" : "not an integer");
      check_range(spec, text, *v);
      return *v;
    }
    case ParamType::boolean:
      if (text == "true" || text == "1" || text == "yes") return 1.0;
      if (text == "false" || text == "0" || text == "no") return 0.0;
      throw ParamError(spec.name, t, "not a boolean (true or false)");
    case ParamType::choice: {
      if (std::find(spec.choices.begin(), spec.choices.end(), text) != spec.choices.end()) return t;
      std::string list;
      for (const auto& c : spec.choices) list += (list.empty() ? "" : " | ") + c;
      throw ParamError(spec.name, t, "not one of " + list);
    }
  }
  throw ParamError(spec.name, t, "unknown parameter type");
}

std::string canonical_text(const ParamSpec& spec, const ParamValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  // -0 and 0 are one value, so one point.
  const double v = std::get<double>(value) == 0.0 ? 0.0 : std::get<double>(value);
  char buf[40];
  switch (spec.type) {
    case ParamType::integer:
      std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
      return buf;
    case ParamType::boolean:
      return v != 0.0 ? "true" : "false";
    default:
      std::snprintf(buf, sizeof buf, "%.17g", v);
      return buf;
  }
}

bool leaves_id(const ParamSpec& spec, const ParamValue& value) {
  return !spec.absent_value.empty() &&
         canonical_text(spec, value) ==
             canonical_text(spec, parse_param_value(spec, spec.absent_value));
}

std::string display_text(const ParamValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  return display_number(std::get<double>(value));
}

void Params::set(const std::string& name, ParamValue value) { values_[name] = std::move(value); }

bool Params::has(std::string_view name) const { return values_.find(name) != values_.end(); }

const ParamValue& Params::at(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end())
    throw std::out_of_range("parameter '" + std::string(name) + "' has no value");
  return it->second;
}

double Params::real(std::string_view name) const {
  const auto* v = std::get_if<double>(&at(name));
  if (!v) throw std::logic_error("parameter '" + std::string(name) + "' is not numeric");
  return *v;
}

std::int64_t Params::integer(std::string_view name) const {
  return static_cast<std::int64_t>(real(name));
}

bool Params::boolean(std::string_view name) const { return real(name) != 0.0; }

const std::string& Params::choice(std::string_view name) const {
  const auto* v = std::get_if<std::string>(&at(name));
  if (!v) throw std::logic_error("parameter '" + std::string(name) + "' is not a choice");
  return *v;
}

const ParamSpec* find_spec(const std::vector<ParamSpec>& specs, std::string_view name) {
  for (const auto& s : specs)
    if (s.name == name) return &s;
  return nullptr;
}

Params default_params(const std::vector<ParamSpec>& specs) {
  Params p;
  for (const auto& s : specs)
    if (!s.default_value.empty()) p.set(s.name, parse_param_value(s, s.default_value));
  return p;
}

}  // namespace diffsweep
