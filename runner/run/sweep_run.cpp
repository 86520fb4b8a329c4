#include "runner/run/sweep_run.hpp"

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <unordered_map>

#include "common/errors.hpp"
#include "common/number_text.hpp"
#include "common/version.hpp"
#include "results_io/results_reader.hpp"
#include "runner/cli/experiment_docs.hpp"
#include "runner/cli/summary.hpp"
#include "runner/mpi/launch_info.hpp"
#include "runner/mpi/mpi_session.hpp"
#include "runner/run/clock.hpp"
#include "runner/run/local_run.hpp"
#include "runner/run/point_execution.hpp"
#include "runner/run/rounds.hpp"
#include "runner/run/sequential_rounds.hpp"
#include "runner/run/stop_signal.hpp"
#include "runner/run/sweep_experiment.hpp"
#include "runner/store/results_snapshot.hpp"
#include "runner/sweep/recorded_defaults.hpp"
#include "runner/sweep/sweep_file.hpp"
#include "runner/sweep/sweep_file_error.hpp"

namespace diffsweep {

namespace file_attribute = results::file_attribute;

namespace {

// results/NAME.h5 (with the overrides) or, for a shard, results/NAME.shard-K-of-N.h5.
std::string output_of(const CliOptions& options, const SweepSpec& spec) {
  if (!options.output.empty()) return options.output;
  std::string out = default_output(spec);
  if (options.shard)
    out.insert(out.size() - 3, ".shard-" + std::to_string(options.shard->k) + "-of-" +
                                   std::to_string(options.shard->n));
  return out;
}

}  // namespace

LoadedSweep load_sweep(const CliOptions& options, const std::string& text, bool check,
                       const std::string& declaration,
                       const std::optional<KeyValues>& recorded_defaults) {
  SweepSpec spec = parse_sweep_text(options.sweep_file, text);
  apply_overrides(spec, options.overrides);
  LoadedSweep loaded;
  loaded.experiment = make_sweep_experiment(spec, declaration);
  check_column_names(*loaded.experiment);
  loaded.output = output_of(options, spec);
  // --restart moves the old file aside: the new one starts with this diffsweep's defaults.
  if (recorded_defaults)
    spec.recorded_defaults = *recorded_defaults;
  else if (!options.restart)
    spec.recorded_defaults = changed_defaults(loaded.output, *loaded.experiment);
  loaded.sweep =
      check ? expand_sweep(spec, *loaded.experiment) : open_sweep(spec, *loaded.experiment);
  return loaded;
}

RunInfo make_run_info(const std::vector<std::string>& rank_hosts, const LaunchInfo& launch) {
  RunInfo info;
  info.version = std::string(diffsweep_version());
  info.git_commit = std::string(git_commit());
  info.mpi_version = mpi::library_version();
  info.host = rank_hosts.front();
  info.run_started = utc_now_iso8601();
  info.ranks = static_cast<std::int64_t>(rank_hosts.size());
  for (const auto& h : rank_hosts) info.rank_hosts += (info.rank_hosts.empty() ? "" : ",") + h;
  info.launcher = launch.launcher;
  info.job_id = launch.job_id;
  info.array_task_id = launch.array_task_id;
  return info;
}

std::unique_ptr<ResultsStore> open_store(const LoadedSweep& loaded, const CliOptions& options,
                                         const std::vector<std::string>& rank_hosts,
                                         const LaunchInfo& launch) {
  const PointSelection selection(options.only, options.shard, loaded.sweep);
  // Before the store: a filter that matches nothing is a mistake (a shard may be empty: an
  // array of more tasks than points), and no file should show that it ran.
  if (!options.only.empty() && !selection.selects_any())
    throw InputError("--only '" + options.only + "' matches none of the sweep's " +
                     std::to_string(loaded.sweep.size()) + " points; nothing was run or written");
  if (const KeyValues& d = loaded.sweep.spec.recorded_defaults; !d.empty())
    std::cerr << "diffsweep: " << loaded.output << " holds a sweep started with "
              << describe_changed_defaults(d, *loaded.experiment)
              << ": it goes on with the defaults it started with, so its points keep their ids "
                 "(--restart or a new -o to run with this diffsweep's)\n";
  auto store = std::make_unique<ResultsStore>(loaded.output, loaded.sweep,
                                              make_run_info(rank_hosts, launch), options.restart);
  if (!store->extended().empty()) std::cerr << "diffsweep: " << store->extended() << "\n";
  for (const LeftoverJournal& leftover : store->removed_leftovers())
    std::cerr << "diffsweep: removed " << leftover.path
              << ", a journal left half made by a diffsweep process (pid " << leftover.pid
              << ", no longer running) killed while it created or replaced "
              << journal_path(loaded.output) << "\n";
  if (const JournalLoss& loss = store->journal_loss(); loss.any())
    std::cerr << "diffsweep: " << describe(loss, journal_path(loaded.output), loaded.output)
              << "\n";
  if (!store->moved_aside().empty())
    std::cerr << "diffsweep: moved the old results aside to " << store->moved_aside() << "\n";
  store->plan(selection, options.retry);
  advance_rounds(*store);
  const std::size_t planned = store->planned_count(), left = store->planned_left();
  const std::string of = planned == loaded.sweep.size()
                             ? std::to_string(planned) + " points"
                             : "the " + std::to_string(planned) + " selected points";
  if (left == 0)
    std::cerr << "diffsweep: " << loaded.output << ": all " << of
              << " already finished; nothing to do\n";
  else if (left < planned)
    std::cerr << "diffsweep: " << (store->resumed_count() > 0 ? "resuming " : "") << loaded.output
              << ": " << planned - left << " of " << of << " already finished, " << left
              << " to run\n";
  return store;
}

int dry_run(const LoadedSweep& loaded, const CliOptions& options) {
  if (const auto& refine = loaded.sweep.refine) {
    const Sweep& sweep = loaded.sweep;
    const auto& s = refine->search;
    const std::size_t groups = sweep.refine_groups(), reps = sweep.spec.replicates;
    std::string first;
    for (std::size_t i : first_round(s, sweep.lattice.size()))
      first += (first.empty() ? "" : ", ") + display_number(sweep.lattice[i]);
    std::cout
        << "[refine] sweep " << sweep.spec.name << " (hash " << results::hex_id(sweep.hash)
        << "): where " << refine->metric << " crosses " << display_number(s.level) << " along "
        << refine->axis << " in [" << display_number(s.lo) << ", " << display_number(s.hi) << "] ("
        << (s.scale == AxisScale::log ? "log" : "linear") << "), to "
        << (s.relative ? display_number(100 * s.tolerance) + "%" : display_number(s.tolerance))
        << ", for each of " << groups << " combinations of the other axes\n"
        << "first round: " << refine->axis << " = " << first << " (" << reps << " replicates each, "
        << (s.common_seeds ? "sharing their draws along " + refine->axis : "independent draws")
        << "): " << groups * (s.per_round + 1) * reps << " points\n"
        << "later rounds: up to " << s.per_round << " values per combination each; budget "
        << s.budget << " values per combination, at most " << groups * s.budget * reps
        << " points (a grid of equal resolution: " << groups * equal_resolution_grid_size(s) * reps
        << " points)\n";
    return exit_ok;
  }
  if (const auto& sequential = loaded.sweep.sequential) {
    const Sweep& sweep = loaded.sweep;
    const SequentialSettings& s = sequential->settings;
    std::size_t rows = 0, comparisons = 0;
    for (const auto& setting : sweep.sequential_settings) {
      rows += setting.size();
      comparisons += comparison_pairs(*sequential, setting).size();
    }
    std::string looks;
    for (std::size_t n : planned_looks(s)) looks += (looks.empty() ? "" : ", ") + std::to_string(n);
    std::cout << "[sequential] sweep " << sweep.spec.name << " (hash "
              << results::hex_id(sweep.hash) << "): " << comparisons << " comparisons of "
              << sequential->axis
              << (sequential->reference.empty()
                      ? " values, every pair,"
                      : " = " + sequential->reference + " against the rest,")
              << " on " << sequential->metric << " (" << (s.higher_is_better ? "higher" : "lower")
              << " is better) in " << sweep.sequential_settings.size()
              << " settings of the other axes\n"
              << "looks at " << looks << " replicates, each interval at level "
              << display_number(look_level(s)) << " (confidence " << display_number(s.confidence)
              << " over all looks)\n"
              << "first round: " << rows * s.start << " points; at most " << sweep.size()
              << " (every row at the budget of " << s.budget << " replicates)\n";
    return exit_ok;
  }
  const PointSelection selection(options.only, options.shard, loaded.sweep);
  std::optional<std::vector<std::string>> statuses;
  if (!options.output.empty() && std::filesystem::exists(options.output)) {
    const results::ResultsTable t = results::load_results(options.output);
    statuses = t.status;
    if (t.attribute(file_attribute::sweep_hash) != results::hex_id(loaded.sweep.hash)) {
      // Running the sweep would extend the file's: its points keep their results by id.
      std::unordered_map<std::uint64_t, std::size_t> row_of;
      for (std::size_t r = 0; r < t.rows; ++r) row_of.emplace(t.point_id[r], r);
      std::size_t kept = 0;
      statuses->assign(loaded.sweep.size(), "new");
      for (std::size_t i = 0; i < loaded.sweep.size(); ++i) {
        const auto it = row_of.find(loaded.sweep.point_id(i));
        if (it == row_of.end()) continue;
        (*statuses)[i] = t.status[it->second];
        kept += is_finished(
            results::status_from_text(t.status[it->second]).value_or(PointStatus::pending));
      }
      std::cerr << "diffsweep: " << options.output << " holds another sweep (hash "
                << t.attribute(file_attribute::sweep_hash).value_or("?")
                << "); running this one extends it in place, keeping " << kept
                << " finished points\n";
    }
  }
  print_points(std::cout, loaded.sweep, selection, statuses ? &*statuses : nullptr);
  return exit_ok;
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

int run_single_process(const CliOptions& options, const LaunchInfo& launch, bool threads_allowed) {
  LoadedSweep loaded = load_sweep(options, read_sweep_bytes(options.sweep_file));
  if (options.dry_run) return dry_run(loaded, options);
  install_stop_handlers();
  auto store = open_store(loaded, options, {host_name()}, launch);
  store->write_snapshots_in_background(threads_allowed);
  const bool complete = [&] {
    Progress progress(progress_total(*store), store->planned_count() - store->planned_left(),
                      stderr, options.quiet || store->planned_left() == 0);
    return run_local(*loaded.experiment, loaded.sweep, *store, progress, options.reseed);
  }();
  return finish_run(*store, loaded, complete);
}

}  // namespace diffsweep
