#include "analysis/feature_learning/transition_section.hpp"

#include <set>

#include "analysis/report/parallel_map.hpp"
#include "analysis/statistics/crossing_trend.hpp"
#include "analysis/statistics/level_width.hpp"
#include "feature_learning/feature_learning_names.hpp"

namespace diffsweep::analysis {

namespace fl = feature_learning::names;

namespace {

// The accuracy-based transition width of `rows`, "; test accuracy: the median ... rises from 0.6
// to 0.9 within ..." ("" without test accuracy).
std::string accuracy_width_text(const FlInputs& in, const std::vector<std::size_t>& rows,
                                const std::string& key) {
  if (!in.t.has(fl::metric::test_acc)) return "";
  const LevelWidth w = level_width(pick(in.x, rows), pick(in.t.numbers(fl::metric::test_acc), rows),
                                   point_keys(in.t, rows), in.p.chance_accuracy_max,
                                   in.p.learned_accuracy_min, in.p, key);
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

// The claim's paragraph: the prediction, how it was read, and the verdicts.
std::string claim_text(const FlInputs& in, const CurveAnalysis& all, const std::string& per_curve,
                       const std::string& verdict) {
  return "The theory predicts a phase transition for the classifier: noise memorised (R well below "
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
         "% bootstraps over replicates.";
}

}  // namespace

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
        fit_row("model=" + m + " " + g.label + " all finished", x_label, fl::metric::R, c, true));
    if (per_curve_verdicts) {
      const std::string line =
          transition_verdict(m + " " + g.label, fl::metric::R, x_label, c, in.p) + accuracy_width;
      r.verdicts.push_back(line);
      per_curve += (per_curve.empty() ? "" : " ") + line + ".";
    }
  }
  if (groups.size() > 1) crossing_trends(in, rows, r);
  const CurveAnalysis all = in.curve(rows.finished, in.ratio, "fl|" + m + "|finished");
  const std::string subject = groups.size() > 1 ? m + " pooled over n" : m;
  const std::string verdict =
      transition_verdict(subject, fl::metric::R, x_label, all, in.p) +
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
  r.fits.push_back(fit_row("model=" + m + " all finished", x_label, fl::metric::R, all, true));
  r.claims.push_back({m + ": the transition of R through 1",
                      claim_text(in, all, per_curve, verdict), tables.ratio_plot_names()});
}

}  // namespace diffsweep::analysis
