#include "runner/sweep/file_sweep.hpp"

#include <sstream>
#include <vector>

#include "common/errors.hpp"
#include "experiment_registry.hpp"
#include "results_io/results_format.hpp"
#include "runner/sweep/recorded_defaults.hpp"

namespace diffsweep {

namespace file_attribute = results::file_attribute;

std::string required_attribute(const results::ResultsTable& t, const std::string& name,
                               const std::string& use) {
  if (auto v = t.attribute(name)) return *v;
  throw InputError(t.path + ": no '" + name + "' attribute; not " + use);
}

FileSweep sweep_of(const results::ResultsTable& t, const std::string& use) {
  // Format 2 is the first to record the sweep's overrides.
  constexpr std::int64_t oldest = 2;
  if (t.format_version < oldest || t.format_version > results::format_version)
    throw InputError(t.path + ": format " + std::to_string(t.format_version) + "; " + use +
                     " reads formats " + std::to_string(oldest) + " to " +
                     std::to_string(results::format_version) +
                     " (rerun the sweep with this diffsweep)");
  const std::string what = "a file diffsweep can " + use;
  FileSweep f;
  f.spec = parse_sweep_text(required_attribute(t, file_attribute::sweep_file, what),
                            required_attribute(t, file_attribute::sweep_text, what));
  std::vector<std::string> overrides;
  std::stringstream in(required_attribute(t, file_attribute::overrides, what));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) overrides.push_back(line);
  apply_overrides(f.spec, overrides);
  f.experiment = make_experiment(f.spec.experiment);
  if (!f.experiment) throw InputError(t.path + ": unknown experiment '" + f.spec.experiment + "'");
  f.spec.recorded_defaults = changed_defaults(t, *f.experiment);
  f.sweep = expand_sweep(f.spec, *f.experiment);
  const std::string hash = required_attribute(t, file_attribute::sweep_hash, what);
  if (results::hex_id(f.sweep.hash) != hash)
    throw InputError(t.path + ": its sweep text gives hash " + results::hex_id(f.sweep.hash) +
                     ", not the " + hash + " it records (written by another diffsweep version?)");
  return f;
}

}  // namespace diffsweep
