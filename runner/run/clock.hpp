// Time: seconds on the monotonic clock for intervals (progress, snapshots, syncs, stop grace),
// and the wall-clock time as the results file and the journal record it.
#pragma once

#include <chrono>
#include <ctime>
#include <string>

namespace diffsweep {

inline double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// UTC, ISO 8601 to the second: "2026-12-01T22:52:19Z".
inline std::string utc_now_iso8601() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The same with ':' replaced by '-', for file names.
inline std::string utc_stamp_for_file_names() {
  std::string stamp = utc_now_iso8601();
  for (char& c : stamp)
    if (c == ':') c = '-';
  return stamp;
}

}  // namespace diffsweep
