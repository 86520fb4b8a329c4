// A point's state, as the runner tracks it and the results file's `status` column spells it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace diffsweep::results {

enum class PointStatus : std::uint8_t { pending, running, done, failed, diverged };

std::string_view to_string(PointStatus status);
std::optional<PointStatus> status_from_text(std::string_view text);

// A point is finished once it is done, failed or diverged: resume skips it.
inline bool is_finished(PointStatus s) {
  return s == PointStatus::done || s == PointStatus::failed || s == PointStatus::diverged;
}

// How many points are in each state.
struct StatusCounts {
  std::size_t pending = 0, running = 0, done = 0, failed = 0, diverged = 0;
  void add(PointStatus status);
  std::size_t finished() const { return done + failed + diverged; }
  std::size_t not_run() const { return pending + running; }
  std::size_t total() const { return finished() + not_run(); }
};

}  // namespace diffsweep::results
