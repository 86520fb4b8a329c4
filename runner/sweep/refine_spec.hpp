// A sweep file's [refine] section: instead of a grid along one axis, locate where a metric's
// replicates cross a level along it, for every combination of the other axes, placing points in
// rounds (common/crossing_search.hpp). The axis becomes an ordinary axis of the sweep whose
// values are the search's lattice, so every placed point is an ordinary point: its id and seed
// come from its parameters, and it has its row in the results file. Lattice values the search
// never places stay pending and are never run.
//
//   [refine]
//   axis = nsnr2          # a real parameter, in neither [fixed] nor [axes]
//   range = 0.1, 100      # the values searched, ends included
//   scale = log           # or linear (default log)
//   metric = R            # a metric of the experiment
//   level = 1             # the value whose crossing is sought
//   tolerance = 2%        # the interval's width: "2%" relative, "0.05" absolute
//   per_round = 4         # values placed per round and combination (default 4)
//   budget = 40           # most values per combination (default 40)
//   confidence = 0.99     # of the t test that puts a value below or above the level
//   seeds = independent   # or common: a replicate draws the same data at every axis value
#pragma once

#include <optional>
#include <string>

#include "common/crossing_search.hpp"
#include "common/experiment.hpp"
#include "runner/sweep/sweep_file.hpp"

namespace diffsweep {

struct RefineSpec {
  std::string axis;
  std::string metric;
  CrossingSearchSettings search;
};

// Nothing for a sweep without [refine]. Throws SweepFileError naming the file, key and value on
// an unknown or missing key, a malformed value, an axis that is not a real parameter or is given
// elsewhere, an unknown metric, or a search the lattice cannot hold.
std::optional<RefineSpec> read_refine(const SweepSpec& spec, const Experiment& experiment);

}  // namespace diffsweep
