// Running one point on whichever process holds it: the experiment's exceptions become a `failed`
// record and non-finite metrics a `diverged` one, so the sweep always goes on.
#pragma once

#include "common/experiment.hpp"
#include "runner/store/point_record.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

// This machine's name, as gethostname(2) gives it.
std::string host_name();

// What the experiment is told of the point besides its parameters.
PointContext context_of(const SweepPoint& point, std::uint64_t sweep_seed);

// Announces `points` to the experiment (Experiment::announce), in the order they will run.
void announce_points(Experiment& experiment, const std::vector<SweepPoint>& points,
                     std::uint64_t sweep_seed);

// `host`: this machine's name (host_name(), asked once per process, not per point).
PointRecord execute_point(Experiment& experiment, const SweepPoint& point, std::uint64_t sweep_seed,
                          std::int32_t worker, const std::string& host);

}  // namespace diffsweep
