#include "runner/sweep/sweep_file.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/number_text.hpp"
#include "common/seeding.hpp"
#include "results_io/results_format.hpp"
#include "runner/sweep/axis_values.hpp"
#include "runner/sweep/sweep_file_error.hpp"

namespace diffsweep {

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

std::string SweepSpec::where(const std::string& key) const {
  auto it = lines.find(key);
  if (it == lines.end())
    it = std::find_if(lines.begin(), lines.end(), [&](const auto& kv) {
      return kv.first.size() > key.size() &&
             kv.first.compare(kv.first.size() - key.size() - 1, std::string::npos, "." + key) == 0;
    });
  if (it == lines.end()) return path;
  return it->second == 0 ? "the command line" : path + ":" + std::to_string(it->second);
}

namespace {

struct Entry {
  std::string key;  // "section.key"
  std::string value;
  int line = 0;
};

struct SectionLine {
  std::string name;
  int line = 0;
};

struct IniFile {
  std::vector<Entry> entries;
  std::vector<SectionLine> sections;  // every [section] line, keys or not
};

// The file's key = value lines, each with its section and line number, and its section lines.
IniFile parse_ini(const std::string& path, std::string_view text) {
  constexpr std::size_t max_line = std::size_t{64} << 20;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  IniFile ini;
  std::vector<Entry>& entries = ini.entries;
  std::string section;
  int number = 0;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view raw = text.substr(start, end - start);
    start = end + 1;
    ++number;
    const std::string at = path + ":" + std::to_string(number);
    if (raw.size() > max_line)
      throw SweepFileError(at, "a line of " + std::to_string(raw.size()) +
                                   " bytes (at most 64 MB): is this a sweep file?");
    if (raw.find('\0') != std::string_view::npos)
      throw SweepFileError(at, "a NUL byte: is this a sweep file?");
    std::string line = trim(raw.substr(0, raw.find('#')));
    if (line.empty() || line[0] == ';') continue;
    if (line.front() == '[') {
      if (line.back() != ']') throw SweepFileError(at, "a section line must end with ']'");
      section = trim(std::string_view(line).substr(1, line.size() - 2));
      if (section.empty()) throw SweepFileError(at, "an empty section name []");
      ini.sections.push_back({section, number});
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string::npos)
      throw SweepFileError(at, "'" + printable(line, 60) +
                                   "' is not a 'key = value' line, a [section] or a comment");
    const std::string key = trim(std::string_view(line).substr(0, eq));
    if (key.empty()) throw SweepFileError(at, "a line with no key before '='");
    entries.push_back({section.empty() ? key : section + "." + key,
                       trim(std::string_view(line).substr(eq + 1)), number});
  }
  return ini;
}

// The sections a sweep file may have ([case.NAME] with a name).
bool known_section(const std::string& name) {
  for (const char* known : {"sweep", "fixed", "axes", "refine", "sequential"})
    if (name == known) return true;
  return name.rfind("case.", 0) == 0 && name.size() > 5;
}

std::string unknown_section(const std::string& name) {
  return "unknown section [" + name +
         "] (known: sweep, fixed, axes, case.NAME, refine, sequential)";
}

// Letters, digits and . _ - only, not starting with '.': the name is a file name on every system.
bool usable_name(const std::string& name) {
  if (name.empty() || name.size() > max_name_length || name[0] == '.') return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace

KeyValues::const_iterator find_key(const KeyValues& entries, std::string_view key) {
  return std::find_if(entries.begin(), entries.end(),
                      [&](const auto& kv) { return kv.first == key; });
}

SweepSpec parse_sweep_text(const std::string& path, const std::string& text) {
  SweepSpec spec;
  spec.path = path;
  spec.text = text;
  spec.name = std::filesystem::path(path).stem().string();
  const IniFile ini = parse_ini(path, text);
  const std::vector<Entry>& entries = ini.entries;
  for (const auto& e : entries) spec.lines.emplace(e.key, e.line);
  // A section with keys is refused at its first unknown key (below), naming the key; one with
  // none would otherwise pass unnoticed, though it is as surely a mistake.
  for (std::size_t i = 0; i < ini.sections.size(); ++i) {
    const SectionLine& s = ini.sections[i];
    const int next = i + 1 < ini.sections.size() ? ini.sections[i + 1].line : INT_MAX;
    if (!known_section(s.name) && std::none_of(entries.begin(), entries.end(), [&](const Entry& e) {
          return e.line > s.line && e.line < next;
        }))
      throw SweepFileError(path + ":" + std::to_string(s.line), unknown_section(s.name));
  }

  std::set<std::string> seen_keys;   // "section.key"
  std::set<std::string> seen_names;  // parameter names across [fixed] and [axes]
  std::set<std::string> case_keys;   // parameter names any [case.NAME] sets
  bool have_experiment = false, have_seed = false;
  for (const auto& entry : entries) {
    const std::string& full = entry.key;
    const std::string& value = entry.value;
    const std::string where = path + ":" + std::to_string(entry.line);
    const auto dot = full.find('.');
    if (dot == std::string::npos)
      throw SweepFileError(where, full, value,
                           "key outside a section ([sweep], [fixed], [axes] or [case.NAME])");
    const std::string section = full.substr(0, dot), key = full.substr(dot + 1);
    if (!seen_keys.insert(full).second) throw SweepFileError(where, full, value, "duplicated key");
    if (section == "case") {
      // Parameter names hold no dot, so the last one ends the case's name.
      const auto last = key.rfind('.');
      if (last == std::string::npos || last == 0)
        throw SweepFileError(where, full, value, "a case section needs a name: [case.NAME]");
      const std::string name = key.substr(0, last), param = key.substr(last + 1);
      if (has_key(spec.axes, param))
        throw SweepFileError(where, full, value,
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
        if (!usable_name(value))
          throw SweepFileError(where, full, value,
                               "not a usable name (it names results/<name>.h5): 1 to " +
                                   std::to_string(max_name_length) +
                                   " letters, digits, '.', '_' or '-', not starting with '.'");
        spec.name = value;
      } else if (key == "seed") {
        spec.seed = parse_seed(where, value);
        have_seed = true;
      } else if (key == "replicates") {
        spec.replicates = parse_replicates(where, value);
      } else if (key == "command") {
        if (value.empty()) throw SweepFileError(where, full, value, "an empty command");
        spec.command = value;
      } else if (key == "timeout" || key == "declare_timeout") {
        const auto seconds = parse_decimal(value);
        if (!seconds || !(*seconds > 0) || !std::isfinite(*seconds))
          throw SweepFileError(where, full, value, "not a number of seconds above 0");
        (key == "timeout" ? spec.timeout_seconds : spec.declare_timeout_seconds) = *seconds;
      } else {
        throw SweepFileError(where, full, value,
                             "unknown key (known: experiment, name, seed, replicates, command, "
                             "timeout, declare_timeout)");
      }
    } else if (section == "refine") {
      spec.refine.emplace_back(key, value);
    } else if (section == "sequential") {
      spec.sequential.emplace_back(key, value);
    } else if (section == "fixed" || section == "axes") {
      if (!seen_names.insert(key).second)
        throw SweepFileError(where, full, value, "duplicated key (given in [fixed] and [axes])");
      if (section == "axes" && case_keys.count(key))
        throw SweepFileError(
            where, full, value,
            "given in a [case.NAME] too (a case may override [fixed], not [axes])");
      (section == "fixed" ? spec.fixed : spec.axes).emplace_back(key, value);
    } else {
      throw SweepFileError(where, full, value, unknown_section(section));
    }
  }
  if (!have_experiment) throw SweepFileError(path, "sweep.experiment", "", "missing");
  if (!have_seed)
    throw SweepFileError(path, "sweep.seed", "", "missing (every sweep names its seed)");
  return spec;
}

}  // namespace diffsweep

namespace diffsweep {

void apply_overrides(SweepSpec& spec, const std::vector<std::string>& overrides) {
  for (const std::string& text : overrides) {
    const auto eq = text.find('=');
    const std::string key = trim(std::string_view(text).substr(0, eq));
    const std::string value = trim(std::string_view(text).substr(eq + 1));
    const std::string where = "the command line";
    if (key.empty()) throw SweepFileError(where, text, value, "an override needs a key");
    spec.overrides.push_back(text);
    if (key.rfind("sweep.", 0) == 0) {
      const std::string name = key.substr(6);
      if (name == "seed")
        spec.seed = parse_seed(where, value);
      else if (name == "replicates")
        spec.replicates = parse_replicates(where, value);
      else if (name == "name" && usable_name(value))
        spec.name = value;
      else
        throw SweepFileError(where, key, value,
                             name == "name" ? "not a usable name"
                                            : "not a [sweep] key an override may set (seed, "
                                              "replicates, name)");
      continue;
    }
    if (key.find('.') != std::string::npos)
      throw SweepFileError(where, key, value,
                           "an override names a parameter (or sweep.seed, sweep.replicates, "
                           "sweep.name), not a section");
    std::size_t values = 0;
    try {
      values = expand_axis_values(value).size();
    } catch (const std::invalid_argument& e) {
      throw SweepFileError(where, key, value, e.what());
    }
    const auto replace = [&](KeyValues& kv) {
      bool found = false;
      for (auto& [k, v] : kv)
        if (k == key) {
          v = value;
          found = true;
        }
      return found;
    };
    bool found = replace(spec.axes);
    for (auto& c : spec.cases) found = replace(c.axes) || found;
    const auto fixed = std::find_if(spec.fixed.begin(), spec.fixed.end(),
                                    [&](const auto& kv) { return kv.first == key; });
    if (fixed != spec.fixed.end()) {
      spec.fixed.erase(fixed);
      if (values == 1 && !found) {
        spec.fixed.emplace_back(key, value);
        found = true;
      }
    }
    if (!found) (values == 1 ? spec.fixed : spec.axes).emplace_back(key, value);
    for (const char* section : {"fixed", "axes"}) spec.lines[std::string(section) + "." + key] = 0;
  }
}

std::string default_output(const SweepSpec& spec) {
  std::string suffix;
  for (const auto& o : spec.overrides) {
    suffix += "+";
    for (unsigned char c : o)
      suffix += std::isalnum(c) || c == '.' || c == '_' || c == '-' || c == '=' ? char(c) : '_';
  }
  if (suffix.size() > 64) {
    std::string all;
    for (const auto& o : spec.overrides) all += o + "\n";
    suffix = "+overrides-" + results::hex_id(fnv1a64(all)).substr(0, 8);
  }
  return "results/" + spec.name + suffix + ".h5";
}

}  // namespace diffsweep
