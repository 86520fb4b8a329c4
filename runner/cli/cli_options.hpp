// The diffsweep command line.
#pragma once

#include <optional>
#include <string>

namespace diffsweep {

struct CliOptions {
  std::string sweep_file;
  std::string output;  // defaults to results/<sweep name>.h5
  bool restart = false;
  bool dry_run = false;
  bool quiet = false;
  double stop_grace_seconds = 20.0;  // MPI: how long a stop signal waits for running points
  bool list_experiments = false;
  std::optional<std::string> describe;
  bool help = false;
  bool version = false;
};

// Throws InputError (exit status 2) on unknown options or a missing sweep file.
CliOptions parse_cli(int argc, const char* const* argv);
std::string cli_usage();

}  // namespace diffsweep
