// From a sweep file to its points: every value checked against the experiment's parameters, the
// Cartesian product of the axes times the replicates, and each point's stable id and seed.
//
// Order: axes in the order the file lists them, the first axis varying slowest and the last
// fastest (like nested loops written in file order); the replicate index is the innermost loop.
// With [case.NAME] sections, the cases come one after another in file order, each the product of
// its own axes (slower, in file order) and [axes]; a point that two cases share is refused.
// A point's index is its position in that order and its row in the results file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/experiment.hpp"
#include "runner/sweep/sweep_file.hpp"

namespace diffsweep {

struct SweepPoint {
  std::size_t index = 0;
  std::uint64_t point_id = 0;  // hash of the experiment, canonical parameters and replicate
  std::uint64_t seed = 0;      // derive_seed(sweep seed, point_id)
  std::int64_t replicate = 0;
  Params params;
};

struct Sweep {
  SweepSpec spec;
  std::vector<std::string> axis_names;  // every parameter an axis or a case varies
  std::vector<SweepPoint> points;
  // Hash of the experiment, sweep seed and the ordered point ids: two sweep files with the same
  // hash run exactly the same points, so one may resume the other.
  std::uint64_t hash = 0;
};

// Throws SweepFileError on an unknown experiment or key, a malformed or out-of-range value, an
// empty axis, a value repeated within an axis or a point repeated across cases.
Sweep expand_sweep(const SweepSpec& spec, const Experiment& experiment);

std::uint64_t point_id_of(const Experiment& experiment, const Params& params,
                          std::int64_t replicate);

}  // namespace diffsweep
