// How the transfer report quotes its paired comparisons: in sentences, and once each in
// comparisons.csv.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "analysis/report/report.hpp"

namespace diffsweep::analysis {

// Into comparisons.csv, once: the winners table and the baseline table may test the same pair.
void record(Report& r, const std::string& where, const std::string& metric, const std::string& a,
            const std::string& b, const Comparison& c);

// "-0.16 [-0.25, -0.08], p = 0.013": a comparison as a sentence quotes it.
std::string short_difference(const Comparison& c);

// "wins against A (...) and B (...); is undetermined against C (...)": comparisons of one row
// with several, grouped by outcome. `at`: the others are places ("at n_target = 10"), not rows.
std::string outcomes_sentence(const std::vector<std::pair<std::string, Comparison>>& against,
                              bool at = false);

}  // namespace diffsweep::analysis
