// Test accuracy from the smallest to the largest n*SNR^2: below the transition the classifier
// should be near chance on fresh data (it memorised noise), above it near 1.
#pragma once

#include "analysis/feature_learning/fl_inputs.hpp"
#include "analysis/feature_learning/fl_tables.hpp"

namespace diffsweep::analysis {

enum class AccuracyChange {
  as_predicted,   // the low end's interval below chance_accuracy, the high end's above learned
  not_predicted,  // an end's interval wholly on the wrong side
  undetermined,   // an interval reaches across its threshold
  too_few,        // too few replicates for an interval
};

// From the intervals of the median accuracy at the two ends of the range.
AccuracyChange accuracy_change(const Interval& low_end, const Interval& high_end,
                               bool enough_replicates, const AnalysisParameters& p);

// The verdict over the model's finished runs, its claim, and the accuracy figure's caption.
void accuracy_verdict(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables);

}  // namespace diffsweep::analysis
