// The grid view of a sweep (`diffsweep export --netcdf`): a netCDF-4 file with a dimension per
// swept axis plus `replicate`, each metric a variable over them and each series one over them
// and `step`, so that xarray indexes the results by parameter values.
#pragma once

#include <string>

#include "results_io/results_reader.hpp"

namespace diffsweep {

// Writes the grid view of `table` (the sweep's rows only) to a new file `path`. Throws
// InputError when the file's sweep cannot be rebuilt, StorageError when writing fails.
void write_grid_view(const results::ResultsTable& table, const std::string& path);

}  // namespace diffsweep
