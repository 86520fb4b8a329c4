// The steps every run shares, whether one process runs all points or MPI ranks share them:
// load and expand the sweep, open the store, and finish (final snapshot, summary or resume hint).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/experiment.hpp"
#include "runner/cli/cli_options.hpp"
#include "runner/mpi/launch_info.hpp"
#include "runner/store/results_store.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

struct LoadedSweep {
  std::unique_ptr<Experiment> experiment;
  Sweep sweep;
  std::string output;
};

// From the sweep file's text; throws SweepFileError (exit 2) on bad input. `check`: every point
// checked and the sweep's hash computed (rank 0 and single processes); without it, only the
// axes are parsed (workers, who run what rank 0 checked). `declaration`: an external program's,
// as rank 0 read it (make_sweep_experiment). `recorded_defaults`: the defaults the output file
// records otherwise than this diffsweep (rank 0 sends its reading to the workers); read from the
// output file when not given (runner/sweep/recorded_defaults.hpp).
LoadedSweep load_sweep(const CliOptions& options, const std::string& text, bool check = true,
                       const std::string& declaration = {},
                       const std::optional<KeyValues>& recorded_defaults = std::nullopt);

// This run's provenance; `rank_hosts`: the host of every rank, rank 0's first.
RunInfo make_run_info(const std::vector<std::string>& rank_hosts, const LaunchInfo& launch);

// --dry-run: the points the run would cover; with -o, each one's status in that file.
int dry_run(const LoadedSweep& loaded, const CliOptions& options);

// Opens the store, plans the run (--only, --shard, --retry) and says on stderr what it did
// (moved old files aside, resumed, nothing to do).
std::unique_ptr<ResultsStore> open_store(const LoadedSweep& loaded, const CliOptions& options,
                                         const std::vector<std::string>& rank_hosts,
                                         const LaunchInfo& launch);

// Writes the final snapshot; prints the summary, or throws Interrupted with how to resume.
int finish_run(ResultsStore& store, const LoadedSweep& loaded, bool complete);

// `diffsweep SWEEP` without an MPI launcher (or with one rank: `threads_allowed` is then whether
// the MPI library lets the process run a second thread, for background snapshots).
int run_single_process(const CliOptions& options, const LaunchInfo& launch,
                       bool threads_allowed = true);

}  // namespace diffsweep
