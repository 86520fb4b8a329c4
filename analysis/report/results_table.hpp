// The results library's reader, under the names the reports use.
#pragma once

#include "results_io/results_reader.hpp"

namespace diffsweep::analysis {

using results::describe_counts;
using results::load_results;
using results::read_series;
using results::ResultsTable;
using results::Role;

}  // namespace diffsweep::analysis
