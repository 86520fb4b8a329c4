// Build identity, generated at build time by version_info.cmake.
#pragma once

#include <string_view>

namespace diffsweep {

std::string_view diffsweep_version();
std::string_view git_commit();  // `git describe --always --dirty`, or "unknown" outside git

}  // namespace diffsweep
