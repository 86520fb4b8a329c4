#include "common/crossing_search.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <set>
#include <stdexcept>

namespace diffsweep {

namespace {

// The lattice is uniform in u: log x on a log axis, x on a linear one.
double to_u(AxisScale scale, double x) { return scale == AxisScale::log ? std::log(x) : x; }
double from_u(AxisScale scale, double u) { return scale == AxisScale::log ? std::exp(u) : u; }

// +1 when the replicates' mean is above the level by more than a two-sided Student t test at
// `confidence` allows for their spread, -1 when below, 0 when the test cannot tell. Replicates
// that agree exactly (a noiseless metric, or a single replicate) are on the side they show.
int side(const std::vector<double>& values, double level, double confidence) {
  double sum = 0;
  std::size_t n = 0;
  for (double v : values)
    if (std::isfinite(v)) sum += v, ++n;
  if (n == 0) return 0;
  const double mean = sum / static_cast<double>(n);
  double squares = 0;
  for (double v : values)
    if (std::isfinite(v)) squares += (v - mean) * (v - mean);
  const double gap = mean - level;
  if (squares == 0 || n == 1) return gap > 0 ? 1 : gap < 0 ? -1 : 0;
  const double se = std::sqrt(squares / static_cast<double>(n - 1) / static_cast<double>(n));
  const double q = boost::math::quantile(boost::math::students_t(static_cast<double>(n - 1)),
                                         0.5 * (1 + confidence));
  return gap > q * se ? 1 : gap < -q * se ? -1 : 0;
}

double median(std::vector<double> values) {
  values.erase(
      std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
      values.end());
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

bool within_tolerance(const CrossingSearchSettings& s, double lo, double hi) {
  constexpr double slack = 1e-12;  // a lattice built to meet the tolerance meets it exactly
  return s.relative ? hi / lo - 1 <= s.tolerance * (1 + slack)
                    : hi - lo <= s.tolerance * (1 + slack);
}

void check(const CrossingSearchSettings& s) {
  if (!(s.lo < s.hi)) throw SearchSettingsError("range", "the low end must be below the high end");
  if (s.scale == AxisScale::log && !(s.lo > 0))
    throw SearchSettingsError("range", "a log axis needs a range above 0 (or scale = linear)");
  if (!(s.tolerance > 0)) throw SearchSettingsError("tolerance", "must be above 0");
  if (s.relative && !(s.lo > 0))
    throw SearchSettingsError("tolerance",
                              "a relative tolerance needs a range above 0 (give an absolute one)");
  if (!(s.side_confidence > 0 && s.side_confidence < 1))
    throw SearchSettingsError("confidence", "must be between 0 and 1");
  if (s.per_round < 1) throw SearchSettingsError("per_round", "must be at least 1");
  if (s.budget < s.per_round + 1)
    throw SearchSettingsError("budget", "must cover the first round: at least per_round + 1 = " +
                                            std::to_string(s.per_round + 1));
}

// The tolerance as a width on the lattice's scale where it is narrowest: on a log axis a
// relative width is the same everywhere and an absolute one narrowest at the top; on a linear
// axis a relative width is narrowest at the bottom.
double tolerance_in_u(const CrossingSearchSettings& s) {
  if (s.scale == AxisScale::log)
    return s.relative ? std::log1p(s.tolerance) : -std::log1p(-std::min(s.tolerance / s.hi, 0.999));
  return s.relative ? s.tolerance * s.lo : s.tolerance;
}

}  // namespace

std::string to_string(SearchOutcome outcome) {
  switch (outcome) {
    case SearchOutcome::searching:
      return "searching";
    case SearchOutcome::located:
      return "located";
    case SearchOutcome::unresolved:
      return "unresolved";
    case SearchOutcome::no_crossing:
      return "no crossing";
    case SearchOutcome::undetermined:
      return "undetermined";
  }
  return "?";
}

std::vector<double> crossing_lattice(const CrossingSearchSettings& s) {
  check(s);
  const double step_u = 0.5 * tolerance_in_u(s);
  const double span = to_u(s.scale, s.hi) - to_u(s.scale, s.lo);
  const double steps = std::ceil(span / step_u - 1e-9);
  constexpr double most = 1e7;
  if (steps > most)
    throw SearchSettingsError("tolerance", "asks for more than 10^7 lattice values over the range");
  const auto n = static_cast<std::size_t>(std::max(1.0, steps));
  std::vector<double> lattice(n + 1);
  for (std::size_t i = 0; i <= n; ++i)
    lattice[i] = from_u(
        s.scale, to_u(s.scale, s.lo) + span * static_cast<double>(i) / static_cast<double>(n));
  lattice.front() = s.lo;
  lattice.back() = s.hi;
  return lattice;
}

std::size_t equal_resolution_grid_size(const CrossingSearchSettings& s) {
  check(s);
  const double span = to_u(s.scale, s.hi) - to_u(s.scale, s.lo);
  return static_cast<std::size_t>(std::ceil(span / tolerance_in_u(s) - 1e-9)) + 1;
}

std::vector<std::size_t> first_round(const CrossingSearchSettings& s, std::size_t lattice_size) {
  const std::size_t k = static_cast<std::size_t>(s.per_round) + 1;
  std::set<std::size_t> picks;
  for (std::size_t j = 0; j < k; ++j)
    picks.insert(static_cast<std::size_t>(
        std::llround(static_cast<double>(j) * static_cast<double>(lattice_size - 1) /
                     static_cast<double>(k - 1))));
  return {picks.begin(), picks.end()};
}

CrossingState search_crossing(const CrossingSearchSettings& s, const std::vector<double>& lattice,
                              const CrossingResults& results) {
  CrossingState state;
  state.evaluated = results.size();
  const std::size_t last = lattice.size() - 1;
  if (!results.count(0) || !results.count(last)) {
    state.next = first_round(s, lattice.size());
    return state;
  }
  const int s0 = side(results.at(0), s.level, s.side_confidence),
            s1 = side(results.at(last), s.level, s.side_confidence);
  if (s0 == 0 || s1 == 0) {
    state.outcome = SearchOutcome::undetermined;
    state.why = std::string("the metric is not clearly on one side of the level at the range's ") +
                (s0 == 0 ? "low" : "high") + " end";
    return state;
  }
  if (s0 == s1) {
    state.outcome = SearchOutcome::no_crossing;
    state.why = std::string("the metric is ") + (s0 > 0 ? "above" : "below") +
                " the level at both ends of the range";
    return state;
  }
  state.direction = s0 < 0 ? 1 : -1;
  // The first value on the far side, and the last on the near side before it.
  std::size_t hi_index = last;
  for (const auto& [i, values] : results)
    if (side(values, s.level, s.side_confidence) == s1) {
      hi_index = i;
      break;
    }
  std::size_t lo_index = 0;
  for (const auto& [i, values] : results)
    if (i < hi_index && side(values, s.level, s.side_confidence) == s0) lo_index = i;
  state.bracketed = true;
  state.lo = lattice[lo_index];
  state.hi = lattice[hi_index];

  // The estimate: the first pair of neighbouring evaluated values whose medians straddle the
  // level (the interval's ends are such a pair at worst), interpolated on the axis's scale.
  std::vector<std::pair<double, double>> inside;  // (u, median - level)
  for (auto it = results.lower_bound(lo_index); it != results.end() && it->first <= hi_index;
       ++it) {
    const double m = median(it->second);
    if (std::isfinite(m)) inside.emplace_back(to_u(s.scale, lattice[it->first]), m - s.level);
  }
  state.estimate = from_u(s.scale, inside.back().first);
  for (std::size_t j = 0; j + 1 < inside.size(); ++j) {
    const auto [ua, da] = inside[j];
    const auto [ub, db] = inside[j + 1];
    if (da == 0) {
      state.estimate = from_u(s.scale, ua);
      break;
    }
    if ((da < 0) != (db < 0) || db == 0) {
      state.estimate = from_u(s.scale, ua + (ub - ua) * da / (da - db));
      break;
    }
  }

  if (within_tolerance(s, state.lo, state.hi)) {
    state.outcome = SearchOutcome::located;
    return state;
  }
  std::vector<std::size_t> candidates;
  for (std::size_t i = lo_index + 1; i < hi_index; ++i)
    if (!results.count(i)) candidates.push_back(i);
  const std::size_t room = state.evaluated < static_cast<std::size_t>(s.budget)
                               ? static_cast<std::size_t>(s.budget) - state.evaluated
                               : 0;
  const std::size_t k = std::min({static_cast<std::size_t>(s.per_round), room, candidates.size()});
  if (k == 0) {
    state.outcome = SearchOutcome::unresolved;
    state.why = room == 0 ? "the budget is spent" : "every lattice value inside is evaluated";
    return state;
  }
  // Evenly spread among the unevaluated values inside, which are evenly spread on the scale
  // until the interval holds earlier rounds' straddling values.
  const std::size_t c = candidates.size();
  for (std::size_t j = 1; j <= k; ++j)
    state.next.push_back(candidates[(j * (c + 1)) / (k + 1) - 1]);
  state.next.erase(std::unique(state.next.begin(), state.next.end()), state.next.end());
  return state;
}

RoundReplay replay_rounds(const CrossingSearchSettings& s, const std::vector<double>& lattice,
                          const CrossingResults& results) {
  RoundReplay replay;
  replay.state.next = first_round(s, lattice.size());
  CrossingResults seen;  // the results of complete rounds only
  while (true) {
    const std::vector<std::size_t>& round = replay.state.next;
    replay.rounds.push_back(round);
    for (std::size_t i : round)
      if (!results.count(i)) replay.pending.push_back(i);
    if (!replay.pending.empty()) return replay;
    for (std::size_t i : round) seen[i] = results.at(i);
    const CrossingState before = replay.state;
    replay.state = search_crossing(s, lattice, seen);
    if (replay.state.outcome != SearchOutcome::searching) return replay;
    if (before.bracketed && before.lo == replay.state.lo && before.hi == replay.state.hi) {
      replay.state.outcome = SearchOutcome::unresolved;
      replay.state.why =
          "a round inside the interval did not narrow it: the replicates are too spread there "
          "to tell the sides apart; more replicates would";
      replay.state.next.clear();
      return replay;
    }
  }
}

}  // namespace diffsweep
