#include "runner/sweep/recorded_defaults.hpp"

#include <filesystem>
#include <sstream>

#include "common/errors.hpp"

namespace diffsweep {

KeyValues changed_defaults(const results::ResultsTable& t, const Experiment& experiment) {
  KeyValues changed;
  for (const ParamSpec& spec : experiment.params()) {
    const auto column = t.columns.find(spec.name);
    if (column == t.columns.end()) {
      // Written before the parameter existed: its points ran at the value that leaves it out.
      if (!spec.absent_value.empty() && !spec.default_value.empty() &&
          !leaves_id(spec, parse_param_value(spec, spec.default_value)))
        changed.emplace_back(spec.name, spec.absent_value);
      continue;
    }
    if (column->second.role != results::Role::parameter) continue;
    const std::string& recorded = column->second.default_value;
    if (recorded.empty() || spec.default_value.empty()) continue;
    try {
      if (canonical_text(spec, parse_param_value(spec, recorded)) !=
          canonical_text(spec, parse_param_value(spec, spec.default_value)))
        changed.emplace_back(spec.name, recorded);
    } catch (const ParamError&) {
      // Recorded by a diffsweep whose parameter took other values: not a default this one has.
    }
  }
  return changed;
}

KeyValues changed_defaults(const std::string& path, const Experiment& experiment) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  try {
    return changed_defaults(results::load_results(path, 0), experiment);
  } catch (const Error&) {
    return {};
  }
}

std::string describe_changed_defaults(const KeyValues& changed, const Experiment& experiment) {
  std::string out;
  for (const auto& [name, value] : changed) {
    const ParamSpec* spec = find_spec(experiment.params(), name);
    out += (out.empty() ? "" : ", ") + name + " = " + value +
           " (this diffsweep's default: " + (spec ? spec->default_value : std::string("none")) +
           ")";
  }
  return out;
}

std::string defaults_lines(const KeyValues& changed) {
  std::string out;
  for (const auto& [name, value] : changed) out += name + "=" + value + "\n";
  return out;
}

KeyValues defaults_from_lines(const std::string& lines) {
  KeyValues out;
  std::istringstream in(lines);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) out.emplace_back(line.substr(0, eq), line.substr(eq + 1));
  }
  return out;
}

}  // namespace diffsweep
