#include "analysis/statistics/paired_comparison.hpp"

#include <cmath>
#include <limits>

#include "analysis/report/report.hpp"
#include "analysis/statistics/replicate_stats.hpp"

namespace diffsweep::analysis {

Comparison compare_paired(const std::vector<double>& a, const std::vector<double>& b,
                          bool higher_is_better, const AnalysisParameters& p) {
  Comparison c;
  c.higher_is_better = higher_is_better;
  std::vector<double> diff, reference;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (!std::isfinite(a[i]) || !std::isfinite(b[i])) continue;
    diff.push_back(a[i] - b[i]);
    reference.push_back(b[i]);
    if (higher_is_better ? a[i] > b[i] : a[i] < b[i]) ++c.a_better;
  }
  c.pairs = diff.size();
  c.difference = mean_interval(diff, p.level);
  c.reference = spread_of(reference).median;
  c.margin = p.tie_margin * std::abs(c.reference);
  if (c.pairs < static_cast<std::size_t>(p.min_replicates) || c.pairs < 2) {
    c.outcome = Outcome::too_few;
    return c;
  }
  // Outcome extends PairedVerdict by too_few, its four words first and in the same order.
  static_assert(static_cast<int>(Outcome::undetermined) ==
                static_cast<int>(PairedVerdict::undetermined));
  c.outcome = static_cast<Outcome>(
      paired_verdict(c.difference.lo, c.difference.hi, c.margin, higher_is_better));
  return c;
}

std::string outcome_word(Outcome o) {
  switch (o) {
    case Outcome::wins:
      return "wins";
    case Outcome::loses:
      return "loses";
    case Outcome::ties:
      return "ties";
    case Outcome::undetermined:
      return "undetermined";
    case Outcome::too_few:
      break;
  }
  return "undetermined (too few pairs)";
}

std::string p_value_text(double p) {
  if (!std::isfinite(p)) return "p n/a";
  if (p < 1e-4) return "p < 0.0001";
  return "p = " + fmt(p, 2);
}

std::string describe(const Comparison& c) {
  const auto& d = c.difference;
  std::string s = "difference " + fmt(d.mean, 2);
  // Appended in two steps: GCC 12 warns (-Wrestrict, falsely) on " " + a temporary here.
  if (std::isfinite(d.lo)) (s += ' ') += interval_text(d.lo, d.hi);
  if (c.reference != 0 && std::isfinite(c.reference))
    s += " (" + fmt(100 * d.mean / std::abs(c.reference), 2) + "% of " + fmt(c.reference) + ")";
  s += ", " + std::to_string(c.pairs) + (c.pairs == 1 ? " pair" : " pairs");
  if (c.pairs >= 2) s += ", " + p_value_text(d.p_value);
  s += ", " + std::string(c.higher_is_better ? "higher" : "lower") + " in " +
       std::to_string(c.a_better) + " of " + std::to_string(c.pairs);
  return s;
}

}  // namespace diffsweep::analysis
