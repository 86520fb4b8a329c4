#include "analysis/feature_learning/accuracy_verdict.hpp"

#include <cstdio>

#include "analysis/report/curve_figures.hpp"
#include "feature_learning/feature_learning_names.hpp"

namespace diffsweep::analysis {

namespace fl = feature_learning::names;

namespace {

// Two decimals always ("0.50", "1.00"): accuracies are compared with chance and with 1.
std::string accuracy_text(double a) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", a);
  return text;
}

// "0.50 [0.50, 0.50] at n*SNR^2 = 0.1": the median at the curve's k-th x.
std::string median_text(const CurveAnalysis& c, std::size_t k) {
  const Interval& in = c.median_intervals[k];
  return accuracy_text(c.medians[k].y.median) +
         (in.valid() ? " [" + accuracy_text(in.lo) + ", " + accuracy_text(in.hi) + "]" : "") +
         " at " + x_label + " = " + fmt(c.medians[k].x, 2);
}

std::string change_text(AccuracyChange change, const CurveAnalysis& c,
                        const AnalysisParameters& p) {
  switch (change) {
    case AccuracyChange::too_few:
      return "undetermined: " + describe(c.replicates) + ", too few for an interval";
    case AccuracyChange::as_predicted:
      return "near chance below, near 1 above, as predicted";
    case AccuracyChange::not_predicted:
      return "not the predicted change from chance to 1";
    default:
      return "undetermined (an interval reaches past " + fmt(p.chance_accuracy_max) + " or " +
             fmt(p.learned_accuracy_min) + ")";
  }
}

}  // namespace

AccuracyChange accuracy_change(const Interval& low_end, const Interval& high_end,
                               bool enough_replicates, const AnalysisParameters& p) {
  if (!enough_replicates) return AccuracyChange::too_few;
  if (low_end.hi < p.chance_accuracy_max && high_end.lo > p.learned_accuracy_min)
    return AccuracyChange::as_predicted;
  if (low_end.lo >= p.chance_accuracy_max || high_end.hi <= p.learned_accuracy_min)
    return AccuracyChange::not_predicted;
  return AccuracyChange::undetermined;
}

void accuracy_verdict(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables) {
  if (!in.t.has(fl::metric::test_acc)) return;
  const CurveAnalysis c =
      in.curve(rows.finished, in.t.numbers(fl::metric::test_acc), "fl|" + rows.model + "|test_acc");
  std::vector<std::size_t> known;
  for (std::size_t k = 0; k < c.medians.size(); ++k)
    if (c.medians[k].y.count > 0) known.push_back(k);
  if (known.size() < 2) return;
  const auto lo = known.front(), hi = known.back();
  const AccuracyChange change =
      accuracy_change(c.median_intervals[lo], c.median_intervals[hi], c.enough_replicates, in.p);
  const std::string verdict = rows.model + ": median test accuracy " + median_text(c, lo) +
                              " and " + median_text(c, hi) + ": " + change_text(change, c, in.p);
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

}  // namespace diffsweep::analysis
