#include "runner/cli/summary.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "common/number_text.hpp"
#include "results_io/results_reader.hpp"
#include "runner/run/refinement.hpp"
#include "runner/run/sequential_rounds.hpp"

namespace diffsweep {

namespace {

double median(std::vector<double> v) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const std::size_t h = v.size() / 2;
  return v.size() % 2 ? v[h] : 0.5 * (v[h - 1] + v[h]);
}

// How many failures the summary lists by name.
constexpr std::size_t failures_listed = 3;

void print_failures(std::ostream& out, const ResultsStore& store);

}  // namespace

void print_summary(std::ostream& out, const ResultsStore& store, const Sweep& sweep,
                   std::size_t max_rows) {
  const StatusCounts& counts = store.counts();
  out << "results: " << store.output() << "  (" << sweep.size() << " points: " << counts.done
      << " done, " << counts.failed << " failed, " << counts.diverged << " diverged, "
      << counts.not_run() << " not run)\n";
  if (const auto& use = store.worker_use())
    out << "workers busy " << display_number(100 * use->busy_fraction) << "% of this run ("
        << display_number(use->round_wait_seconds) << " worker-s idle waiting for a round, "
        << display_number(use->tail_seconds) << " in the final tail)\n";
  if (sweep.refine) {
    out << "crossings located by [refine] (" << store.planned_count() << " points placed):\n";
    std::istringstream lines(describe_searches(sweep, replay_searches(store)));
    for (std::string line; std::getline(lines, line);) out << "  " << line << "\n";
    print_failures(out, store);
    return;
  }
  if (sweep.sequential) {
    const auto replays = replay_comparisons(store);
    out << "comparisons decided by [sequential] (" << store.planned_count()
        << " points placed; a fixed design at the budget: " << comparisons_budget(sweep) << "):\n";
    std::istringstream lines(describe_comparisons(sweep, replays));
    for (std::string line; std::getline(lines, line);) out << "  " << line << "\n";
    print_failures(out, store);
    return;
  }

  // The first metrics an experiment declares are its main ones; a terminal is not wide enough
  // for all of a rich experiment's (the file has every one).
  constexpr std::size_t max_metrics = 8;
  const auto& all_metrics = sweep.experiment().metrics();
  const std::vector<MetricSpec> metrics(
      all_metrics.begin(), all_metrics.begin() + std::min(all_metrics.size(), max_metrics));
  const auto k = static_cast<std::size_t>(sweep.spec.replicates);
  const std::size_t grid_points = sweep.size() / k;
  const std::size_t shown = std::min(grid_points, max_rows);
  const results::ResultsTable t = results::load_results(store.output(), shown * k);

  std::vector<std::string> header(sweep.axis_names);
  header.push_back("done");
  for (const auto& m : metrics) header.push_back(m.name);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t g = 0; g < shown; ++g) {
    std::vector<std::string> row;
    for (const auto& a : sweep.axis_names) row.push_back(display_text(*sweep.value(g * k, a)));
    std::size_t done = 0;
    for (std::size_t r = 0; r < k; ++r) done += t.done(g * k + r);
    row.push_back(std::to_string(done) + "/" + std::to_string(k));
    for (const auto& m : metrics) {
      std::vector<double> values;
      for (std::size_t r = 0; r < k; ++r) {
        const double v = t.numbers(m.name)[g * k + r];
        if (t.done(g * k + r) && !std::isnan(v)) values.push_back(v);
      }
      row.push_back(display_number(median(values)));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& r : rows) width[c] = std::max(width[c], r[c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c)
      out << (c ? "  " : "") << std::setw(static_cast<int>(width[c])) << cells[c];
    out << "\n";
  };
  out << "median over replicates per grid point"
      << (all_metrics.size() > metrics.size()
              ? " (" + std::to_string(all_metrics.size() - metrics.size()) +
                    " more metrics in the file)"
              : std::string())
      << ":\n";
  line(header);
  for (const auto& r : rows) line(r);
  if (grid_points > shown) out << "... " << grid_points - shown << " more grid points\n";
  print_failures(out, store);
}

namespace {

void print_failures(std::ostream& out, const ResultsStore& store) {
  const auto failures = store.failures(failures_listed);
  for (std::size_t i = 0; i < failures.size(); ++i)
    out << "point " << failures[i].index << " " << to_string(failures[i].status) << ": "
        << failures[i].error << "\n";
  if (store.failure_count() > failures_listed)
    out << "... " << store.failure_count() - failures_listed
        << " more failed or diverged points (their errors are in the file's error column)\n";
}

}  // namespace

}  // namespace diffsweep
