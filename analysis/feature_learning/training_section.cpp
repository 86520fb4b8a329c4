#include "analysis/feature_learning/training_section.hpp"

#include "analysis/statistics/replicate_stats.hpp"

namespace diffsweep::analysis {

namespace {

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

// The runs flagged as untrained, early stops first.
void untrained_runs(const FlInputs& in, const ModelRows& rows, Report& r) {
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
  if (!in.has_growth) return;
  const std::size_t late = rows.untrained.size() - rows.early.size();
  if (late == 0) return;
  std::vector<std::size_t> at_init;
  for (auto i : rows.untrained)
    if (!contains(rows.early, i)) at_init.push_back(i);
  r.verdicts.push_back(m + ": " + count_text(late, "runs") +
                       " at initialisation (S, N and |W| each within " + fmt(in.p.trained_decades) +
                       " decades of their initial values; " + places_text(in, at_init) +
                       "): on no curve");
}

std::string curve_line(const FlInputs& in, const std::string& m, const RowGroup& g) {
  const CurveTraining c = curve_training(in, m, g);
  std::string line = m + " " + g.label + ": training: " + std::to_string(c.trained) + " of " +
                     std::to_string(c.points()) + " points trained";
  if (c.at_initialisation > 0)
    line += ", " + std::to_string(c.at_initialisation) + " at initialisation";
  if (c.undetermined > 0)
    line += ", " + std::to_string(c.undetermined) + " undetermined (an interval reaching " +
            fmt(in.p.trained_decades) + " decades, or too few replicates)";
  line += "; over its " + count_text(g.rows.size(), "runs") + " " + in.training_text(g.rows) +
          " (medians)";
  if (!c.not_trained.empty()) {
    line += "; at initialisation at " + x_label + " = ";
    for (std::size_t k = 0; k < c.not_trained.size(); ++k)
      line += (k ? "; " : "") + fmt(c.not_trained[k].first, 3) + ": " +
              describe(c.not_trained[k].second, in.p);
  }
  return line;
}

}  // namespace

CurveTraining curve_training(const FlInputs& in, const std::string& m, const RowGroup& g) {
  CurveTraining c;
  for (const auto& at : spread_by_x(pick(in.x, g.rows), pick(in.x, g.rows))) {
    std::vector<RunGrowth> growths;
    for (auto i : g.rows)
      if (in.x[i] == at.x) growths.push_back(in.growth[i]);
    const PointTraining pt = point_training(
        growths, in.p, "fl|training|model=" + m + " " + g.label + "|" + fmt(at.x, 17));
    switch (pt.verdict) {
      case Training::trained:
        ++c.trained;
        break;
      case Training::at_initialisation:
        ++c.at_initialisation;
        c.not_trained.push_back({at.x, pt});
        break;
      default:
        ++c.undetermined;
    }
  }
  return c;
}

void training_section(const FlInputs& in, const ModelRows& rows, Report& r) {
  untrained_runs(in, rows, r);
  if (!in.has_growth) {
    r.notes.push_back(rows.model +
                      ": the file records no S0, N0 or w_norm0, so whether training moved the " +
                      "filters is not measured (only runs stopped within " +
                      std::to_string(in.p.few_steps) + " steps are flagged)");
    return;
  }
  for (const auto& g : group_rows(in.t, in.curve_by, [&](std::size_t i) {
         return contains(rows.finished, i) || contains(rows.untrained, i);
       }))
    r.verdicts.push_back(curve_line(in, rows.model, g));
}

}  // namespace diffsweep::analysis
