// tests/external/gate_proxy.py's side of a test: the proxy answers a number of points, then
// holds every other until a file `go` appears in its directory, leaving a `held.PID` file there
// while it holds. A test that signals or kills a run once `held(dir)` finds it mid-sweep,
// whatever the machine's speed.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/support/subprocess.hpp"

namespace diffsweep::test {

inline bool held(const std::string& dir) {
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().filename().string().rfind("held.", 0) == 0) return true;
  return false;
}

// Polled without a deadline that a slow machine could miss: ctest's timeout ends a hang.
inline void wait_until_held(const std::string& dir) {
  while (!held(dir)) std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

inline void release(const std::string& dir) { write_text(dir + "/go", ""); }

}  // namespace diffsweep::test
