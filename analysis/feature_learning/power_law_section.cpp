#include "analysis/feature_learning/power_law_section.hpp"

#include "analysis/report/curve_figures.hpp"
#include "analysis/report/parallel_map.hpp"
#include "feature_learning/feature_learning_names.hpp"

namespace diffsweep::analysis {

namespace fl = feature_learning::names;

namespace {

// One row of the fits table.
std::vector<std::string> fit_cells(const FlInputs& in, const std::string& m, const std::string& n,
                                   const CurveAnalysis& c, const std::vector<std::size_t>& fitted) {
  return {m,
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
}

// Per curve: its fit in the tables, its verdict and law for a power-law model; returns the
// claim's "n=16: slope ..." list.
std::string per_curve_fits(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables) {
  const std::string& m = rows.model;
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
      r.verdicts.push_back(power_law_verdict(m + " " + g.label, fl::metric::R, x_label, c,
                                             "converged points", in.p));
      per_curve += (per_curve.empty() ? "" : "; ") + g.label + ": " + describe_fit(c.fit, c.slope);
    }
    tables.fits.push_back(fit_cells(in, m, g.label, c, g.rows));
    r.fits.push_back(
        fit_row("model=" + m + " " + g.label + " converged", x_label, fl::metric::R, c, false));
    // Curves of several regimes: each its own law; a pooled one would mix them.
    if (!rows.transition_model && in.several_axes() && c.fit.valid()) {
      const std::string shown = in.label_in_panel(g.rows.front());
      tables.ratio_plot(in.panel_of(g.rows.front()))
          .series.push_back(
              fit_series("power law, " + shown, c, tables.curve_color(m + " " + shown)));
    }
  }
  return per_curve;
}

std::string claim_text(const FlInputs& in, const ModelRows& rows, const CurveAnalysis& pooled,
                       const std::string& verdict, const std::string& per_curve) {
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
  return text;
}

}  // namespace

void power_law_section(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables) {
  const std::string& m = rows.model;
  const CurveAnalysis pooled = in.curve(rows.converged, in.ratio, "fl|" + m + "|converged");
  std::string verdict =
      power_law_verdict(m, fl::metric::R, x_label, pooled, "converged points", in.p);
  if (rows.excluded() > 0)
    verdict += "; " + count_text(rows.excluded(), "unconverged points excluded");
  // Curves that differ in more than n may be in different regimes: a law pooled over them is
  // tabulated, not claimed.
  if (!rows.transition_model && !in.several_axes()) r.verdicts.push_back(verdict);
  tables.fits.push_back(fit_cells(in, m, "all", pooled, rows.converged));
  r.fits.push_back(fit_row("model=" + m + " converged", x_label, fl::metric::R, pooled, false));
  const std::string per_curve = per_curve_fits(in, rows, r, tables);
  if (rows.transition_model) return;
  replicate_limits(m + "'s power law", pooled, in.p, r);
  if (pooled.fit.valid() && !in.several_axes())
    tables.ratio_plot("").series.push_back(
        fit_series("power law fitted to " + m, pooled, -1));  // black: no one curve's colour
  r.claims.push_back({m + ": R against " + x_label,
                      claim_text(in, rows, pooled, verdict, per_curve), tables.ratio_plot_names()});
}

}  // namespace diffsweep::analysis
