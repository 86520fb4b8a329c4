// The synthetic experiment's report: value against x, fitted as a power law per group of the
// other axes. Its answer is known (value = y x^exponent e^(noise z)), so this is how the analysis
// itself is tested: the fitted slope must cover the exponent, and a steep power law crosses 1 at
// x = y^(-1/exponent) with a 0.1-to-10 width of 2 / exponent decades.
#include <algorithm>
#include <cmath>

#include "analysis/report/curve_figures.hpp"
#include "analysis/report/curve_verdicts.hpp"
#include "analysis/report/experiment_reports.hpp"
#include "analysis/report/parallel_map.hpp"
#include "analysis/report/row_groups.hpp"
#include "synthetic/synthetic_names.hpp"

namespace diffsweep::analysis {

Report synthetic_report(const ResultsTable& t, const ReportOptions& options) {
  if (std::find(t.axes.begin(), t.axes.end(), synthetic::names::param::x) == t.axes.end()) {
    Report r = generic_report(t, options);
    r.notes.push_back("x is not swept: no power law to fit");
    return r;
  }
  Report r;
  r.title = "diffsweep report: synthetic (" + t.path + ")";
  std::vector<std::string> others;
  for (const auto& a : t.axes)
    if (a != synthetic::names::param::x) others.push_back(a);
  const auto& x = t.numbers(synthetic::names::param::x);
  const auto& value = t.numbers(synthetic::names::metric::value);

  const AnalysisParameters& p = options.parameters;
  Plot plot{"synthetic_value_vs_x",
            "Synthetic value against $x$",
            "$x$",
            "value $= y\\,x^{\\mathrm{exponent}}\\,e^{\\mathrm{noise}\\,\\zeta}$",
            true,
            true,
            std::nullopt,
            {}};
  std::vector<std::vector<std::string>> table;
  int colour = 0;
  ReplicateCount replicates;
  const auto groups = group_rows(t, others, [&](std::size_t i) { return t.done(i); });
  // The curves are independent (each bootstrap seeded by its curve's key): all cores at once.
  const auto curves = parallel_map(groups.size(), [&](std::size_t k) {
    const RowGroup& g = groups[k];
    return analyse_curve(pick(x, g.rows), pick(value, g.rows), point_keys(t, g.rows), p,
                         "synthetic|" + g.label);
  });
  for (std::size_t k = 0; k < groups.size(); ++k) {
    const RowGroup& g = groups[k];
    const CurveAnalysis& c = curves[k];
    replicates = c.replicates;
    const std::string subject = others.empty() ? "synthetic" : "synthetic " + g.label;
    const std::string law = power_law_verdict(subject, synthetic::names::metric::value,
                                              synthetic::names::param::x, c, "points", p);
    r.verdicts.push_back(law);
    std::string text = "Least squares of log value on log x over the finished points: " + law + ".";
    // A crossing is only a claim where the curve reaches 1; elsewhere it would be noise.
    const bool reaches_one = c.transition.y_min < 1 && c.transition.y_max >= 1;
    if (reaches_one) {
      const std::string crossing = transition_verdict(subject, synthetic::names::metric::value,
                                                      synthetic::names::param::x, c, p);
      r.verdicts.push_back(crossing);
      text += " Its median curve: " + crossing + ".";
      plot.hline = 1.0;
      plot.hline_label = "value = 1";
    }
    if (!c.enough_replicates)
      r.cannot_tell.push_back(subject + ": " + describe(c.replicates) +
                              ", too few for an interval: its verdicts are undetermined");
    r.claims.push_back({subject + ": value against x", text, {plot.name}});
    r.fits.push_back(fit_row(g.label, synthetic::names::param::x, synthetic::names::metric::value,
                             c, reaches_one));
    for (std::size_t k = 0; k < c.medians.size(); ++k)
      r.summary.push_back({g.label, synthetic::names::param::x, c.medians[k].x,
                           synthetic::names::metric::value, c.medians[k].y, c.median_intervals[k]});
    plot.series.push_back(median_series(g.label, c, colour));
    if (c.fit.valid()) plot.series.push_back(fit_series("fit, " + g.label, c, colour));
    ++colour;
    table.push_back({g.label, std::to_string(c.fit.points), describe(c.replicates),
                     with_interval(c.fit.slope, c.slope), fmt(c.fit.r_squared),
                     c.transition.at ? with_interval(*c.transition.at, c.crossing) : "-",
                     c.transition.width ? with_interval(*c.transition.width, c.width) : "-"});
  }
  plot.caption =
      median_caption(p, replicates, plot) +
      (drawn_without_error_bars(plot)
           ? " Thin dashed lines: the fitted power laws in their curves' colours (each slope and "
             "its interval in fits.csv)."
           : " Thin dashed lines: the fitted power laws, slope and bootstrap interval in the "
             "legend.");
  r.body +=
      "## Power-law fits of value on x\n\nLeast squares of log value on log x over every "
      "finished point; " +
      fmt(100 * p.level) + "% bootstrap intervals over replicates.\n\n" +
      markdown_table({"group", "points", "replicates", "slope [interval]", "R^2", "crosses 1 at x",
                      "decades 0.1 to 10"},
                     table);
  r.plots.push_back(std::move(plot));
  return r;
}

}  // namespace diffsweep::analysis
