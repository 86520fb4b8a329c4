// `diffsweep status RESULTS.h5`: what a results file holds and what remains, as text for a person
// or (--json) one JSON object for scripts.
#pragma once

#include <ostream>
#include <string>

namespace diffsweep {

// Throws InputError (exit 2) when `path` is not a diffsweep results file.
int print_status(std::ostream& out, const std::string& path, bool json);

}  // namespace diffsweep
