// Comparing two rows of a sweep (two methods, a method and its noise floor) as a paired test over
// replicates: the replicates of one sweep share their data, evaluation samples and sampler noise
// across methods, so the difference within a replicate is what carries the comparison.
//
// The interval is Student's t on the mean paired difference (n - 1 degrees of freedom), with its
// two-sided p-value. With the 5 replicates our sweeps have, a percentile bootstrap of a mean is too
// narrow (it ignores the t quantile: 1.96 where t_4 is 2.78), and a rank test cannot go below
// p = 1/16, so neither could tell a large consistent difference from noise honestly.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "analysis/statistics/analysis_parameters.hpp"
#include "common/paired_difference.hpp"

namespace diffsweep::analysis {

using diffsweep::mean_interval;
using diffsweep::MeanInterval;

enum class Outcome {
  wins,          // the difference's interval excludes 0 on the better side (and the margin)
  loses,         // ... on the worse side
  ties,          // the interval lies within +- margin
  undetermined,  // the interval contains 0 and reaches past the margin
  too_few,       // fewer pairs than min_replicates
};

struct Comparison {
  std::size_t pairs = 0;
  MeanInterval difference;   // of a - b
  std::size_t a_better = 0;  // pairs in which a is strictly better
  double reference = 0;      // median of b: the base of the margin
  double margin = 0;         // tie_margin * |reference|
  bool higher_is_better = false;
  Outcome outcome = Outcome::too_few;
};

// a[i] and b[i] are the same replicate; pairs with a non-finite side are left out.
Comparison compare_paired(const std::vector<double>& a, const std::vector<double>& b,
                          bool higher_is_better, const AnalysisParameters& p);

// "wins", "loses", "ties", "undetermined", "undetermined (too few pairs)".
std::string outcome_word(Outcome o);
// "difference -0.05 [-0.07, -0.03] (-25% of 0.2), 5 pairs, p = 0.003, lower in 5 of 5"
std::string describe(const Comparison& c);
// "p = 0.003", "p < 0.0001".
std::string p_value_text(double p);

}  // namespace diffsweep::analysis
