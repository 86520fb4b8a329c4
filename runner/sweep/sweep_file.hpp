// Reading a sweep file into its raw sections. Checking the values against an experiment's
// parameters is sweep_expansion's job.
//
// The syntax is INI: `[section]` lines, `key = value` lines, and comments: a line whose first
// non-blank character is `#` or `;`, and anything after a `#` on a line. A UTF-8 byte-order mark
// at the start is ignored; a NUL byte, or a line of more than 64 MB, is refused.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace diffsweep {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

// The entry of `entries` whose key is `key` (end() when none): a section's keys are few, in file
// order.
KeyValues::const_iterator find_key(const KeyValues& entries, std::string_view key);
inline bool has_key(const KeyValues& entries, std::string_view key) {
  return find_key(entries, key) != entries.end();
}

// A [case.NAME] section: axes that apply to this case's points only. A sweep with cases is the
// union over its cases of (case axes x [axes]); without cases it is [axes] alone. Cases let one
// file hold rows that vary different parameters (TGDP's oracle and regularisers, say, next to
// baselines that ignore them) without the full product repeating the baselines.
struct SweepCase {
  std::string name;
  KeyValues axes;  // in file order; a single value is an axis of one
};

struct SweepSpec {
  std::string path;  // as the user gave it, for messages
  std::string text;  // the file's bytes, stored in the results file
  std::string experiment;
  std::string command;                    // experiment = external: the program, run by /bin/sh -c
  std::optional<double> timeout_seconds;  // experiment = external: per point
  std::optional<double> declare_timeout_seconds;  // experiment = external: for its declaration
  std::string name;                               // defaults to the file's stem
  std::uint64_t seed = 0;
  std::int64_t replicates = 1;
  KeyValues fixed;                     // [fixed], in file order
  KeyValues axes;                      // [axes], in file order
  std::vector<SweepCase> cases;        // [case.NAME] sections, in the order they first appear
  KeyValues refine;                    // [refine], in file order (refine_spec.hpp reads it)
  KeyValues sequential;                // [sequential] (sequential_spec.hpp reads it)
  std::map<std::string, int> lines;    // "section.key" -> its line in the file (0: command line)
  std::vector<std::string> overrides;  // KEY=VALUE from the command line, as given
  // Defaults the results file records otherwise than this diffsweep declares them: the sweep
  // goes on with the defaults it started with (runner/sweep/recorded_defaults.hpp).
  KeyValues recorded_defaults;

  // "path:LINE" of a key ("axes.x", or a parameter name wherever the file gives it), else path.
  std::string where(const std::string& key) const;
};

// The longest sweep name: it names results/<name>.h5 and the files beside it.
inline constexpr std::size_t max_name_length = 128;

// Throws SweepFileError (exit status 2) naming the file, key and value on any malformed input:
// unreadable file, bad syntax, unknown section or key, duplicated key, bad seed or replicates.
SweepSpec read_sweep_file(const std::string& path);
// The same, from text already read (MPI workers get the text from rank 0). Throws SweepFileError.
SweepSpec parse_sweep_text(const std::string& path, const std::string& text);
// Applies command-line overrides: each KEY=VALUE replaces KEY's entry wherever the spec has it
// ([fixed], [axes], every [case.NAME]); a key in [fixed] given several values becomes an axis;
// a new key becomes fixed (one value) or an axis (several). sweep.seed, sweep.replicates and
// sweep.name replace those keys. Throws SweepFileError naming the override.
void apply_overrides(SweepSpec& spec, const std::vector<std::string>& overrides);

// The default name of a sweep's output: results/<name>.h5, with "+" and the overrides (or their
// hash, when long) before ".h5" for an overridden sweep.
std::string default_output(const SweepSpec& spec);

// The file's bytes; throws SweepFileError when it cannot be read.
std::string read_sweep_bytes(const std::string& path);

}  // namespace diffsweep
