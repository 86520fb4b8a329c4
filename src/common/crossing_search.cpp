#include "common/crossing_search.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

namespace diffsweep {

namespace {

// The lattice is uniform in u: log x on a log axis, x on a linear one.
double to_u(AxisScale scale, double x) { return scale == AxisScale::log ? std::log(x) : x; }
double from_u(AxisScale scale, double u) { return scale == AxisScale::log ? std::exp(u) : u; }

double median(std::vector<double> values) {
  values.erase(
      std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
      values.end());
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// +1 when the replicates' mean is above the level by more than a two-sided Student t test at
// `confidence` allows for their spread, -1 when below, 0 when the test cannot tell. Replicates
// that agree exactly (a noiseless metric, or a single replicate) are on the side they show.
int t_test_side(const std::vector<double>& values, double level, double confidence) {
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

// A value's side of the level: +1 above, -1 below, 0 where its replicates cannot tell.
int side(const CrossingSearchSettings& s, const std::vector<double>& values) {
  if (!s.common_seeds) return t_test_side(values, s.level, s.side_confidence);
  const double m = median(values);
  return m > s.level ? 1 : m < s.level ? -1 : 0;
}

// The coverage of the interval between the j-th smallest and j-th largest of k draws for their
// distribution's median: 1 - 2 P(Binomial(k, 1/2) < j).
double order_statistic_coverage(std::size_t k, std::size_t j) {
  double tail = 0, choose = 1;  // choose = C(k, i)
  for (std::size_t i = 0; i < j; ++i) {
    tail += choose;
    choose = choose * static_cast<double>(k - i) / static_cast<double>(i + 1);
  }
  return 1 - 2 * tail / std::pow(2.0, static_cast<double>(k));
}

// The lattice indices that bracket each end of the interval over draws: the end's value and the
// evaluated value past it (the same value where nothing evaluated lies past it).
struct DrawsBrackets {
  std::size_t lo = 0, lo_next = 0, hi_prev = 0, hi = 0;
};

// Fills the interval over draws into `state` and says where its ends could still move.
DrawsBrackets draws_interval(const CrossingSearchSettings& s, const std::vector<double>& lattice,
                             const CrossingResults& results, CrossingState& state) {
  std::size_t k = std::numeric_limits<std::size_t>::max();
  for (const auto& [i, values] : results)
    k = std::min<std::size_t>(
        k, static_cast<std::size_t>(std::count_if(values.begin(), values.end(),
                                                  [](double v) { return std::isfinite(v); })));
  std::size_t j = 1;
  while (j + 1 <= k / 2 && order_statistic_coverage(k, j + 1) >= s.side_confidence) ++j;
  state.draws_coverage = std::max(0.0, order_statistic_coverage(k, j));
  // How many replicates are past the level at a value: monotone in the axis for monotone curves.
  const auto crossed = [&](const std::vector<double>& values) {
    return static_cast<std::size_t>(std::count_if(values.begin(), values.end(), [&](double v) {
      return std::isfinite(v) && (state.direction > 0 ? v > s.level : v < s.level);
    }));
  };
  DrawsBrackets b{0, 0, lattice.size() - 1, lattice.size() - 1};
  for (const auto& [i, values] : results) {
    b.lo_next = i;
    if (crossed(values) >= j) break;
    b.lo = i;
  }
  for (auto it = results.rbegin(); it != results.rend(); ++it) {
    b.hi_prev = it->first;
    if (crossed(it->second) + j < k + 1) break;
    b.hi = it->first;
  }
  state.draws_lo = lattice[b.lo];
  state.draws_hi = lattice[b.hi];
  return b;
}

// `k` of `candidates` (ascending), spread evenly among them.
std::vector<std::size_t> spread(const std::vector<std::size_t>& candidates, std::size_t k) {
  std::vector<std::size_t> out;
  const std::size_t c = candidates.size();
  for (std::size_t j = 1; j <= k; ++j) out.push_back(candidates[(j * (c + 1)) / (k + 1) - 1]);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
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
  const int s0 = side(s, results.at(0)), s1 = side(s, results.at(last));
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
    if (side(s, values) == s1) {
      hi_index = i;
      break;
    }
  std::size_t lo_index = 0;
  for (const auto& [i, values] : results)
    if (i < hi_index && side(s, values) == s0) lo_index = i;
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

  DrawsBrackets draws;
  if (s.common_seeds) draws = draws_interval(s, lattice, results, state);
  const std::size_t room = state.evaluated < static_cast<std::size_t>(s.budget)
                               ? static_cast<std::size_t>(s.budget) - state.evaluated
                               : 0;
  const auto unevaluated = [&](std::size_t from, std::size_t to) {  // strictly between
    std::vector<std::size_t> out;
    for (std::size_t i = from + 1; i < to; ++i)
      if (!results.count(i)) out.push_back(i);
    return out;
  };

  if (within_tolerance(s, state.lo, state.hi)) {
    state.outcome = SearchOutcome::located;
    // With common seeds the budget left narrows the interval over draws: each of its ends not
    // yet within tolerance gets half a round, until the budget is spent.
    if (s.common_seeds) {
      std::vector<std::vector<std::size_t>> ends;
      if (!within_tolerance(s, lattice[draws.lo], lattice[draws.lo_next]))
        ends.push_back(unevaluated(draws.lo, draws.lo_next));
      if (!within_tolerance(s, lattice[draws.hi_prev], lattice[draws.hi]))
        ends.push_back(unevaluated(draws.hi_prev, draws.hi));
      std::size_t left = room;
      for (const auto& candidates : ends) {
        const std::size_t k = std::min(
            {std::max<std::size_t>(1, s.per_round / ends.size()), left, candidates.size()});
        for (std::size_t i : spread(candidates, k)) state.next.push_back(i);
        left -= k;
      }
      std::sort(state.next.begin(), state.next.end());
      state.next.erase(std::unique(state.next.begin(), state.next.end()), state.next.end());
      if (!state.next.empty()) state.outcome = SearchOutcome::searching;
    }
    return state;
  }
  const std::vector<std::size_t> candidates = unevaluated(lo_index, hi_index);
  const std::size_t k = std::min({static_cast<std::size_t>(s.per_round), room, candidates.size()});
  if (k == 0) {
    state.outcome = SearchOutcome::unresolved;
    state.why = room == 0 ? "the budget is spent" : "every lattice value inside is evaluated";
    return state;
  }
  // Evenly spread among the unevaluated values inside, which are evenly spread on the scale
  // until the interval holds earlier rounds' straddling values.
  state.next = spread(candidates, k);
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
    // (Once located, later rounds narrow the interval over draws and leave this one as it is.)
    if (before.bracketed && before.lo == replay.state.lo && before.hi == replay.state.hi &&
        !within_tolerance(s, before.lo, before.hi)) {
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
