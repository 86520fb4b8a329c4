// Seconds on the monotonic clock, for intervals (progress, snapshots, syncs, stop grace).
#pragma once

#include <chrono>

namespace diffsweep {

inline double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace diffsweep
