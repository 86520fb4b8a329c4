// Locating where a noisy, replicated metric crosses a level along one axis, with a fraction of a
// dense grid's points: the placement rule of a sweep's [refine] section (docs/methods.md,
// "Adaptive sweeps"). Pure functions of the results so far, so a placement is the same whoever
// computes it and whenever: a resumed sweep places exactly the points an uninterrupted one did.
//
// The axis is a fixed lattice of candidate values, fine enough that two lattice steps meet the
// tolerance; each evaluated lattice value holds its replicates' metric values. A value is
// *below* (or *above*) the level when a two-sided Student t test over its replicates says so at
// `side_confidence` (0.99: a value whose true mean sits on the other side is called wrong with
// probability at most 0.005); values the test cannot place are near the level and never end an
// interval. The search keeps the interval between the last below value and the first above value
// from the axis's low end (for a metric that falls along the axis, above and below swap), and
// each round places `per_round` new values evenly inside it until it is within tolerance. The
// interval is the answer, and an honest one: it brackets the crossing of a monotone metric's mean
// unless a value next to the crossing was called wrong. Its width is limited by the replicates'
// spread: values within a few standard errors of the level cannot be placed.
#pragma once

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "common/setting_error.hpp"

namespace diffsweep {

enum class AxisScale { linear, log };

struct CrossingSearchSettings {
  double lo = 0, hi = 0;  // the axis range searched, ends included
  AxisScale scale = AxisScale::log;
  double level = 0;               // the metric's value whose crossing is sought
  double side_confidence = 0.99;  // of the t test that puts a value below or above the level
  double tolerance = 0.02;        // the interval's width at which the crossing counts as located:
  bool relative = true;           // hi / lo - 1 (relative) or hi - lo (absolute)
  int per_round = 4;  // new axis values placed per round (the first round: per_round + 1)
  int budget = 40;    // most axis values evaluated
  // Common random numbers: replicate r draws the same data at every axis value, so its metric is
  // a deterministic function of the axis value, and the median over the replicates is one too. A
  // value is then on the side its replicates' median shows (exact for these draws: no test),
  // the interval brackets the crossing of that median and narrows to any tolerance, and
  // `draws_lo`, `draws_hi` say where the crossing of the median over all draws lies.
  bool common_seeds = false;
};

// Settings no search can use; `setting` names the one at fault (range, tolerance, confidence,
// per_round or budget).
using SearchSettingsError = SettingError;

// Candidate axis values, ascending, `lo` and `hi` included, two steps within the tolerance.
std::vector<double> crossing_lattice(const CrossingSearchSettings& settings);

// The values of a uniform grid over the range whose step is the tolerance: what locating the
// crossing to the tolerance takes without refinement, per combination of the other axes.
std::size_t equal_resolution_grid_size(const CrossingSearchSettings& settings);

enum class SearchOutcome {
  searching,    // `next` holds the next round's lattice indices
  located,      // the interval is within tolerance
  unresolved,   // every lattice value inside the interval is evaluated, or the budget is spent,
                // before the interval met the tolerance: the interval is still an honest answer
  no_crossing,  // both ends of the range are on the same side of the level
  undetermined  // an end of the range straddles the level: cannot tell where the metric starts
};
std::string to_string(SearchOutcome outcome);

struct CrossingState {
  SearchOutcome outcome = SearchOutcome::searching;
  std::vector<std::size_t> next;  // lattice indices to evaluate in the next round, ascending
  // Where an interval exists (located, unresolved, searching after the first round):
  bool bracketed = false;
  double lo = 0, hi = 0;  // the interval's ends (axis values)
  double estimate = 0;    // where the medians cross, interpolated on the axis's scale
  int direction = 0;      // +1: the metric rises through the level along the axis, -1 falls
  std::size_t evaluated = 0;
  // With common seeds: [draws_lo, draws_hi] holds the crossing of the metric's median over all
  // draws with probability at least draws_coverage. Each replicate's own crossing is a draw from
  // the crossings' distribution, so the interval between the j-th smallest and j-th largest of
  // them covers that distribution's median with probability 1 - 2 P(Binomial(K, 1/2) < j); j is
  // the largest giving side_confidence (else 1), and the ends are read, conservatively, from the
  // values placed so far (where fewer than j, or at least K + 1 - j, replicates have crossed).
  // Once the median's crossing is located, the budget left goes to these two ends, half a round
  // each, until each is within the tolerance of the value past it.
  double draws_lo = 0, draws_hi = 0, draws_coverage = 0;
  std::string why;  // for unresolved, no_crossing and undetermined: what stopped the search
};

// Evaluated lattice indices -> their replicates' metric values (non-finite values are ignored:
// a failed or diverged replicate says nothing about the side).
using CrossingResults = std::map<std::size_t, std::vector<double>>;

// The first round: per_round + 1 lattice values spread evenly over the range, both ends included.
std::vector<std::size_t> first_round(const CrossingSearchSettings& settings,
                                     std::size_t lattice_size);

// The state after the results so far: the interval, and the next round (empty when done).
CrossingState search_crossing(const CrossingSearchSettings& settings,
                              const std::vector<double>& lattice, const CrossingResults& results);

// The rounds an uninterrupted search goes through: round 1 is first_round, each later round is
// search_crossing over the results of the rounds before it; a round that leaves the interval
// as it was ends the search (unresolved: its values were all too close to the level for their
// replicates' spread, and more values there would not tell either). Given whatever results exist (a
// resumed search has those of complete rounds and maybe part of the current one), the lattice
// indices placed so far, in order, the current round's indices (those not yet all evaluated:
// empty when the search is over) and the state after the last complete round.
struct RoundReplay {
  std::vector<std::vector<std::size_t>> rounds;  // every round placed so far
  std::vector<std::size_t> pending;              // the current round's unevaluated indices
  CrossingState state;                           // after the last complete round
};
RoundReplay replay_rounds(const CrossingSearchSettings& settings,
                          const std::vector<double>& lattice, const CrossingResults& results);

}  // namespace diffsweep
