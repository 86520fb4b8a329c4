// The training dynamics S(step) and N(step) of a few runs per model (the paper's Figure 2).
#pragma once

#include <string>
#include <vector>

#include "analysis/report/report.hpp"
#include "analysis/report/results_table.hpp"

namespace diffsweep::analysis {

// Points whose S and N series are drawn: the largest n's first replicate of the first curve (the
// first value of every other curve axis, such as sigma0, so the runs differ in n*SNR^2 alone)
// nearest each requested n*SNR^2 (e.g. the paper's 0.75 and 6.75), or by default at the
// smallest, middle and largest, so the low and high regimes and one in between are always shown.
std::vector<std::size_t> dynamics_points(const ResultsTable& t, const std::vector<double>& x,
                                         const std::vector<std::size_t>& rows,
                                         const std::vector<double>& at,
                                         const std::vector<std::string>& curve_by);

// `curve_by`: the axes that tell curves apart (n, sigma0, ...), each named in the caption.
void add_dynamics_plot(Report& r, const ResultsTable& t, const std::string& model,
                       const std::vector<double>& x, const std::vector<std::size_t>& rows,
                       const std::vector<double>& at, const std::vector<std::string>& curve_by);

}  // namespace diffsweep::analysis
