// What the runner knows about one point: its status and, once it ran, its outcome.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/experiment.hpp"

namespace diffsweep {

enum class PointStatus : std::uint8_t { pending, running, done, failed, diverged };

std::string_view to_string(PointStatus status);

// How many points are in each state.
struct StatusCounts {
  std::size_t pending = 0, running = 0, done = 0, failed = 0, diverged = 0;
  void add(PointStatus status);
  std::size_t finished() const { return done + failed + diverged; }
  std::size_t not_run() const { return pending + running; }
};

// A point is finished once it is done, failed or diverged: resume skips it.
inline bool is_finished(PointStatus s) {
  return s == PointStatus::done || s == PointStatus::failed || s == PointStatus::diverged;
}

struct PointRecord {
  std::uint64_t index = 0;
  std::uint64_t point_id = 0;
  PointStatus status = PointStatus::pending;
  std::string error;
  std::int32_t worker = 0;  // MPI rank that ran it; 0 in a single-process run
  double wall_seconds = 0.0;
  PointResult result;
};

StatusCounts count_statuses(const std::vector<PointRecord>& records);

// A compact binary encoding (little-endian as the machine is; journals and MPI messages never
// cross architectures within one sweep). decode throws std::runtime_error on a short or
// malformed buffer.
std::string encode(const PointRecord& record);
PointRecord decode(std::string_view bytes);

}  // namespace diffsweep
