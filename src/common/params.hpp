// Typed experiment parameters: what an experiment declares (ParamSpec) and what a sweep point
// hands it (Params). Values are validated once, when the sweep is read, so experiment code can
// read them without re-checking.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace diffsweep {

enum class ParamType { real, integer, boolean, choice };

std::string_view to_string(ParamType type);

// One declared parameter. `default_value` is text in the same syntax a sweep file uses; an
// empty default makes the parameter optional (Params::has tells whether a point set it).
struct ParamSpec {
  std::string name;
  ParamType type = ParamType::real;
  std::string default_value;
  double min = -std::numeric_limits<double>::infinity();  // inclusive, real and integer only
  double max = std::numeric_limits<double>::infinity();
  std::vector<std::string> choices;        // choice only
  std::optional<std::int64_t> auto_value;  // integer only: the word `auto` parses to this
  std::string doc;
  std::string units = {};  // real and integer only: CF units ("ms"); empty for a pure number
  // For a parameter added after results were written: the value at which the experiment computes
  // what it did before the parameter existed. A point at that value leaves the parameter out of
  // its id, so files written before it keep their ids (they resume and extend), and a file with
  // no column for it ran at that value. Empty for a parameter the experiment had from the start.
  std::string absent_value = {};
};

// A parameter value that failed to parse or is out of range. The runner adds the file name.
class ParamError : public std::runtime_error {
 public:
  ParamError(std::string key, std::string value, const std::string& reason);
  const std::string& key() const { return key_; }
  const std::string& value() const { return value_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string key_, value_, reason_;
};

// Reals, integers and booleans are held as double (integers are exact up to 2^53, far beyond any
// parameter here); choices as their text.
using ParamValue = std::variant<double, std::string>;

ParamValue parse_param_value(const ParamSpec& spec, std::string_view text);

// Canonical text of a value: the same value always gives the same text (reals with 17 significant
// digits), so it can be hashed into a point id.
std::string canonical_text(const ParamSpec& spec, const ParamValue& value);

// Whether `value` leaves the parameter out of a point's id (ParamSpec::absent_value).
bool leaves_id(const ParamSpec& spec, const ParamValue& value);

// A value as a person reads it (summary table, --dry-run): choices as written, numbers as
// display_number shows them.
std::string display_text(const ParamValue& value);

// The resolved parameters of one point: every declared parameter that has a value.
class Params {
 public:
  void set(const std::string& name, ParamValue value);
  bool has(std::string_view name) const;
  double real(std::string_view name) const;
  std::int64_t integer(std::string_view name) const;
  bool boolean(std::string_view name) const;
  const std::string& choice(std::string_view name) const;
  const std::map<std::string, ParamValue, std::less<>>& values() const { return values_; }

 private:
  const ParamValue& at(std::string_view name) const;
  std::map<std::string, ParamValue, std::less<>> values_;
};

// The text of each value of an enum that a `choice` parameter selects: the one table that both the
// parameter's declared choices and the value a point reads come from, so each choice is spelled
// once, and code that names a choice names an enumerator (a typo does not compile).
template <class Enum, std::size_t N>
using ChoiceTable = std::array<std::pair<Enum, std::string_view>, N>;

template <class Enum, std::size_t N>
std::vector<std::string> choice_texts(const ChoiceTable<Enum, N>& table) {
  std::vector<std::string> texts;
  for (const auto& entry : table) texts.emplace_back(entry.second);
  return texts;
}

// The enumerator a point's choice names. Params were checked against the declared choices when
// the sweep was read, so an unknown text is a bug (std::logic_error), not bad input.
template <class Enum, std::size_t N>
Enum read_choice(const Params& params, std::string_view name, const ChoiceTable<Enum, N>& table) {
  const std::string& text = params.choice(name);
  for (const auto& [value, t] : table)
    if (t == text) return value;
  throw std::logic_error("parameter '" + std::string(name) + "' has an undeclared choice '" + text +
                         "'");
}

template <class Enum, std::size_t N>
std::string_view choice_text(Enum value, const ChoiceTable<Enum, N>& table) {
  for (const auto& [v, t] : table)
    if (v == value) return t;
  return "?";
}

const ParamSpec* find_spec(const std::vector<ParamSpec>& specs, std::string_view name);

// Params holding every declared default (optional parameters stay unset).
Params default_params(const std::vector<ParamSpec>& specs);

}  // namespace diffsweep
