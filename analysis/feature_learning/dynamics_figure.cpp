#include "analysis/feature_learning/dynamics_figure.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/feature_learning/shown_run.hpp"
#include "feature_learning/feature_learning_names.hpp"

namespace diffsweep::analysis {

namespace fl = feature_learning::names;

namespace {

// S and N in the palette's purple and brown, the same in every panel: colours the R figures give
// a curve only when they have five or more.
constexpr int signal_colour = 4, noise_colour = 5;

}  // namespace

std::vector<std::size_t> dynamics_points(const ResultsTable& t, const std::vector<double>& x,
                                         const std::vector<std::size_t>& rows,
                                         const std::vector<double>& at,
                                         const std::vector<std::string>& curve_by) {
  if (rows.empty()) return {};
  std::vector<std::size_t> candidates = largest_n_first_replicate(t, rows).rows;
  const std::size_t first = candidates.front();
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                  [&](std::size_t i) {
                                    return std::any_of(
                                        curve_by.begin(), curve_by.end(), [&](const auto& axis) {
                                          return axis != fl::param::n && t.has(axis) &&
                                                 t.value_text(axis, i) != t.value_text(axis, first);
                                        });
                                  }),
                   candidates.end());
  std::sort(candidates.begin(), candidates.end(), [&](auto a, auto b) { return x[a] < x[b]; });
  std::vector<std::size_t> chosen = {candidates.front(), candidates[candidates.size() / 2],
                                     candidates.back()};
  if (!at.empty()) {
    chosen.clear();
    for (double target : at)
      chosen.push_back(*std::min_element(candidates.begin(), candidates.end(), [&](auto a, auto b) {
        return std::abs(std::log(x[a] / target)) < std::abs(std::log(x[b] / target));
      }));
    std::sort(chosen.begin(), chosen.end(), [&](auto a, auto b) { return x[a] < x[b]; });
  }
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  return chosen;
}

void add_dynamics_plot(Report& r, const ResultsTable& t, const std::string& model,
                       const std::vector<double>& x, const std::vector<std::size_t>& rows,
                       const std::vector<double>& at, const std::vector<std::string>& curve_by) {
  Plot plot{"fl_dynamics_" + model,
            model + ": signal learning $S$ and noise learning $N$ during training",
            "training step (full-batch gradient descent)",
            "S or N (raw inner products)",
            false,
            true,
            std::nullopt,
            {}};
  plot.mark_every_value = true;
  const auto chosen = dynamics_points(t, x, rows, at, curve_by);
  std::string run;  // "n = 64, sigma0 = 0.005"
  for (const auto& axis : curve_by)
    if (t.has(axis) && !chosen.empty())
      run += (run.empty() ? "" : ", ") + axis + " = " + t.value_text(axis, chosen.front());
  plot.caption =
      "One run per panel, at the n SNR² its title gives: the first replicate at " + run +
      " (no replicates are summarised here). S solid, N dashed; a mark at every logged step, so "
      "the line between two marks is not measured.";
  // A panel per run: on one plot, the plateaus of one run's N and another's S coincide.
  for (auto i : chosen) {
    const auto step = read_series(t, i, fl::series::step);
    for (const char* name : {fl::metric::S, fl::metric::N}) {
      const auto values = read_series(t, i, name);
      if (step.empty() || values.size() != step.size()) continue;
      PlotSeries s;
      s.label = name[0] == 'S' ? "S: signal learning" : "N: noise learning";
      s.panel = "$n\\,\\mathrm{SNR}^2$ = " + fmt(x[i], 2);
      s.x = step;
      s.y = values;
      s.dashed = name[0] == 'N';
      s.color = name[0] == 'S' ? signal_colour : noise_colour;
      plot.series.push_back(std::move(s));
    }
  }
  if (plot.series.empty())
    r.notes.push_back(model + ": no step/S/N series in the file: no training-dynamics figure");
  else
    r.plots.push_back(std::move(plot));
}

}  // namespace diffsweep::analysis
