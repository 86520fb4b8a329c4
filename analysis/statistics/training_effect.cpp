#include "analysis/statistics/training_effect.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/report/report.hpp"

namespace diffsweep::analysis {

double RunGrowth::decades() const {
  if (!(signal > 0 && noise > 0 && norm > 0)) return std::nan("");
  return std::max(
      {std::abs(std::log10(signal)), std::abs(std::log10(noise)), std::abs(std::log10(norm))});
}

RunGrowth run_growth(double s, double s0, double n, double n0, double w_norm, double w_norm0) {
  return {s / s0, n / n0, w_norm / w_norm0};
}

bool stopped_early(double converged, double steps, const AnalysisParameters& p) {
  return converged == 1 && steps <= p.few_steps;
}

bool run_at_initialisation(const RunGrowth& g, bool early, const AnalysisParameters& p) {
  const double moved = g.decades();
  return early || (std::isfinite(moved) && moved < p.trained_decades);
}

std::string training_word(Training t) {
  switch (t) {
    case Training::trained:
      return "trained";
    case Training::at_initialisation:
      return "at initialisation";
    default:
      return "undetermined";
  }
}

PointTraining point_training(const std::vector<RunGrowth>& replicates, const AnalysisParameters& p,
                             const std::string& key) {
  PointTraining out;
  std::vector<double> decades, signal, noise, norm;
  for (const auto& g : replicates) {
    decades.push_back(g.decades());
    signal.push_back(g.signal);
    noise.push_back(g.noise);
    norm.push_back(g.norm);
  }
  out.decades = spread_of(decades);
  out.signal = spread_of(signal);
  out.noise = spread_of(noise);
  out.norm = spread_of(norm);
  std::vector<std::size_t> usable;
  for (std::size_t i = 0; i < decades.size(); ++i)
    if (std::isfinite(decades[i])) usable.push_back(i);
  if (usable.size() < static_cast<std::size_t>(p.min_replicates)) return out;
  out.interval = median_interval(decades, {usable}, p, key + "|trained");
  if (!out.interval.valid()) return out;
  if (out.interval.lo >= p.trained_decades)
    out.verdict = Training::trained;
  else if (out.interval.hi < p.trained_decades)
    out.verdict = Training::at_initialisation;
  return out;
}

std::string describe(const PointTraining& t, const AnalysisParameters& p) {
  if (t.decades.count == 0) return "not recorded";
  std::string s = training_word(t.verdict) + " (moved " +
                  with_interval(t.decades.median, t.interval, 2) + " decades";
  if (!t.interval.valid())
    s += ", " + std::to_string(t.decades.count) + " replicates: too few for an interval";
  return s + "; S/S0 " + fmt(t.signal.median, 2) + ", N/N0 " + fmt(t.noise.median, 2) +
         ", |W|/|W0| " + fmt(t.norm.median, 2) + "; threshold " + fmt(p.trained_decades) + ")";
}

}  // namespace diffsweep::analysis
