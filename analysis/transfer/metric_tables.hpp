// Per metric: a table of the method rows that have it against n_target, and its figure (the plain
// rows; the variants of TGDP have their own figure for mmd).
#pragma once

#include <string>

#include "analysis/transfer/transfer_rows.hpp"

namespace diffsweep::analysis {

// The tables' markdown section; the figures and summary.csv's rows go into `r`.
std::string metric_tables(const TransferRows& d, Report& r);

}  // namespace diffsweep::analysis
