#include "sweep_file.hpp"

#include <boost/program_options.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "errors.hpp"

namespace diffsweep {

namespace po = boost::program_options;

namespace {

// Below 2^63, so the seed reads back unchanged from HDF5's signed attribute and from tools that
// hold integers as int64 (pandas, h5py).
std::uint64_t parse_seed(const std::string& path, const std::string& value) {
  constexpr std::uint64_t limit = 9223372036854775807ULL;
  if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos ||
      value.size() > 19 || std::stoull(value) > limit)
    throw SweepFileError(path, "sweep.seed", value,
                         "not a whole number from 0 to 9223372036854775807");
  return std::stoull(value);
}

std::int64_t parse_replicates(const std::string& path, const std::string& value) {
  if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos ||
      value.size() > 6 || std::stol(value) < 1)
    throw SweepFileError(path, "sweep.replicates", value, "not a whole number from 1 to 999999");
  return std::stol(value);
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
  bool have_experiment = false, have_seed = false;
  for (const auto& option : parsed.options) {
    const std::string& full = option.string_key;
    const std::string value = option.value.empty() ? std::string() : option.value.front();
    const auto dot = full.find('.');
    if (dot == std::string::npos)
      throw SweepFileError(path, full, value, "key outside a section ([sweep], [fixed] or [axes])");
    const std::string section = full.substr(0, dot), key = full.substr(dot + 1);
    if (!seen_keys.insert(full).second) throw SweepFileError(path, full, value, "duplicated key");
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
      (section == "fixed" ? spec.fixed : spec.axes).emplace_back(key, value);
    } else {
      throw SweepFileError(path, full, value,
                           "unknown section [" + section + "] (known: sweep, fixed, axes)");
    }
  }
  if (!have_experiment) throw SweepFileError(path, "sweep.experiment", "", "missing");
  if (!have_seed)
    throw SweepFileError(path, "sweep.seed", "", "missing (every sweep names its seed)");
  return spec;
}

}  // namespace diffsweep
