// `diffsweep export RESULTS.h5 --csv POINTS.csv [--series-csv SERIES.csv]`: the points table as
// CSV (one row per point, the file's columns in its order) and every series in long form
// (point_id,series,index,value), for tools that do not read HDF5.
#pragma once

#include <string>

namespace diffsweep {

// An existing CSV is never overwritten (InputError): the export goes to a new name. An export
// that fails leaves neither CSV.
int export_csv(const std::string& results, const std::string& points_csv,
               const std::string& series_csv);

}  // namespace diffsweep
