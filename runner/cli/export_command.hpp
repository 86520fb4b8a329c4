// `diffsweep export RESULTS.h5 [--csv POINTS.csv] [--series-csv SERIES.csv] [--netcdf GRID.nc]`:
// the points table as CSV (one row per point, the file's columns in its order), every series in
// long form (point_id,series,index,value), for tools that do not read HDF5, and the grid view
// (runner/cli/grid_view.hpp) for xarray.
#pragma once

#include <string>

namespace diffsweep {

// The files to write; an empty name is not written.
struct ExportFiles {
  std::string points_csv, series_csv, netcdf;
};

// An existing file is never overwritten (InputError): the export goes to new names. An export
// that fails leaves none of its files.
int export_files(const std::string& results, const ExportFiles& files);

}  // namespace diffsweep
