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
        values.push_back(store.refine_values().at(point));
      }
      if (values.size() == reps) results.emplace(i, std::move(values));
    }
    out.push_back({g, replay_rounds(sweep.refine->search, sweep.lattice, results)});
  }
  return out;
}

void advance_rounds(ResultsStore& store) {
  const Sweep& sweep = store.sweep();
  if (!sweep.refine) return;
  const std::vector<GroupSearch> searches = replay_searches(store);
  std::vector<std::size_t> points;
  for (const auto& s : searches)
    for (const auto& round : s.replay.rounds)
      for (std::size_t i : round)
        for (std::size_t r = 0; r < replicates_of(sweep); ++r)
          points.push_back(sweep.refine_point(s.group, i, r));
  std::sort(points.begin(), points.end());
  store.extend_plan(points);
  store.set_refine_report(describe_searches(sweep, searches));
}

std::size_t progress_total(const ResultsStore& store) {
  const Sweep& sweep = store.sweep();
  if (!sweep.refine) return store.planned_count();
  return sweep.refine_groups() * static_cast<std::size_t>(sweep.refine->search.budget) *
         replicates_of(sweep);
}

std::string describe_searches(const Sweep& sweep, const std::vector<GroupSearch>& searches) {
  const RefineSpec& refine = *sweep.refine;
  const std::size_t grid = equal_resolution_grid_size(refine.search);
  std::string text;
  for (const auto& s : searches) {
    std::string where;
    const std::size_t first = sweep.refine_point(s.group, 0, 0);
    for (const auto& name : sweep.axis_names)
      if (name != refine.axis)
        where += (where.empty() ? "" : ", ") + name + "=" + display_text(*sweep.value(first, name));
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
    if (!st.why.empty() && s.replay.pending.empty()) line += " (" + st.why + ")";
    std::size_t values = 0;
    for (const auto& round : s.replay.rounds) values += round.size();
    line += "; " + std::to_string(values) + " values in " + std::to_string(s.replay.rounds.size()) +
            " rounds (a grid of equal resolution: " + std::to_string(grid) + ")";
    text += (text.empty() ? "" : "\n") + line;
  }
  return text;
}

}  // namespace diffsweep
