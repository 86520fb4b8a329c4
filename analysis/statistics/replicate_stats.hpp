// Median and spread of a metric over the replicates of one sweep point (or any group of rows).
// Medians, not means: a few runs stuck at another stationary point should not move the curve.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace diffsweep::analysis {

struct Spread {
  std::size_t count = 0;  // finite values summarised
  double median = 0, q25 = 0, q75 = 0, min = 0, max = 0;
};

// Non-finite values are left out; with none left, count is 0 and the numbers are NaN.
// The "type 7" quantile (R's and numpy's default) of values sorted ascending, not empty.
double quantile_sorted(std::span<const double> sorted, double q);
// quantile_sorted's number for `values` in any order (finite, not empty), found by selection: the
// bootstraps take hundreds of millions of these, and sorting for them was most of the analysis's
// time. Reorders `values`.
double quantile_in_place(std::span<double> values, double q);

Spread spread_of(std::vector<double> values);
// spread_of(values).median, reordering `values` instead of copying them.
double median_in_place(std::span<double> values);

struct GroupedSpread {
  double x = 0;
  Spread y;
};

// Groups y by equal x (the axis values replicates share) and summarises each group, in x order.
std::vector<GroupedSpread> spread_by_x(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace diffsweep::analysis
