// The feature-learning experiment's report (docs/methods.md, section 1, "What is measured"): per
// model, the stationary ratio R = S/N against n*SNR^2. For diffusion the theory predicts a power
// law with no jump, fitted on converged runs only (a run stopped at `iters` is another regime, not
// a point on the curve); for classification a sharp transition of R through 1, with test accuracy
// going from chance to 1. Also the training dynamics S(step), N(step) of a few points (Figure 2).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "analysis/feature_learning/noisy_mnist_figure.hpp"
#include "analysis/report/curve_figures.hpp"
#include "analysis/report/curve_verdicts.hpp"
#include "analysis/report/experiment_reports.hpp"
#include "analysis/report/parallel_map.hpp"
#include "analysis/report/row_groups.hpp"
#include "analysis/statistics/crossing_trend.hpp"
#include "analysis/statistics/level_width.hpp"
#include "analysis/statistics/replicate_stats.hpp"
#include "analysis/statistics/training_effect.hpp"

namespace diffsweep::analysis {

namespace {

// Whether the figure draws a fitted law: a curve over fewer than three x values gets none.
bool fitted(const Plot& plot) {
  return std::any_of(plot.series.begin(), plot.series.end(),
                     [](const PlotSeries& s) { return s.role == "fit" && !s.x.empty(); });
}

const std::string x_label = "n*SNR^2";

// The control quantity per row: the n snr^2 the point ran with (metric `nsnr2_used`), else the
// `nsnr2` parameter a sweep gave instead of snr, else n * snr^2 from the parameters (a point that
// has not run yet has only its parameters).
std::vector<double> control_quantity(const ResultsTable& t) {
  const double nan = std::nan("");
  std::vector<double> x(t.rows, nan);
  for (const char* name : {"nsnr2_used", "nsnr2"}) {
    if (!t.has(name) || t.columns.at(name).is_text) continue;
    const auto& v = t.numbers(name);
    for (std::size_t i = 0; i < t.rows; ++i)
      if (!std::isfinite(x[i])) x[i] = v[i];
  }
  if (t.has("n") && t.has("snr"))
    for (std::size_t i = 0; i < t.rows; ++i)
      if (!std::isfinite(x[i])) x[i] = t.numbers("n")[i] * std::pow(t.numbers("snr")[i], 2);
  return x;
}

// Diffusion first, then classification, then anything else, as the paper presents them.
std::vector<std::string> models_in_order(const std::vector<std::string>& column) {
  std::set<std::string> seen(column.begin(), column.end());
  std::vector<std::string> out;
  for (const char* m : {"diffusion", "classification"})
    if (seen.erase(m)) out.push_back(m);
  out.insert(out.end(), seen.begin(), seen.end());
  return out;
}

// Two decimals always ("0.50", "1.00"): accuracies are compared with chance and with 1.
std::string accuracy_text(double a) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", a);
  return text;
}

std::string count_text(std::size_t k, const std::string& what) {
  return std::to_string(k) + " " + what;
}

// Points whose S and N series are drawn: the largest n's first replicate of the first curve (the
// first value of every other curve axis, such as sigma0, so the runs differ in n*SNR^2 alone)
// nearest each requested n*SNR^2 (e.g. the paper's 0.75 and 6.75), or by default at the
// smallest, middle and largest, so the low and high regimes and one in between are always shown.
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
                                          return axis != "n" && t.has(axis) &&
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

// S and N in the palette's purple and brown, the same in every panel: colours the R figures give
// a curve only when they have five or more.
constexpr int signal_colour = 4, noise_colour = 5;

// `curve_by`: the axes that tell curves apart (n, sigma0, ...), each named in the caption.
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
    const auto step = read_series(t, i, "step");
    for (const char* name : {"S", "N"}) {
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

// What every section reads: the file's columns the report uses, and the tables it fills.
struct FlInputs {
  const ResultsTable& t;
  const std::vector<std::string>& model;
  const std::vector<double>& ratio;
  std::vector<double> x;  // n*SNR^2 per row
  bool has_converged = false;
  const AnalysisParameters& p;
  // What tells one curve from another: n, then every other swept axis but the model and the
  // control quantity's (m and t in a width sweep).
  std::vector<std::string> curve_by = {"n"};
  // With two or more axes besides n, the R figure gets one panel per value of the last (t in a
  // width sweep), so each panel's curves stay few enough to tell apart.
  std::string panel_axis = "";
  bool several_axes() const { return curve_by.size() > 1; }
  // Row i's curve as its panel shows it: the values of curve_by but the panel's own.
  std::string label_in_panel(std::size_t i) const {
    std::string label;
    for (const auto& axis : curve_by)
      if (axis != panel_axis)
        label += (label.empty() ? "" : " ") + axis + "=" + t.value_text(axis, i);
    return label;
  }
  std::string panel_of(std::size_t i) const {
    return panel_axis.empty() ? "" : panel_axis + "=" + t.value_text(panel_axis, i);
  }

  bool converged(std::size_t i) const { return !has_converged || t.numbers("converged")[i] == 1; }
  // Training's effect per row (training_effect.hpp), when the file records S0, N0 and w_norm0.
  bool has_growth = false;
  std::vector<RunGrowth> growth{};
  std::vector<char> early{};  // stopped by grad_tol within few-steps
  bool untrained(std::size_t i) const {
    return early[i] || (has_growth && run_at_initialisation(growth[i], false, p));
  }
  CurveAnalysis curve(const std::vector<std::size_t>& rows, const std::vector<double>& y,
                      const std::string& key) const {
    return analyse_curve(pick(x, rows), pick(y, rows), point_keys(t, rows), p, key);
  }
  // The diffusion model's regime: the median of (alpha/beta)^2 sigma^2 d / n over `rows`, from
  // the metric patch_to_noise2 = (alpha sigma / beta)^2 d (docs/feature-learning.md: small means
  // the clean patches are small against the diffusion noise); "-" without it.
  std::string regime_text(const std::vector<std::size_t>& rows) const {
    if (!t.has("patch_to_noise2") || !t.has("n")) return "-";
    std::vector<double> v;
    for (auto i : rows) v.push_back(t.numbers("patch_to_noise2")[i] / t.numbers("n")[i]);
    const Spread s = spread_of(std::move(v));
    if (s.count == 0) return "-";
    // Rows of several regimes (the pooled fit of a sweep over t) get their range.
    if (s.max > 1.1 * s.min) return fmt(s.min, 2) + " to " + fmt(s.max, 2);
    return fmt(s.median, 2);
  }
  // Training's effect over `rows` (a curve), for the fits table: how many of its points are
  // trained and the runs' median growths.
  std::string training_text(const std::vector<std::size_t>& rows) const {
    if (!has_growth) return "not recorded";
    std::vector<double> signal, noise, norm;
    for (auto i : rows) {
      signal.push_back(growth[i].signal);
      noise.push_back(growth[i].noise);
      norm.push_back(growth[i].norm);
    }
    return "S/S0 " + fmt(spread_of(signal).median, 2) + ", N/N0 " +
           fmt(spread_of(noise).median, 2) + ", |W|/|W0| " + fmt(spread_of(norm).median, 2);
  }
  // The medians and their intervals only, for tables and figures.
  MedianCurve medians(const std::vector<std::size_t>& rows, const std::vector<double>& y,
                      const std::string& key) const {
    return median_curve(pick(x, rows), pick(y, rows), point_keys(t, rows), p, key);
  }
};

struct FlTables {
  std::vector<std::vector<std::string>> points, fits;
  Plot ratio_template{"fl_R_vs_nsnr2",
                      "Stationary ratio of signal to noise learning against $n\\,\\mathrm{SNR}^2$",
                      "$n\\,\\mathrm{SNR}^2$ (samples $\\times$ signal-to-noise ratio squared)",
                      "$R = S/N$ (signal / noise learning)",
                      true,
                      true,
                      1.0,
                      {}};
  Plot acc_plot{"fl_test_acc_vs_nsnr2",
                "Test accuracy against $n\\,\\mathrm{SNR}^2$",
                "$n\\,\\mathrm{SNR}^2$ (samples $\\times$ signal-to-noise ratio squared)",
                "test accuracy (fraction correct)",
                true,
                false,
                0.5,
                {}};
  std::vector<std::string> ratio_caption;  // one sentence per model
  std::string interval_level;              // "95%", or "nominal 95%" if any model's falls short
  std::string acc_caption;
  std::vector<Plot> ratio_plots;        // one per panel ("" when the figure has one)
  std::vector<std::string> panels;      // their panel values, "t=0.5"
  std::vector<std::string> curve_keys;  // the curves' colours, in the order met

  Plot& ratio_plot(const std::string& panel) {
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
  std::vector<std::string> ratio_plot_names() const {
    std::vector<std::string> names;
    for (const auto& p : ratio_plots) names.push_back(p.name);
    return names;
  }
  // The same colour for a curve in every panel (m = 8 in t = 0.5 and in t = 2.5), keyed by its
  // model and its label within the panel.
  int curve_color(const std::string& key) {
    auto it = std::find(curve_keys.begin(), curve_keys.end(), key);
    if (it == curve_keys.end()) it = curve_keys.insert(curve_keys.end(), key);
    return static_cast<int>(it - curve_keys.begin());
  }
};

// One model's rows, sorted by what they can be used for.
struct ModelRows {
  std::string model;
  std::vector<std::size_t> finished;   // done with a finite R and control quantity
  std::vector<std::size_t> converged;  // of those, stopped at a stationary point
  // Done with a finite R, but training did not move the filters (at initialisation, or stopped
  // by grad_tol within few-steps): their R is the initial filters', on no curve.
  std::vector<std::size_t> untrained;
  std::vector<std::size_t> early;  // of those, stopped within few-steps
  std::size_t unfinished = 0, unusable = 0;
  // The classifier's logistic loss on separable data keeps shrinking, so few of its runs reach a
  // stationary point: its transition is read from every finished run's final R.
  bool transition_model = false;
  const std::vector<std::size_t>& curve_rows() const {
    return transition_model ? finished : converged;
  }
  std::size_t excluded() const { return finished.size() - converged.size(); }
};

// Every row list here is in ascending order (built by one pass over the table, or a subset of
// one): a binary search, so a sweep of many rows does not scan them once per row.
bool contains(const std::vector<std::size_t>& rows, std::size_t i) {
  return std::binary_search(rows.begin(), rows.end(), i);
}

ModelRows rows_of_model(const FlInputs& in, const std::string& m) {
  ModelRows rows;
  rows.model = m;
  rows.transition_model = m == "classification";
  for (std::size_t i = 0; i < in.t.rows; ++i) {
    if (in.model[i] != m) continue;
    if (!in.t.done(i)) {
      ++rows.unfinished;
      continue;
    }
    if (!std::isfinite(in.ratio[i]) || !std::isfinite(in.x[i])) {
      ++rows.unusable;
      continue;
    }
    if (in.untrained(i)) {
      rows.untrained.push_back(i);
      if (in.early[i]) rows.early.push_back(i);
      continue;
    }
    rows.finished.push_back(i);
    if (in.converged(i)) rows.converged.push_back(i);
  }
  return rows;
}

std::string range_text(const CurveAnalysis& c) {
  return x_label + " from " + fmt(c.x_min, 2) + " to " + fmt(c.x_max, 2);
}

// What a curve's replicates cannot decide, for the "cannot tell" list.
void replicate_limits(const std::string& what, const CurveAnalysis& c, const AnalysisParameters& p,
                      Report& r) {
  if (!c.enough_replicates)
    r.cannot_tell.push_back(what + ": " + describe(c.replicates) +
                            ", too few for any interval (--min-replicates " +
                            std::to_string(p.min_replicates) + "): its verdict is undetermined");
}

// The power law of R on converged runs, pooled and per curve; verdicts for a power-law model only.
void power_law_section(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables) {
  const std::string& m = rows.model;
  const CurveAnalysis pooled = in.curve(rows.converged, in.ratio, "fl|" + m + "|converged");
  std::string verdict = power_law_verdict(m, "R", x_label, pooled, "converged points", in.p);
  if (rows.excluded() > 0)
    verdict += "; " + count_text(rows.excluded(), "unconverged points excluded");
  auto fit_cells = [&](const std::string& n, const CurveAnalysis& c,
                       const std::vector<std::size_t>& fitted) {
    return std::vector<std::string>{
        m,
        n,
        in.regime_text(fitted),
        std::to_string(c.fit.points),
        describe(c.replicates),
        c.fit.valid() ? with_interval(c.fit.slope, c.slope) : "-",
        c.fit.valid() ? fmt(c.fit.r_squared) : "-",
        c.fit.valid() ? fmt(c.max_median_residual_decades, 2) : "-",
        c.curvature.valid ? with_interval(c.curvature.slope_low, c.slope_low) + " to " +
                                with_interval(c.curvature.slope_high, c.slope_high)
                          : "-",
        in.training_text(fitted)};
  };
  // Curves that differ in more than n may be in different regimes: a law pooled over them is
  // tabulated, not claimed.
  if (!rows.transition_model && !in.several_axes()) r.verdicts.push_back(verdict);
  tables.fits.push_back(fit_cells("all", pooled, rows.converged));
  r.fits.push_back(fit_row("model=" + m + " converged", x_label, "R", pooled, false));
  const auto groups =
      group_rows(in.t, in.curve_by, [&](std::size_t i) { return contains(rows.converged, i); });
  const std::size_t curves = group_rows(in.t, in.curve_by, [&](std::size_t i) {
                               return contains(rows.curve_rows(), i);
                             }).size();
  std::string per_curve;
  // The curves' bootstraps on every core (each seeded by its key: the same numbers whatever the
  // threads), the verdicts from them in order.
  const auto analysed = parallel_map(groups.size(), [&](std::size_t k) {
    return in.curve(groups[k].rows, in.ratio, "fl|" + m + "|" + groups[k].label + "|converged");
  });
  for (std::size_t k = 0; k < groups.size(); ++k) {
    const RowGroup& g = groups[k];
    const CurveAnalysis& c = analysed[k];
    if (!rows.transition_model && curves > 1) {
      r.verdicts.push_back(
          power_law_verdict(m + " " + g.label, "R", x_label, c, "converged points", in.p));
      per_curve += (per_curve.empty() ? "" : "; ") + g.label + ": " + describe_fit(c.fit, c.slope);
    }
    tables.fits.push_back(fit_cells(g.label, c, g.rows));
    r.fits.push_back(fit_row("model=" + m + " " + g.label + " converged", x_label, "R", c, false));
    // Curves of several regimes: each its own law; a pooled one would mix them.
    if (!rows.transition_model && in.several_axes() && c.fit.valid()) {
      const std::string shown = in.label_in_panel(g.rows.front());
      tables.ratio_plot(in.panel_of(g.rows.front()))
          .series.push_back(
              fit_series("power law, " + shown, c, tables.curve_color(m + " " + shown)));
    }
  }
  if (rows.transition_model) return;
  replicate_limits(m + "'s power law", pooled, in.p, r);
  if (pooled.fit.valid() && !in.several_axes())
    tables.ratio_plot("").series.push_back(
        fit_series("power law fitted to " + m, pooled, -1));  // black: no one curve's colour
  const std::string prediction =
      "The theory predicts that the diffusion model's stationary R grows as a power of " + x_label +
      " with no jump. ";
  std::string text =
      in.several_axes()
          ? prediction + "The curves differ in more than n, so each is fitted on its own (a " +
                "least-squares fit of log R on log " + x_label + " over its converged runs; " +
                fmt(100 * in.p.level) +
                "% bootstrap intervals over replicates); a law pooled over curves of different " +
                "regimes is not stated."
          : prediction + "A least-squares fit of log R on log " + x_label + " over " +
                count_text(pooled.fit.points, "converged runs") + " (" + range_text(pooled) + ", " +
                describe(pooled.replicates) + ") finds: " + verdict + ". The interval is the " +
                fmt(100 * in.p.level) + "% bootstrap interval over replicates; the largest " +
                "distance of a median from the line is " +
                fmt(pooled.max_median_residual_decades, 2) +
                " decades (a jump would be more than " + fmt(in.p.max_jump_decades) + ").";
  if (!per_curve.empty()) text += " Fitted per curve: " + per_curve + ".";
  if (rows.excluded() > 0)
    text += " Runs that stopped at `iters` without reaching a stationary point are another " +
            std::string("regime and are left out (drawn as crosses).");
  r.claims.push_back({m + ": R against " + x_label, text, tables.ratio_plot_names()});
}

// The transition of R through 1, from every finished run, pooled and per curve.
// The accuracy-based transition width of `rows`, "; test accuracy: the median ... rises from 0.6
// to 0.9 within ..." ("" without test accuracy).
std::string accuracy_width_text(const FlInputs& in, const std::vector<std::size_t>& rows,
                                const std::string& key) {
  if (!in.t.has("test_acc")) return "";
  const LevelWidth w =
      level_width(pick(in.x, rows), pick(in.t.numbers("test_acc"), rows), point_keys(in.t, rows),
                  in.p.chance_accuracy_max, in.p.learned_accuracy_min, in.p, key);
  return "; " + level_width_text("test accuracy", x_label, w);
}

// Every numeric axis of the curves with two or more values (n, and any other), and per
// combination of the others, whether the crossing moves along it.
void crossing_trends(const FlInputs& in, const ModelRows& rows, Report& r) {
  const std::string& m = rows.model;
  for (const auto& axis : in.curve_by) {
    if (in.t.columns.at(axis).is_text) continue;
    std::vector<std::string> others;
    for (const auto& a : in.curve_by)
      if (a != axis) others.push_back(a);
    for (const auto& g :
         group_rows(in.t, others, [&](std::size_t i) { return contains(rows.finished, i); })) {
      const auto along = pick(in.t.numbers(axis), g.rows);
      if (std::set<double>(along.begin(), along.end()).size() < 2) continue;
      const CrossingTrend trend =
          crossing_trend(pick(in.x, g.rows), pick(in.ratio, g.rows), point_keys(in.t, g.rows),
                         along, in.p, "fl|" + m + "|" + g.label + "|trend|" + axis);
      r.verdicts.push_back(trend_verdict(m + (g.label == "all" ? "" : " " + g.label), axis, trend) +
                           " (" + fmt(100 * in.p.level) +
                           "% bootstrap over replicates, every crossing resampled)");
      // In fits.csv too: the crossings' power law in `axis` (the trend's slope), its interval the
      // trend's bootstrap. Needs three curves that cross, as any fit there.
      std::vector<double> at, crossings;
      for (std::size_t k = 0; k < trend.along.size(); ++k)
        if (trend.crossing[k]) {
          at.push_back(trend.along[k]);
          crossings.push_back(*trend.crossing[k]);
        }
      FitRow row{"model=" + m + (g.label == "all" ? "" : " " + g.label) + " crossing of 1", axis,
                 "crossing", fit_power_law(at, crossings), trend.slope_interval};
      r.fits.push_back(row);
    }
  }
}

// The transition of R through 1, from every finished run that trained: per curve first (with
// the accuracy-based width beside it), then how the crossing moves across curves, then pooled.
void transition_section(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables) {
  const std::string& m = rows.model;
  const auto groups =
      group_rows(in.t, in.curve_by, [&](std::size_t i) { return contains(rows.finished, i); });
  std::string per_curve;
  const bool per_curve_verdicts = groups.size() > 1 || in.several_axes();
  // As in power_law_section: the bootstraps on every core, the verdicts in order.
  const auto analysed = parallel_map(groups.size(), [&](std::size_t k) {
    const RowGroup& g = groups[k];
    return std::pair{in.curve(g.rows, in.ratio, "fl|" + m + "|" + g.label + "|finished"),
                     per_curve_verdicts
                         ? accuracy_width_text(in, g.rows, "fl|" + m + "|" + g.label + "|acc-width")
                         : std::string()};
  });
  for (std::size_t k = 0; k < groups.size(); ++k) {
    const RowGroup& g = groups[k];
    const auto& [c, accuracy_width] = analysed[k];
    r.fits.push_back(
        fit_row("model=" + m + " " + g.label + " all finished", x_label, "R", c, true));
    if (per_curve_verdicts) {
      const std::string line =
          transition_verdict(m + " " + g.label, "R", x_label, c, in.p) + accuracy_width;
      r.verdicts.push_back(line);
      per_curve += (per_curve.empty() ? "" : " ") + line + ".";
    }
  }
  if (groups.size() > 1) crossing_trends(in, rows, r);
  const CurveAnalysis all = in.curve(rows.finished, in.ratio, "fl|" + m + "|finished");
  const std::string subject = groups.size() > 1 ? m + " pooled over n" : m;
  const std::string verdict =
      transition_verdict(subject, "R", x_label, all, in.p) +
      (groups.size() > 1 ? "" : accuracy_width_text(in, rows.finished, "fl|" + m + "|acc-width")) +
      " (medians over " + count_text(rows.finished.size(), "finished runs") + ", " +
      std::to_string(rows.converged.size()) + " converged)";
  // As for the power law: a transition pooled over curves that differ in more than n is not
  // claimed; each curve has its own verdict.
  if (!in.several_axes()) r.verdicts.push_back(verdict);
  replicate_limits(m + "'s transition", all, in.p, r);
  if (all.transition.at && !all.transition.width)
    r.cannot_tell.push_back(m + ": the median R does not rise through both 0.1 and 10 over " +
                            range_text(all) + ", so the 0.1-to-10 width is not measurable");
  r.fits.push_back(fit_row("model=" + m + " all finished", x_label, "R", all, true));
  r.claims.push_back(
      {m + ": the transition of R through 1",
       "The theory predicts a phase transition for the classifier: noise memorised (R well below "
       "1) at small " +
           x_label +
           ", signal learned (R well above 1) at large. Read from the median R over "
           "replicates of every finished run that trained (interpolated linearly in log " +
           x_label + " and log R; " + range_text(all) + "). " +
           (per_curve.empty() ? "" : "Per curve: " + per_curve + " ") +
           (in.several_axes() ? "" : "Pooled: " + verdict + ". ") +
           "\"Sharp\" means the whole interval of the 0.1-to-10 width is below " +
           fmt(in.p.sharp_width_decades) +
           " decade(s) (a power law of slope 2 takes exactly 1); where the median R does not rise "
           "through both 0.1 and 10 the width is not measurable, and the test accuracy's rise "
           "from " +
           fmt(in.p.chance_accuracy_max) + " to " + fmt(in.p.learned_accuracy_min) +
           " is given beside it; intervals are " + fmt(100 * in.p.level) +
           "% bootstraps over replicates.",
       tables.ratio_plot_names()});
}

// Per (n, x): the spread over replicates of every metric, the table of R, and the curves of R
// and test accuracy.
void curve_section(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables) {
  const ResultsTable& t = in.t;
  const std::string& m = rows.model;
  // Every done run with an R, trained or not: the table states training's effect per point.
  const auto all_groups = group_rows(t, in.curve_by, [&](std::size_t i) {
    return contains(rows.finished, i) || contains(rows.untrained, i);
  });
  for (const auto& whole : all_groups) {
    RowGroup g{whole.label, {}};
    for (auto i : whole.rows)
      if (contains(rows.finished, i)) g.rows.push_back(i);
    const std::string group = "model=" + m + " " + g.label;
    const std::string panel = in.panel_of(whole.rows.front());
    Plot& plot = tables.ratio_plot(panel);
    // One colour per curve (the same in every panel and figure), so curves that cross stay
    // apart; plot.py adds a marker per series.
    const std::string shown = in.label_in_panel(whole.rows.front());
    const int color = tables.curve_color(m + " " + shown);
    for (const char* metric : {"R", "S", "N", "train_loss", "test_loss", "test_acc"}) {
      if (!t.has(metric)) continue;
      const MedianCurve c =
          in.medians(g.rows, t.numbers(metric), "fl|summary|" + group + "|" + metric);
      for (std::size_t k = 0; k < c.medians.size(); ++k)
        if (c.medians[k].y.count > 0)
          r.summary.push_back(
              {group, "nsnr2", c.medians[k].x, metric, c.medians[k].y, c.intervals[k]});
    }
    // The R the verdicts read: converged runs for the power law, every finished run for the
    // transition. Table and figure show exactly that.
    std::vector<std::size_t> used;
    for (auto i : g.rows)
      if (contains(rows.curve_rows(), i)) used.push_back(i);
    const MedianCurve r_used = in.medians(used, in.ratio, "fl|" + m + "|" + g.label + "|used");
    const MedianCurve acc = t.has("test_acc") ? in.medians(g.rows, t.numbers("test_acc"),
                                                           "fl|summary|" + group + "|test_acc")
                                              : MedianCurve{};
    for (const auto& all_x : spread_by_x(pick(in.x, whole.rows), pick(in.ratio, whole.rows))) {
      const double at = all_x.x;
      std::string r_cell = "-", acc_cell = "-";
      for (std::size_t k = 0; k < r_used.medians.size(); ++k)
        if (r_used.medians[k].x == at)
          r_cell = with_interval(r_used.medians[k].y.median, r_used.intervals[k]);
      for (std::size_t k = 0; k < acc.medians.size(); ++k)
        if (acc.medians[k].x == at && acc.medians[k].y.count > 0)
          acc_cell = with_interval(acc.medians[k].y.median, acc.intervals[k], 2);
      std::size_t conv_k = 0, untrained_k = 0;
      std::vector<RunGrowth> growths;
      for (auto i : whole.rows) {
        if (in.x[i] != at) continue;
        if (contains(rows.untrained, i))
          ++untrained_k;
        else if (in.converged(i))
          ++conv_k;
        if (in.has_growth) growths.push_back(in.growth[i]);
      }
      std::vector<std::string> cells = {m,
                                        g.label,
                                        fmt(at),
                                        std::to_string(all_x.y.count),
                                        std::to_string(conv_k),
                                        std::to_string(untrained_k),
                                        r_cell,
                                        acc_cell};
      if (in.has_growth) {
        const PointTraining pt =
            point_training(growths, in.p, "fl|training|" + group + "|" + fmt(at, 17));
        cells.push_back(fmt(pt.signal.median, 2));
        cells.push_back(fmt(pt.noise.median, 2));
        cells.push_back(fmt(pt.norm.median, 2));
        cells.push_back(training_word(pt.verdict) + " (" +
                        with_interval(pt.decades.median, pt.interval, 2) + ")");
        // summary.csv: the growths' spread over the point's runs (every run, trained or not),
        // and the decades moved with the interval the verdict reads.
        for (const auto& [name, spread] :
             {std::pair{"S/S0", pt.signal}, {"N/N0", pt.noise}, {"|W|/|W0|", pt.norm}})
          r.summary.push_back({group, "nsnr2", at, name, spread, no_interval()});
        r.summary.push_back({group, "nsnr2", at, "training_decades", pt.decades, pt.interval});
      }
      tables.points.push_back(std::move(cells));
    }
    PlotSeries curve = median_series(
        m + ", " + shown + (rows.transition_model ? "" : " (converged runs)"), r_used, color);
    plot.series.push_back(std::move(curve));
    // Every run the curve leaves out is drawn too, as a cross: unconverged runs (the power law
    // reads converged ones) and untrained ones (at initialisation, or stopped within few steps).
    PlotSeries loose{"", {}, {}, {}, {}, true};
    loose.color = color;
    bool unconverged = false, untrained = false;
    for (auto i : whole.rows)
      if (!contains(used, i) && std::isfinite(in.ratio[i])) {
        loose.x.push_back(in.x[i]);
        loose.y.push_back(in.ratio[i]);
        (contains(rows.untrained, i) ? untrained : unconverged) = true;
      }
    loose.label = m + ", " + shown + ": " +
                  (unconverged && untrained ? "unconverged or untrained"
                   : untrained              ? "untrained"
                                            : "unconverged") +
                  " (excluded)";
    if (!loose.x.empty()) plot.series.push_back(std::move(loose));
    if (!acc.medians.empty()) {
      PlotSeries a = median_series(m + ", " + g.label, acc, color);
      if (!a.x.empty()) tables.acc_plot.series.push_back(std::move(a));
    }
  }
}

// Test accuracy from the smallest to the largest n*SNR^2, pooled over n, with the medians'
// intervals.
void accuracy_verdict(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables) {
  if (!in.t.has("test_acc")) return;
  const CurveAnalysis c =
      in.curve(rows.finished, in.t.numbers("test_acc"), "fl|" + rows.model + "|test_acc");
  std::vector<std::size_t> known;
  for (std::size_t k = 0; k < c.medians.size(); ++k)
    if (c.medians[k].y.count > 0) known.push_back(k);
  if (known.size() < 2) return;
  const auto lo = known.front(), hi = known.back();
  const auto text = [&](std::size_t k) {
    const Interval& in = c.median_intervals[k];
    return accuracy_text(c.medians[k].y.median) +
           (in.valid() ? " [" + accuracy_text(in.lo) + ", " + accuracy_text(in.hi) + "]" : "") +
           " at " + x_label + " = " + fmt(c.medians[k].x, 2);
  };
  const Interval& a = c.median_intervals[lo];
  const Interval& b = c.median_intervals[hi];
  std::string outcome;
  if (!c.enough_replicates)
    outcome = "undetermined: " + describe(c.replicates) + ", too few for an interval";
  else if (a.hi < in.p.chance_accuracy_max && b.lo > in.p.learned_accuracy_min)
    outcome = "near chance below, near 1 above, as predicted";
  else if (a.lo >= in.p.chance_accuracy_max || b.hi <= in.p.learned_accuracy_min)
    outcome = "not the predicted change from chance to 1";
  else
    outcome = "undetermined (an interval reaches past " + fmt(in.p.chance_accuracy_max) + " or " +
              fmt(in.p.learned_accuracy_min) + ")";
  const std::string verdict =
      rows.model + ": median test accuracy " + text(lo) + " and " + text(hi) + ": " + outcome;
  r.verdicts.push_back(verdict);
  r.claims.push_back({rows.model + ": test accuracy",
                      "Below the transition the classifier should be near chance on fresh data "
                      "(it memorised noise), above it near 1. At the ends of the swept range: " +
                          verdict + " (\"near chance\": the interval below " +
                          fmt(in.p.chance_accuracy_max) + "; \"near 1\": above " +
                          fmt(in.p.learned_accuracy_min) + ").",
                      {tables.acc_plot.name}});
  tables.acc_caption =
      median_caption(in.p, c.replicates, tables.acc_plot) + " Dotted line: chance (0.5).";
}

// Where each of `rows` sits, "n=16 at 100 (2); n=32 at 100": curve and x, with counts.
std::string places_text(const FlInputs& in, const std::vector<std::size_t>& rows) {
  std::vector<std::pair<std::string, std::size_t>> places;
  for (const auto& g :
       group_rows(in.t, in.curve_by, [&](std::size_t i) { return contains(rows, i); }))
    for (const auto& at : spread_by_x(pick(in.x, g.rows), pick(in.x, g.rows)))
      places.push_back({g.label + " at " + x_label + " = " + fmt(at.x, 3), at.y.count});
  std::string out;
  for (const auto& [where, k] : places)
    out += (out.empty() ? "" : "; ") + where + (k > 1 ? " (" + std::to_string(k) + " runs)" : "");
  return out;
}

// Training's effect: the runs flagged as not trained, and per curve how many points trained.
void training_section(const FlInputs& in, const ModelRows& rows, Report& r) {
  const std::string& m = rows.model;
  if (!rows.early.empty()) {
    std::vector<double> norm;
    for (auto i : rows.early)
      if (in.has_growth) norm.push_back(in.growth[i].norm);
    r.verdicts.push_back(
        m + ": " + count_text(rows.early.size(), "runs") + " stopped by grad_tol within " +
        std::to_string(in.p.few_steps) + " steps (" + places_text(in, rows.early) +
        "): flagged, not counted as converged and on no curve" +
        (norm.empty() ? "" : "; their median |W|/|W0| is " + fmt(spread_of(norm).median, 2)));
  }
  if (!in.has_growth) {
    r.notes.push_back(m +
                      ": the file records no S0, N0 or w_norm0, so whether training moved the " +
                      "filters is not measured (only runs stopped within " +
                      std::to_string(in.p.few_steps) + " steps are flagged)");
    return;
  }
  const std::size_t late = rows.untrained.size() - rows.early.size();
  if (late > 0) {
    std::vector<std::size_t> at_init;
    for (auto i : rows.untrained)
      if (!contains(rows.early, i)) at_init.push_back(i);
    r.verdicts.push_back(m + ": " + count_text(late, "runs") +
                         " at initialisation (S, N and |W| each within " +
                         fmt(in.p.trained_decades) + " decades of their initial values; " +
                         places_text(in, at_init) + "): on no curve");
  }
  for (const auto& g : group_rows(in.t, in.curve_by, [&](std::size_t i) {
         return contains(rows.finished, i) || contains(rows.untrained, i);
       })) {
    std::size_t counts[3] = {0, 0, 0};
    std::vector<std::string> not_trained;
    for (const auto& at : spread_by_x(pick(in.x, g.rows), pick(in.x, g.rows))) {
      std::vector<RunGrowth> growths;
      for (auto i : g.rows)
        if (in.x[i] == at.x) growths.push_back(in.growth[i]);
      const PointTraining pt = point_training(
          growths, in.p, "fl|training|model=" + m + " " + g.label + "|" + fmt(at.x, 17));
      ++counts[static_cast<int>(pt.verdict)];
      if (pt.verdict == Training::at_initialisation)
        not_trained.push_back(fmt(at.x, 3) + ": " + describe(pt, in.p));
    }
    const std::size_t points = counts[0] + counts[1] + counts[2];
    std::string line = m + " " + g.label + ": training: " + std::to_string(counts[0]) + " of " +
                       std::to_string(points) + " points trained";
    if (counts[1] > 0) line += ", " + std::to_string(counts[1]) + " at initialisation";
    if (counts[2] > 0)
      line += ", " + std::to_string(counts[2]) + " undetermined (an interval reaching " +
              fmt(in.p.trained_decades) + " decades, or too few replicates)";
    line += "; over its " + count_text(g.rows.size(), "runs") + " " + in.training_text(g.rows) +
            " (medians)";
    if (!not_trained.empty()) {
      line += "; at initialisation at " + x_label + " = ";
      for (std::size_t k = 0; k < not_trained.size(); ++k) line += (k ? "; " : "") + not_trained[k];
    }
    r.verdicts.push_back(line);
  }
}

void left_out_notes(const ModelRows& rows, Report& r) {
  if (rows.unusable > 0)
    r.notes.push_back(rows.model + ": " + count_text(rows.unusable, "finished runs") +
                      " have no finite R or " + x_label + " and are left out");
  if (rows.unfinished > 0)
    r.notes.push_back(
        rows.model + ": " + count_text(rows.unfinished, "points not done") +
        " (missing, failed, diverged, or never placed by an adaptive search) are not in "
        "the curves");
}

}  // namespace

Report feature_learning_report(const ResultsTable& t, const ReportOptions& options) {
  Report r;
  r.title = "diffsweep report: feature learning (" + t.path + ")";
  FlInputs in{t,
              t.text("model"),
              t.numbers("R"),
              control_quantity(t),
              t.has("converged"),
              options.parameters};
  // Only axes that take more than one value here tell curves apart.
  for (const auto& axis : t.axes) {
    if (axis == "model" || axis == "n" || axis == "nsnr2" || axis == "snr" || !t.has(axis))
      continue;
    std::set<std::string> values;
    for (std::size_t i = 0; i < t.rows && values.size() < 2; ++i)
      values.insert(t.value_text(axis, i));
    if (values.size() > 1) in.curve_by.push_back(axis);
  }
  if (in.curve_by.size() > 2) in.panel_axis = in.curve_by.back();
  in.has_growth =
      t.has("S0") && t.has("N0") && t.has("w_norm0") && t.has("S") && t.has("N") && t.has("w_norm");
  in.early.assign(t.rows, 0);
  if (in.has_growth)
    for (std::size_t i = 0; i < t.rows; ++i)
      in.growth.push_back(run_growth(t.numbers("S")[i], t.numbers("S0")[i], t.numbers("N")[i],
                                     t.numbers("N0")[i], t.numbers("w_norm")[i],
                                     t.numbers("w_norm0")[i]));
  if (in.has_converged && t.has("steps"))
    for (std::size_t i = 0; i < t.rows; ++i)
      in.early[i] = stopped_early(t.numbers("converged")[i], t.numbers("steps")[i], in.p);
  if (!in.has_converged)
    r.notes.push_back("no `converged` metric: every finished run is treated as converged");
  r.notes.push_back(
      "the theorem's Theta(n SNR^2) is stated for its proof's signal and noise coefficients; the "
      "slope measured here is that of our R (raw inner products, max over filters), which need "
      "not be 1 (docs/methods.md)");
  FlTables tables;
  for (const auto& m : models_in_order(in.model)) {
    ModelRows rows = rows_of_model(in, m);
    training_section(in, rows, r);
    power_law_section(in, rows, r, tables);
    if (rows.transition_model) transition_section(in, rows, r, tables);
    curve_section(in, rows, r, tables);
    accuracy_verdict(in, rows, r, tables);
    left_out_notes(rows, r);
    const CurveAnalysis used = in.curve(rows.curve_rows(), in.ratio, "fl|" + m + "|caption");
    if (tables.interval_level.empty() || !median_coverage_note(used.replicates, in.p).empty())
      tables.interval_level = median_interval_level(used.replicates, in.p);
    tables.ratio_caption.push_back(
        m + ": " + describe(used.replicates) +
        (rows.transition_model ? " (every finished run" : " (converged runs") +
        median_coverage_note(used.replicates, in.p) + ")");
    add_dynamics_plot(r, t, m, in.x, rows.finished, options.dynamics_at, in.curve_by);
  }
  std::string curve_names;
  for (const auto& axis : in.curve_by) curve_names += (curve_names.empty() ? "" : ", ") + axis;
  std::string counts;
  for (const auto& c : tables.ratio_caption) counts += (counts.empty() ? "" : "; ") + c;
  if (tables.ratio_plots.empty()) tables.ratio_plot("");
  for (Plot& plot : tables.ratio_plots) {
    plot.hline_label = "R = 1";
    const bool any_bars =
        std::any_of(plot.series.begin(), plot.series.end(), [](const PlotSeries& s) {
          return std::any_of(s.lo.begin(), s.lo.end(), [](double v) { return std::isfinite(v); });
        });
    const bool many = drawn_without_error_bars(plot);
    // plot.py joins a curve's points only when it has more than two.
    const bool joined = std::any_of(
        plot.series.begin(), plot.series.end(),
        [](const PlotSeries& s) { return s.role == "data" && !s.points_only && s.x.size() > 2; });
    plot.caption =
        (many ? "Lines" : "Points") + std::string(": medians of R over replicates, ") +
        (joined ? "one line per model and curve (" : "per model and curve, not joined (") +
        curve_names + "); " +
        (many ? "with this many curves, no markers or error bars: each median's " +
                    fmt(100 * in.p.level) + "% bootstrap interval (" + counts + "; " +
                    std::to_string(in.p.resamples) + " resamples) is in the table of R per point."
         : any_bars
             ? "error bars: " + tables.interval_level + " bootstrap intervals of the medians (" +
                   counts + "; " + std::to_string(in.p.resamples) +
                   " resamples; none where a point has fewer than " +
                   std::to_string(in.p.min_replicates) + " replicates)."
             : "no error bars: too few replicates for an interval (" + counts +
                   "; --min-replicates " + std::to_string(in.p.min_replicates) + ").") +
        (std::any_of(plot.series.begin(), plot.series.end(),
                     [](const PlotSeries& p) { return p.points_only; })
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
  tables.acc_plot.hline_label = "chance (0.5)";
  tables.acc_plot.caption = tables.acc_caption;

  r.body +=
      "## Stationary ratio R per point\n\nMedian over replicates with its " +
      fmt(100 * in.p.level) +
      "% bootstrap interval: over the converged runs for a power-law model (the fit's points), "
      "over every finished run for classification (the transition's). \"converged\" counts runs "
      "that stopped at a stationary point and trained; \"untrained\" runs (at initialisation, or "
      "stopped by grad_tol within " +
      std::to_string(in.p.few_steps) + " steps) are on no curve. " +
      (in.has_growth
           ? "S/S0, N/N0, |W|/|W0|: medians over the point's runs of training's growth of each; "
             "training: the point's verdict, from the median over its runs of the largest "
             "|log10| of the three with its " +
                 fmt(100 * in.p.level) +
                 "% bootstrap interval over replicates (\"trained\": the interval at or above " +
                 fmt(in.p.trained_decades) + " decades; \"at initialisation\": below it)"
           : std::string("the file records no S0, N0 or w_norm0: training's effect is not "
                         "measured")) +
      ".\n\n" +
      markdown_table(in.has_growth
                         ? std::vector<std::string>{"model", "curve", x_label, "runs", "converged",
                                                    "untrained", "median R [interval]",
                                                    "median test acc [interval]", "S/S0", "N/N0",
                                                    "|W|/|W0|", "training [interval]"}
                         : std::vector<std::string>{"model", "curve", x_label, "runs", "converged",
                                                    "untrained", "median R [interval]",
                                                    "median test acc [interval]"},
                     tables.points);
  r.body += "\n## Power-law fits of log R on log(" + x_label + ")\n\nConverged runs only; " +
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
  const auto after_ratio = static_cast<std::ptrdiff_t>(tables.ratio_plots.size());
  r.plots.insert(r.plots.begin(), std::make_move_iterator(tables.ratio_plots.begin()),
                 std::make_move_iterator(tables.ratio_plots.end()));
  if (!tables.acc_plot.series.empty())
    r.plots.insert(r.plots.begin() + after_ratio, std::move(tables.acc_plot));
  add_noisy_mnist_figure(r, t, in.x);
  return r;
}

}  // namespace diffsweep::analysis
