#include "analysis/feature_learning/fl_tables.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/feature_learning/fl_inputs.hpp"

namespace diffsweep::analysis {

namespace {

// Whether the figure draws a fitted law: a curve over fewer than three x values gets none.
bool fitted(const Plot& plot) {
  return std::any_of(plot.series.begin(), plot.series.end(),
                     [](const PlotSeries& s) { return s.role == "fit" && !s.x.empty(); });
}

bool any_series(const Plot& plot, bool (*pred)(const PlotSeries&)) {
  return std::any_of(plot.series.begin(), plot.series.end(), pred);
}

// What the error bars are (or why there are none), with the replicate counts of every model.
std::string bars_text(const FlInputs& in, const FlTables& tables, const Plot& plot, bool many,
                      const std::string& counts) {
  const bool any_bars = any_series(plot, [](const PlotSeries& s) {
    return std::any_of(s.lo.begin(), s.lo.end(), [](double v) { return std::isfinite(v); });
  });
  if (many)
    return "with this many curves, no markers or error bars: each median's " +
           fmt(100 * in.p.level) + "% bootstrap interval (" + counts + "; " +
           std::to_string(in.p.resamples) + " resamples) is in the table of R per point.";
  if (any_bars)
    return "error bars: " + tables.interval_level + " bootstrap intervals of the medians (" +
           counts + "; " + std::to_string(in.p.resamples) +
           " resamples; none where a point has fewer than " + std::to_string(in.p.min_replicates) +
           " replicates).";
  return "no error bars: too few replicates for an interval (" + counts + "; --min-replicates " +
         std::to_string(in.p.min_replicates) + ").";
}

std::string ratio_caption(const FlInputs& in, const FlTables& tables, const Plot& plot,
                          const std::string& curve_names, const std::string& counts) {
  const bool many = drawn_without_error_bars(plot);
  // plot.py joins a curve's points only when it has more than two.
  const bool joined = any_series(plot, [](const PlotSeries& s) {
    return s.role == "data" && !s.points_only && s.x.size() > 2;
  });
  return (many ? "Lines" : "Points") + std::string(": medians of R over replicates, ") +
         (joined ? "one line per model and curve (" : "per model and curve, not joined (") +
         curve_names + "); " + bars_text(in, tables, plot, many, counts) +
         (any_series(plot, [](const PlotSeries& p) { return p.points_only; })
              ? " Crosses: runs left out of the curve, unconverged or untrained (at "
                "initialisation, or stopped within " +
                    std::to_string(in.p.few_steps) + " steps), as the legend says."
              : "") +
         (!fitted(plot) ? ""
          : in.several_axes()
              ? " Thin lines: the power law fitted to each curve's converged runs, its slope and "
                "bootstrap interval in the legend."
              : " Thin dashed line: the power law fitted to the converged runs, its slope and "
                "bootstrap interval in the legend.") +
         " Dotted line: R = 1.";
}

std::string points_section(const FlInputs& in, const FlTables& tables) {
  std::vector<std::string> header = {"model",
                                     "curve",
                                     x_label,
                                     "runs",
                                     "converged",
                                     "untrained",
                                     "median R [interval]",
                                     "median test acc [interval]"};
  if (in.has_growth)
    for (const char* column : {"S/S0", "N/N0", "|W|/|W0|", "training [interval]"})
      header.push_back(column);
  return "## Stationary ratio R per point\n\nMedian over replicates with its " +
         fmt(100 * in.p.level) +
         "% bootstrap interval: over the converged runs for a power-law model (the fit's points), "
         "over every finished run for classification (the transition's). \"converged\" counts "
         "runs that stopped at a stationary point and trained; \"untrained\" runs (at "
         "initialisation, or stopped by grad_tol within " +
         std::to_string(in.p.few_steps) + " steps) are on no curve. " +
         (in.has_growth
              ? "S/S0, N/N0, |W|/|W0|: medians over the point's runs of training's growth of "
                "each; training: the point's verdict, from the median over its runs of the "
                "largest |log10| of the three with its " +
                    fmt(100 * in.p.level) +
                    "% bootstrap interval over replicates (\"trained\": the interval at or above " +
                    fmt(in.p.trained_decades) + " decades; \"at initialisation\": below it)"
              : std::string("the file records no S0, N0 or w_norm0: training's effect is not "
                            "measured")) +
         ".\n\n" + markdown_table(header, tables.points);
}

std::string fits_section(const FlInputs& in, const FlTables& tables) {
  return "\n## Power-law fits of log R on log(" + x_label + ")\n\nConverged runs only; " +
         fmt(100 * in.p.level) +
         "% bootstrap interval of the slope over replicates; the largest distance of a median "
         "from the fitted line, in decades; the local log-log slopes at the two ends of the "
         "range from a quadratic fit, with their bootstrap intervals (a power law has one "
         "slope); (α/β)²σ²d/n, the regime (diffusion: small when the "
         "clean patches are small against the diffusion noise), median over the runs; training: "
         "the fitted runs' median growth of S, N and |W| from the initial filters (each "
         "point's own verdict is in the table above).\n\n" +
         markdown_table(
             {"model", "curve", "(α/β)²σ²d/n", "points", "replicates", "slope [interval]", "R^2",
              "max median offset", "local slope, low to high end [intervals]", "training"},
             tables.fits);
}

}  // namespace

Plot& FlTables::ratio_plot(const std::string& panel) {
  for (std::size_t k = 0; k < panels.size(); ++k)
    if (panels[k] == panel) return ratio_plots[k];
  panels.push_back(panel);
  Plot p = ratio_template;
  if (!panel.empty()) {
    std::string stem = panel;
    std::replace(stem.begin(), stem.end(), '=', '_');
    p.name += "_" + stem;
    p.title += " (" + panel + ")";
  }
  ratio_plots.push_back(std::move(p));
  return ratio_plots.back();
}

std::vector<std::string> FlTables::ratio_plot_names() const {
  std::vector<std::string> names;
  for (const auto& p : ratio_plots) names.push_back(p.name);
  return names;
}

int FlTables::curve_color(const std::string& key) {
  auto it = std::find(curve_keys.begin(), curve_keys.end(), key);
  if (it == curve_keys.end()) it = curve_keys.insert(curve_keys.end(), key);
  return static_cast<int>(it - curve_keys.begin());
}

void caption_ratio_plots(const FlInputs& in, FlTables& tables) {
  std::string curve_names;
  for (const auto& axis : in.curve_by) curve_names += (curve_names.empty() ? "" : ", ") + axis;
  std::string counts;
  for (const auto& c : tables.ratio_caption) counts += (counts.empty() ? "" : "; ") + c;
  if (tables.ratio_plots.empty()) tables.ratio_plot("");
  for (Plot& plot : tables.ratio_plots) {
    plot.hline_label = "R = 1";
    plot.caption = ratio_caption(in, tables, plot, curve_names, counts);
  }
}

std::string fl_table_sections(const FlInputs& in, const FlTables& tables) {
  return points_section(in, tables) + fits_section(in, tables);
}

}  // namespace diffsweep::analysis
