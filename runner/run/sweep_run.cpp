#include "runner/run/sweep_run.hpp"

#include <unistd.h>

#include <iostream>

#include "experiment_registry.hpp"
#include "runner/cli/experiment_docs.hpp"
#include "runner/cli/summary.hpp"
#include "runner/cli/version.hpp"
#include "runner/mpi/mpi_session.hpp"
#include "runner/run/clock.hpp"
#include "runner/run/local_run.hpp"
#include "runner/run/stop_signal.hpp"
#include "runner/store/results_snapshot.hpp"
#include "runner/sweep/sweep_file.hpp"
#include "runner/sweep/sweep_file_error.hpp"

namespace diffsweep {

LoadedSweep load_sweep(const CliOptions& options, const std::string& text, bool check) {
  const SweepSpec spec = parse_sweep_text(options.sweep_file, text);
  LoadedSweep loaded;
  loaded.experiment = make_experiment(spec.experiment);
  if (!loaded.experiment) {
    std::string known;
    for (auto n : experiment_names()) known += (known.empty() ? "" : ", ") + std::string(n);
    throw SweepFileError(spec.where("sweep.experiment"), "sweep.experiment", spec.experiment,
                         "unknown experiment (known: " + known + ")");
  }
  check_column_names(*loaded.experiment);
  loaded.sweep =
      check ? expand_sweep(spec, *loaded.experiment) : open_sweep(spec, *loaded.experiment);
  loaded.output = options.output.empty() ? "results/" + spec.name + ".h5" : options.output;
  return loaded;
}

RunInfo make_run_info(std::int64_t ranks) {
  RunInfo info;
  info.version = std::string(diffsweep_version());
  info.git_commit = std::string(git_commit());
  info.mpi_version = mpi::library_version();
  char host[256] = "";
  gethostname(host, sizeof host - 1);
  info.host = host;
  info.run_started = utc_now_iso8601();
  info.ranks = ranks;
  return info;
}

std::unique_ptr<ResultsStore> open_store(const LoadedSweep& loaded, const CliOptions& options,
                                         std::int64_t ranks) {
  auto store = std::make_unique<ResultsStore>(loaded.output, loaded.sweep, make_run_info(ranks),
                                              options.restart);
  if (!store->moved_aside().empty())
    std::cerr << "diffsweep: moved the old results aside to " << store->moved_aside() << "\n";
  if (const JournalRepair& repair = store->journal_repair(); repair.damaged())
    std::cerr << "diffsweep: the journal was damaged: " << repair.damaged_bytes
              << " bytes that are no record were skipped, losing about " << repair.lost_records
              << " records (those points run again); every intact record was kept, and the "
                 "journal as found is in "
              << repair.damaged_copy << "\n";
  const std::size_t total = loaded.sweep.size();
  if (store->resumed_count() == total)
    std::cerr << "diffsweep: " << loaded.output << ": all " << total
              << " points already finished; nothing to do\n";
  else if (store->resumed_count() > 0)
    std::cerr << "diffsweep: resuming " << loaded.output << ": " << store->resumed_count() << " of "
              << total << " points already finished\n";
  return store;
}

int finish_run(ResultsStore& store, const LoadedSweep& loaded, bool complete) {
  store.snapshot(complete);
  if (!complete)
    throw Interrupted("interrupted: " + std::to_string(store.finished_count()) + " of " +
                      std::to_string(loaded.sweep.size()) + " points are in " + loaded.output +
                      "; run the same command again to resume");
  print_summary(std::cout, store, loaded.sweep);
  return exit_ok;
}

int run_single_process(const CliOptions& options, std::int64_t ranks) {
  LoadedSweep loaded = load_sweep(options, read_sweep_bytes(options.sweep_file));
  if (options.dry_run) {
    print_points(std::cout, loaded.sweep, *loaded.experiment);
    return exit_ok;
  }
  install_stop_handlers();
  auto store = open_store(loaded, options, ranks);
  Progress progress(loaded.sweep.size(), store->finished_count(), stderr,
                    options.quiet || store->counts().not_run() == 0);
  const bool complete = run_local(*loaded.experiment, loaded.sweep, *store, progress);
  return finish_run(*store, loaded, complete);
}

}  // namespace diffsweep
