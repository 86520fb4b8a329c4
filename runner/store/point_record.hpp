// What the runner knows about one point: its status and, once it ran, its outcome.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/experiment.hpp"
#include "results_io/point_status.hpp"

namespace diffsweep {

// The status names and counts of the results format.
using results::is_finished;
using results::PointStatus;
using results::StatusCounts;

struct PointRecord {
  std::uint64_t index = 0;
  std::uint64_t point_id = 0;
  PointStatus status = PointStatus::pending;
  std::string error;
  std::int32_t worker = 0;  // MPI rank that ran it; 0 in a single-process run
  double wall_seconds = 0.0;
  std::uint64_t seed = 0;  // the seed it ran with (a retry with --reseed runs with another)
  std::string host;        // the host that ran it
  PointResult result;
};

// A compact binary encoding (little-endian as the machine is; journals and MPI messages never
// cross architectures within one sweep). decode throws std::runtime_error on a short or
// malformed buffer. Records of diffsweep 0.1.0 end before `seed`: they decode with seed 0 and no
// host.
std::string encode(const PointRecord& record);
PointRecord decode(std::string_view bytes);

}  // namespace diffsweep
