// A sweep file's [sequential] section: replicates until each paired comparison is determined.
// The rows of one axis (methods, say) are compared pairwise on a metric within each setting of
// the other axes, paired by replicate; replicates are added in rounds to every setting whose
// comparisons are still undetermined, until each is determined or at its budget
// (common/sequential_comparison.hpp; docs/methods.md, "Sequential replicates"). The sweep's
// points are those of a fixed design at the budget, so every point placed is an ordinary point
// with its id, seed and row; replicates no round placed stay pending and are never run.
//
//   [sequential]
//   axis = method        # an axis ([axes] or a case) whose values are compared, or `case`:
//                        # the [case.NAME] rows within each setting of the [axes] axes
//   reference = tgdp     # optional: these values (a, b, ...) each against every value that is
//                        # not one of them (default: every pair)
//   metric = mmd         # a metric of the experiment
//   better = lower       # or higher
//   margin = 10%         # "ties" within +- margin: "10%" of the other row's median, or absolute
//   start = 5            # replicates at the first look (default 5)
//   budget = 40          # most replicates (default 40): the sweep's replicates
//   growth = 2           # each look's replicates: the previous look's times growth (default 2)
//   confidence = 0.95    # of each verdict, whatever the number of looks (default 0.95)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/experiment.hpp"
#include "common/sequential_comparison.hpp"
#include "runner/sweep/sweep_file.hpp"

namespace diffsweep {

struct SequentialSpec {
  std::string axis;                     // a parameter, or compared_cases
  std::string reference;                // as written; empty: every pair of the axis' values
  std::vector<std::string> references;  // its values
  std::string metric;
  SequentialSettings settings;

  bool compares_cases() const { return axis == sequential_case_axis; }
};

// Nothing for a sweep without [sequential]. Throws SweepFileError naming the file, key and value
// on an unknown or missing key, a malformed value, an axis that is not swept, an unknown metric,
// settings the rule cannot use, sweep.replicates given too, or [refine] in the same file.
std::optional<SequentialSpec> read_sequential(const SweepSpec& spec, const Experiment& experiment);

}  // namespace diffsweep
