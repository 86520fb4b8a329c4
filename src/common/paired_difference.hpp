// Two rows compared as a paired test over replicates: the mean paired difference with its
// Student-t interval, and the verdict it gives. One rule for the analysis's comparisons at a fixed
// number of replicates (analysis/paired_comparison.hpp) and for each look of a sequential sweep
// (sequential_comparison.hpp), so the two can never call the same interval differently.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace diffsweep {

// The mean of finite values with its two-sided Student-t interval at `level` (n - 1 degrees of
// freedom) and the two-sided p-value of a zero mean. Fewer than two values: no interval (NaN);
// none: the mean is NaN too. Values that all agree: the interval is the mean itself.
struct MeanInterval {
  std::size_t n = 0;
  double mean = 0, lo = 0, hi = 0, p_value = 1;
};
MeanInterval mean_interval(const std::vector<double>& values, double level);

enum class PairedVerdict {
  wins,         // the difference's interval excludes 0 on the better side (row a is better)
  loses,        // ... on the worse side
  ties,         // the interval lies within +- margin
  undetermined  // the interval contains 0 and reaches past the margin, or there is none
};
// The verdict of the interval [lo, hi] of a - b: ties when it lies within +- margin, else wins
// or loses when it excludes 0 (on the side `higher_is_better` says), else undetermined (and for
// a NaN interval).
PairedVerdict paired_verdict(double lo, double hi, double margin, bool higher_is_better);
// "wins", "loses", "ties", "undetermined".
std::string to_string(PairedVerdict verdict);

}  // namespace diffsweep
