#include "runner/run/refinement.hpp"

#include <algorithm>

#include "common/number_text.hpp"

namespace diffsweep {

namespace {

std::size_t replicates_of(const Sweep& sweep) {
  return static_cast<std::size_t>(sweep.spec.replicates);
}

}  // namespace

std::vector<GroupSearch> replay_searches(const ResultsStore& store) {
  const Sweep& sweep = store.sweep();
  const std::size_t reps = replicates_of(sweep);
  std::vector<GroupSearch> out;
  for (std::size_t g = 0; g < sweep.refine_groups(); ++g) {
    CrossingResults results;
    for (std::size_t i = 0; i < sweep.lattice.size(); ++i) {
      std::vector<double> values;
      for (std::size_t r = 0; r < reps; ++r) {
        const std::size_t point = sweep.refine_point(g, i, r);
        if (!is_finished(store.status(point))) break;
        values.push_back(store.metric_values().at(point));
      }
      if (values.size() == reps) results.emplace(i, std::move(values));
    }
    out.push_back({g, replay_rounds(sweep.refine->search, sweep.lattice, results)});
  }
  return out;
}

void advance_searches(ResultsStore& store) {
  const Sweep& sweep = store.sweep();
  const std::vector<GroupSearch> searches = replay_searches(store);
  std::vector<std::size_t> points;
  for (const auto& s : searches)
    for (const auto& round : s.replay.rounds)
      for (std::size_t i : round)
        for (std::size_t r = 0; r < replicates_of(sweep); ++r)
          points.push_back(sweep.refine_point(s.group, i, r));
  std::sort(points.begin(), points.end());
  store.extend_plan(points);
  store.set_rounds_report(describe_searches(sweep, searches), searches_table(sweep, searches));
}

std::size_t searches_budget(const Sweep& sweep) {
  return sweep.refine_groups() * static_cast<std::size_t>(sweep.refine->search.budget) *
         replicates_of(sweep);
}

namespace {

// A combination's other axes, "n=32, model=classification".
std::string combination(const Sweep& sweep, std::size_t group) {
  std::string where;
  const std::size_t first = sweep.refine_point(group, 0, 0);
  for (const auto& name : sweep.axis_names)
    if (name != sweep.refine->axis)
      where += (where.empty() ? "" : ", ") + name + "=" + display_text(*sweep.value(first, name));
  return where;
}

std::size_t values_placed(const RoundReplay& replay) {
  std::size_t values = 0;
  for (const auto& round : replay.rounds) values += round.size();
  return values;
}

}  // namespace

std::string searches_table(const Sweep& sweep, const std::vector<GroupSearch>& searches) {
  const RefineSpec& refine = *sweep.refine;
  const auto& settings = refine.search;
  std::string text =
      "combination\taxis\tmetric\tlevel\ttolerance\tseeds\toutcome\tlo\thi\testimate\tdraws_"
      "lo\tdraws_hi\tdraws_coverage\tvalues\tpoints\trounds\tgrid_values\tgrid_points\twhy\n";
  const std::size_t grid = equal_resolution_grid_size(settings);
  const std::size_t reps = replicates_of(sweep);
  for (const auto& s : searches) {
    const CrossingState& st = s.replay.state;
    const auto number = [&](double v) { return st.bracketed ? exact_number(v) : std::string(); };
    const bool draws = st.bracketed && settings.common_seeds;
    const std::vector<std::string> cells = {
        combination(sweep, s.group),
        refine.axis,
        refine.metric,
        exact_number(settings.level),
        settings.relative ? exact_number(100 * settings.tolerance) + "%"
                          : exact_number(settings.tolerance),
        settings.common_seeds ? "common" : "independent",
        s.replay.pending.empty() ? to_string(st.outcome) : "searching",
        number(st.lo),
        number(st.hi),
        number(st.estimate),
        draws ? exact_number(st.draws_lo) : "",
        draws ? exact_number(st.draws_hi) : "",
        draws ? exact_number(st.draws_coverage) : "",
        std::to_string(values_placed(s.replay)),
        std::to_string(values_placed(s.replay) * reps),
        std::to_string(s.replay.rounds.size()),
        std::to_string(grid),
        std::to_string(grid * reps),
        st.why};
    for (std::size_t c = 0; c < cells.size(); ++c) text += (c ? "\t" : "") + cells[c];
    text += "\n";
  }
  return text;
}

std::string describe_searches(const Sweep& sweep, const std::vector<GroupSearch>& searches) {
  const RefineSpec& refine = *sweep.refine;
  const std::size_t grid = equal_resolution_grid_size(refine.search);
  std::string text;
  for (const auto& s : searches) {
    const std::string where = combination(sweep, s.group);
    const CrossingState& st = s.replay.state;
    std::string line = (where.empty() ? "all points" : where) + ": " + refine.metric + " = " +
                       display_number(refine.search.level) + " ";
    if (!s.replay.pending.empty())
      line += "searching (round " + std::to_string(s.replay.rounds.size()) + ")";
    else
      line += to_string(st.outcome);
    if (st.bracketed)
      line += ": " + refine.axis + " in [" + display_number(st.lo) + ", " + display_number(st.hi) +
              "], estimate " + display_number(st.estimate);
    if (st.bracketed && refine.search.common_seeds)
      line += "; over draws [" + display_number(st.draws_lo) + ", " + display_number(st.draws_hi) +
              "] (coverage " + display_number(st.draws_coverage) + ")";
    if (!st.why.empty() && s.replay.pending.empty()) line += " (" + st.why + ")";
    line += "; " + std::to_string(values_placed(s.replay)) + " values in " +
            std::to_string(s.replay.rounds.size()) +
            " rounds (a grid of equal resolution: " + std::to_string(grid) + ")";
    text += (text.empty() ? "" : "\n") + line;
  }
  return text;
}

}  // namespace diffsweep
