#include "results_io/point_status.hpp"

#include <array>
#include <utility>

namespace diffsweep::results {

namespace {

constexpr std::array<std::pair<PointStatus, std::string_view>, 5> names = {{
    {PointStatus::pending, "pending"},
    {PointStatus::running, "running"},
    {PointStatus::done, "done"},
    {PointStatus::failed, "failed"},
    {PointStatus::diverged, "diverged"},
}};

}  // namespace

std::string_view to_string(PointStatus status) {
  for (const auto& [s, name] : names)
    if (s == status) return name;
  return "?";
}

std::optional<PointStatus> status_from_text(std::string_view text) {
  for (const auto& [s, name] : names)
    if (name == text) return s;
  return std::nullopt;
}

void StatusCounts::add(PointStatus status) {
  switch (status) {
    case PointStatus::pending:
      ++pending;
      break;
    case PointStatus::running:
      ++running;
      break;
    case PointStatus::done:
      ++done;
      break;
    case PointStatus::failed:
      ++failed;
      break;
    case PointStatus::diverged:
      ++diverged;
      break;
  }
}

}  // namespace diffsweep::results
