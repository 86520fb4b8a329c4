// Build identity, generated at build time by version_info.cmake (library diffsweep_version,
// linked by each program and by nothing it does not need).
#pragma once

#include <string_view>

namespace diffsweep {

std::string_view diffsweep_version();
std::string_view git_commit();  // `git describe --always --dirty`, or "unknown" outside git

}  // namespace diffsweep
