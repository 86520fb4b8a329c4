// What training did to a feature-learning run, measured against its random initial filters: the
// growth of signal learning S / S0, of noise learning N / N0 and of the filters' norm |W| / |W0|
// (the experiment records S0, N0 and w_norm0). R alone cannot say it: R = S / N can stay at the
// initial R0 while S and N both grow tenfold, and a classifier stopped after one step keeps
// nearly its initial R while looking converged.
//
// A run "moved" by the largest of |log10 S/S0|, |log10 N/N0|, |log10 |W|/|W0||, in decades. A
// sweep point (its replicates) is "trained" when the bootstrap interval of the median of that
// over replicates lies at or above `trained-decades` (default 0.3, a factor 2), "at
// initialisation" when it lies below, else undetermined; with fewer replicates than
// `min-replicates`, undetermined. A single run is called at initialisation when it moved less, or
// when it stopped by grad_tol within `few-steps` steps ("stopped early").
#pragma once

#include <string>
#include <vector>

#include "analysis/statistics/analysis_parameters.hpp"
#include "analysis/statistics/bootstrap.hpp"
#include "analysis/statistics/replicate_stats.hpp"

namespace diffsweep::analysis {

struct RunGrowth {
  double signal = 0, noise = 0, norm = 0;  // S / S0, N / N0, |W| / |W0|; NaN when not recorded
  // max of the three |log10|; NaN when any is missing.
  double decades() const;
};

RunGrowth run_growth(double s, double s0, double n, double n0, double w_norm, double w_norm0);

// converged = 1 within `few-steps` accepted steps.
bool stopped_early(double converged, double steps, const AnalysisParameters& p);

// A run that did not train: it moved less than `trained-decades`, or stopped early.
bool run_at_initialisation(const RunGrowth& g, bool early, const AnalysisParameters& p);

enum class Training { trained, at_initialisation, undetermined };
std::string training_word(Training t);

// One sweep point, from its replicates' growths.
struct PointTraining {
  Spread decades, signal, noise, norm;  // over replicates
  Interval interval = no_interval();    // of the median decades
  Training verdict = Training::undetermined;
};
PointTraining point_training(const std::vector<RunGrowth>& replicates, const AnalysisParameters& p,
                             const std::string& key);

// "trained (moved 0.98 [0.95, 1.0] decades; S/S0 9.1, N/N0 8.7, |W|/|W0| 10)".
std::string describe(const PointTraining& t, const AnalysisParameters& p);

}  // namespace diffsweep::analysis
