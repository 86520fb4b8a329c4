// The diffsweep command line: running a sweep (the default), and the commands that read results
// files (status, merge, export).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "runner/store/point_record.hpp"

namespace diffsweep {

enum class Command { run, status, merge, export_files };

// The K-th of N interleaved parts of a sweep (K from 1): the points whose index % N is K - 1.
struct Shard {
  std::size_t k = 1, n = 1;
};

struct CliOptions {
  Command command = Command::run;

  // run
  std::string sweep_file;
  std::vector<std::string> overrides;  // KEY=VALUE, as given after the sweep file
  std::string output;                  // defaults to results/<sweep name>.h5
  bool restart = false;
  bool dry_run = false;
  bool quiet = false;
  double stop_grace_seconds = 20.0;  // MPI: how long a stop signal waits for running points
  double lost_after_seconds = 30.0;  // MPI: how long a busy worker may be silent (coordinator.hpp)
  std::set<PointStatus> retry;       // finished points to run again
  bool reseed = false;               // retried points run with a new seed
  std::string only;                  // a filter of the points to run
  std::optional<Shard> shard;

  // status, merge, export
  std::vector<std::string> files;       // status, export: RESULTS.h5; merge: OUT.h5 IN.h5 ...
  bool json = false;                    // status
  std::string csv, series_csv, netcdf;  // export

  bool list_experiments = false;
  std::optional<std::string> describe;
  bool help = false;
  bool version = false;
};

// Throws InputError (exit status 2) on unknown options, a missing file or a malformed value.
CliOptions parse_cli(int argc, const char* const* argv);
std::string cli_usage();

}  // namespace diffsweep
