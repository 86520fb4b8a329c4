// Training's effect on the feature-learning runs: the runs flagged as not trained (stopped by
// grad_tol within few-steps, or at initialisation) and per curve how many points trained.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "analysis/feature_learning/fl_inputs.hpp"

namespace diffsweep::analysis {

// A curve's points by their training verdict (training_effect.hpp): R against R0 cannot tell,
// since R can stay at R0 while S and N both grow.
struct CurveTraining {
  std::size_t trained = 0, at_initialisation = 0, undetermined = 0;
  std::vector<std::pair<double, PointTraining>> not_trained;  // x and verdict, at initialisation
  std::size_t points() const { return trained + at_initialisation + undetermined; }
};

// The points of curve `g` of model `m` (its rows trained or not), each from its replicates.
CurveTraining curve_training(const FlInputs& in, const std::string& m, const RowGroup& g);

void training_section(const FlInputs& in, const ModelRows& rows, Report& r);

}  // namespace diffsweep::analysis
