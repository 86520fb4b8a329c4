#include "runner/sweep/sweep_file.hpp"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/number_text.hpp"
#include "runner/sweep/sweep_file_error.hpp"

namespace diffsweep {

namespace po = boost::program_options;

namespace {

// Below 2^63, so the seed reads back unchanged from HDF5's signed attribute and from tools that
// hold integers as int64 (pandas, h5py).
std::uint64_t parse_seed(const std::string& path, const std::string& value) {
  const auto seed = parse_whole_number(value, 9223372036854775807ULL);
  if (!seed)
    throw SweepFileError(path, "sweep.seed", value,
                         "not a whole number from 0 to 9223372036854775807");
  return *seed;
}

std::int64_t parse_replicates(const std::string& path, const std::string& value) {
  const auto replicates = parse_whole_number(value, 999999);
  if (!replicates || *replicates < 1)
    throw SweepFileError(path, "sweep.replicates", value, "not a whole number from 1 to 999999");
  return static_cast<std::int64_t>(*replicates);
}

}  // namespace

std::string read_sweep_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SweepFileError(path, "cannot be read");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

SweepSpec read_sweep_file(const std::string& path) {
  return parse_sweep_text(path, read_sweep_bytes(path));
}

SweepSpec parse_sweep_text(const std::string& path, const std::string& text) {
  SweepSpec spec;
  spec.path = path;
  spec.text = text;
  spec.name = std::filesystem::path(path).stem().string();

  po::parsed_options parsed(nullptr);
  try {
    std::istringstream stream(spec.text);
    parsed = po::parse_config_file(stream, po::options_description(), /*allow_unregistered=*/true);
  } catch (const po::error& e) {
    throw SweepFileError(path, e.what());
  }

  std::set<std::string> seen_keys;   // "section.key"
  std::set<std::string> seen_names;  // parameter names across [fixed] and [axes]
  std::set<std::string> case_keys;   // parameter names any [case.NAME] sets
  bool have_experiment = false, have_seed = false;
  for (const auto& option : parsed.options) {
    const std::string& full = option.string_key;
    const std::string value = option.value.empty() ? std::string() : option.value.front();
    const auto dot = full.find('.');
    if (dot == std::string::npos)
      throw SweepFileError(path, full, value,
                           "key outside a section ([sweep], [fixed], [axes] or [case.NAME])");
    const std::string section = full.substr(0, dot), key = full.substr(dot + 1);
    if (!seen_keys.insert(full).second) throw SweepFileError(path, full, value, "duplicated key");
    if (section == "case") {
      // Parameter names hold no dot, so the last one ends the case's name.
      const auto last = key.rfind('.');
      if (last == std::string::npos || last == 0)
        throw SweepFileError(path, full, value, "a case section needs a name: [case.NAME]");
      const std::string name = key.substr(0, last), param = key.substr(last + 1);
      if (std::any_of(spec.axes.begin(), spec.axes.end(),
                      [&](const auto& kv) { return kv.first == param; }))
        throw SweepFileError(path, full, value,
                             "given in [axes] too (a case may override [fixed], not [axes])");
      auto it = std::find_if(spec.cases.begin(), spec.cases.end(),
                             [&](const SweepCase& c) { return c.name == name; });
      if (it == spec.cases.end()) it = spec.cases.insert(spec.cases.end(), SweepCase{name, {}});
      it->axes.emplace_back(param, value);
      case_keys.insert(param);
      continue;
    }
    if (section == "sweep") {
      if (key == "experiment") {
        spec.experiment = value;
        have_experiment = true;
      } else if (key == "name") {
        if (value.empty() || value.find('/') != std::string::npos || value[0] == '.')
          throw SweepFileError(path, full, value,
                               "not a usable name (it names results/<name>.h5): empty, starts "
                               "with '.' or holds a '/'");
        spec.name = value;
      } else if (key == "seed") {
        spec.seed = parse_seed(path, value);
        have_seed = true;
      } else if (key == "replicates") {
        spec.replicates = parse_replicates(path, value);
      } else {
        throw SweepFileError(path, full, value,
                             "unknown key (known: experiment, name, seed, replicates)");
      }
    } else if (section == "fixed" || section == "axes") {
      if (!seen_names.insert(key).second)
        throw SweepFileError(path, full, value, "duplicated key (given in [fixed] and [axes])");
      if (section == "axes" && case_keys.count(key))
        throw SweepFileError(
            path, full, value,
            "given in a [case.NAME] too (a case may override [fixed], not [axes])");
      (section == "fixed" ? spec.fixed : spec.axes).emplace_back(key, value);
    } else {
      throw SweepFileError(
          path, full, value,
          "unknown section [" + section + "] (known: sweep, fixed, axes, case.NAME)");
    }
  }
  if (!have_experiment) throw SweepFileError(path, "sweep.experiment", "", "missing");
  if (!have_seed)
    throw SweepFileError(path, "sweep.seed", "", "missing (every sweep names its seed)");
  return spec;
}

}  // namespace diffsweep
