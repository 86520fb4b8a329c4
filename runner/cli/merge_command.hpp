// `diffsweep merge OUT.h5 A.h5 B.h5 ...`: the results files of one sweep (shards, or partial runs
// of the same sweep) joined into a new results file with its own journal, so OUT.h5 is an output
// like any other: the sweep resumes into it, and --retry, status and export work on it.
//
// Files of different sweeps (another sweep hash: other points, seed or experiment) are refused,
// and so is a point that finished in two files with different outcomes (status, metrics or
// series). A point finished in one file and not in the others takes that file's row (with its
// attempts); a point finished in none stays pending. OUT.h5 must not exist.
#pragma once

#include <string>
#include <vector>

namespace diffsweep {

int merge_results(const std::string& output, const std::vector<std::string>& inputs);

}  // namespace diffsweep
