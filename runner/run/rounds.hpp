// The rounds of an adaptive sweep, [refine] (refinement.hpp) or [sequential]
// (sequential_rounds.hpp): both place points from the results so far alone, so a sweep gives the
// same points on any number of ranks and resumes, after a kill at any moment, to exactly what an
// uninterrupted run gives.
#pragma once

#include "runner/store/results_store.hpp"

namespace diffsweep {

// Plans every point the rounds placed so far, finished or not, and records the rounds' state in
// the store for the results file; nothing for a sweep that is not adaptive. Called when the run
// starts and whenever points finish.
void advance_rounds(ResultsStore& store);

// The point at `position` of the order in which a run hands out a sweep's points: index order,
// except that a [sequential] sweep goes replicate by replicate (replicate 0 of every setting and
// row, then replicate 1, ...), so every comparison's first look is run before any comparison's
// later replicates. A point's result does not depend on when it runs; only how soon each
// comparison can be judged does.
std::size_t dispatch_index(const Sweep& sweep, std::size_t position);

// The points a progress line counts towards: the planned ones, or for an adaptive sweep the most
// its budget allows (its rounds may end sooner).
std::size_t progress_total(const ResultsStore& store);

}  // namespace diffsweep
