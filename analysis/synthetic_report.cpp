// The synthetic experiment's report: value against x, fitted as a power law per group of the
// other axes. Its answer is known (value = y x^exponent e^(noise z)), so this is how the analysis
// itself is tested: the fitted slope must cover the exponent, and a steep power law crosses 1 at
// x = y^(-1/exponent) with a 0.1-to-10 width of 2 / exponent decades.
#include <algorithm>
#include <cmath>

#include "analysis/curve_verdicts.hpp"
#include "analysis/experiment_reports.hpp"
#include "analysis/row_groups.hpp"

namespace diffsweep::analysis {

Report synthetic_report(const ResultsTable& t, const ReportOptions& options) {
  if (std::find(t.axes.begin(), t.axes.end(), "x") == t.axes.end()) {
    Report r = generic_report(t, options);
    r.notes.push_back("x is not swept: no power law to fit");
    return r;
  }
  Report r;
  r.title = "diffsweep report: synthetic (" + t.path + ")";
  std::vector<std::string> others;
  for (const auto& a : t.axes)
    if (a != "x") others.push_back(a);
  const auto& x = t.numbers("x");
  const auto& value = t.numbers("value");

  Plot plot{"synthetic_value_vs_x",
            "value against x (median, quartile band)",
            "x",
            "value",
            true,
            true,
            std::nullopt,
            {}};
  std::vector<std::vector<std::string>> table;
  for (const auto& g : group_rows(t, others, [&](std::size_t i) { return t.done(i); })) {
    const CurveAnalysis c = analyse_curve(pick(x, g.rows), pick(value, g.rows));
    const std::string subject = others.empty() ? "synthetic" : "synthetic " + g.label;
    r.verdicts.push_back(power_law_verdict(subject, "value", "x", c, "points"));
    // A crossing is only a claim where the curve reaches 1; elsewhere it would be noise.
    const bool reaches_one = c.transition.y_min < 1 && c.transition.y_max >= 1;
    if (reaches_one) {
      r.verdicts.push_back(transition_verdict(subject, "value", "x", c));
      plot.hline = 1.0;
    }
    r.fits.push_back({g.label, "x", "value", c.fit, c.transition.at, c.transition.width});
    PlotSeries s{g.label, {}, {}, {}, {}, false};
    for (const auto& m : c.medians) {
      r.summary.push_back({g.label, "x", m.x, "value", m.y});
      s.x.push_back(m.x);
      s.y.push_back(m.y.median);
      s.lo.push_back(m.y.q25);
      s.hi.push_back(m.y.q75);
    }
    plot.series.push_back(std::move(s));
    table.push_back({g.label, std::to_string(c.fit.points), fmt(c.fit.slope),
                     interval_text(c.fit.slope_lo, c.fit.slope_hi), fmt(c.fit.r_squared),
                     c.transition.at ? fmt(*c.transition.at) : "-",
                     c.transition.width ? fmt(*c.transition.width) : "-"});
  }
  r.body +=
      "## Power-law fits of value on x\n\nLeast squares of log value on log x over every "
      "finished point; 95% interval of the slope from Student's t.\n\n" +
      markdown_table(
          {"group", "points", "slope", "95% CI", "R^2", "crosses 1 at x", "decades 0.1 to 10"},
          table);
  r.plots.push_back(std::move(plot));
  return r;
}

}  // namespace diffsweep::analysis
