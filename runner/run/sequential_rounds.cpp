#include "runner/run/sequential_rounds.hpp"

#include <algorithm>
#include <cmath>

#include "common/number_text.hpp"

namespace diffsweep {

std::vector<SettingReplay::Comparison> comparison_pairs(
    const SequentialSpec& spec, const std::vector<Sweep::SequentialRow>& rows) {
  std::vector<SettingReplay::Comparison> out;
  for (std::size_t a = 0; a < rows.size(); ++a)
    for (std::size_t b = 0; b < rows.size(); ++b) {
      if (a == b) continue;
      const auto is_reference = [&](std::size_t row) {
        return std::find(spec.references.begin(), spec.references.end(), rows[row].value) !=
               spec.references.end();
      };
      const bool wanted = spec.references.empty() ? a < b : is_reference(a) && !is_reference(b);
      if (wanted) out.push_back({a, b, {}});
    }
  return out;
}

namespace {

// A setting's other axes, "n_target=10, dim=2" (comparing cases: its [axes] axes).
std::string setting_text(const Sweep& sweep, const std::vector<Sweep::SequentialRow>& rows) {
  std::string where;
  for (const auto& name : sweep.axis_names)
    if (sweep.sequential->compares_cases() ? has_key(sweep.spec.axes, name)
                                           : name != sweep.sequential->axis)
      if (const ParamValue* v = sweep.value(rows.front().first, name))
        where += (where.empty() ? "" : ", ") + name + "=" + display_text(*v);
  return where.empty() ? "all points" : where;
}

std::string margin_text(const SequentialSettings& s) {
  return s.relative_margin ? exact_number(100 * s.margin) + "%" : exact_number(s.margin);
}

}  // namespace

std::vector<SettingReplay> replay_comparisons(const ResultsStore& store) {
  const Sweep& sweep = store.sweep();
  const SequentialSpec& spec = *sweep.sequential;
  const std::size_t budget = spec.settings.budget;
  std::vector<SettingReplay> out;
  for (std::size_t s = 0; s < sweep.sequential_settings.size(); ++s) {
    const auto& rows = sweep.sequential_settings[s];
    SettingReplay replay;
    replay.setting = s;
    replay.comparisons = comparison_pairs(spec, rows);
    // Each row's replicates finished from the first on; a comparison sees those of both its
    // rows (a row added later, by extending the sweep, leaves the others' verdicts as they were).
    std::vector<std::size_t> finished(rows.size());
    for (std::size_t k = 0; k < rows.size(); ++k)
      while (finished[k] < budget && is_finished(store.status(rows[k].first + finished[k])))
        ++finished[k];
    const auto values = [&](std::size_t row, std::size_t n) {
      std::vector<double> v(n);
      for (std::size_t r = 0; r < n; ++r) {
        const auto it = store.metric_values().find(rows[row].first + r);
        v[r] = it == store.metric_values().end() ? std::nan("") : it->second;
      }
      return v;
    };
    replay.placed = spec.settings.start;
    for (auto& c : replay.comparisons) {
      const std::size_t n = std::min(finished[c.a], finished[c.b]);
      c.verdict = replay_sequential(spec.settings, values(c.a, n), values(c.b, n));
      replay.placed = std::max(
          replay.placed, c.verdict.stopped ? c.verdict.replicates : c.verdict.next_replicates);
    }
    out.push_back(std::move(replay));
  }
  return out;
}

void advance_comparisons(ResultsStore& store) {
  const Sweep& sweep = store.sweep();
  const std::vector<SettingReplay> replays = replay_comparisons(store);
  std::vector<std::size_t> points;
  for (const auto& replay : replays)
    for (const auto& row : sweep.sequential_settings[replay.setting])
      for (std::size_t r = 0; r < replay.placed; ++r) points.push_back(row.first + r);
  std::sort(points.begin(), points.end());
  store.extend_plan(points);
  store.set_rounds_report(describe_comparisons(sweep, replays), comparisons_table(sweep, replays));
}

std::size_t comparisons_budget(const Sweep& sweep) { return sweep.size(); }

std::string describe_comparisons(const Sweep& sweep, const std::vector<SettingReplay>& replays) {
  const SequentialSpec& spec = *sweep.sequential;
  std::string text;
  for (const auto& replay : replays) {
    const auto& rows = sweep.sequential_settings[replay.setting];
    for (const auto& c : replay.comparisons) {
      const SequentialVerdict& v = c.verdict;
      std::string line = setting_text(sweep, rows) + ": " + rows[c.a].value + " vs " +
                         rows[c.b].value + " on " + spec.metric + ": ";
      if (!v.stopped)
        line += "running (" + std::to_string(replay.placed) + " replicates placed, look " +
                std::to_string(v.looks_used + 1) + " of " + std::to_string(v.looks_planned) + ")";
      else if (v.determined)
        line += to_string(v.outcome) + ", determined after " + std::to_string(v.replicates) +
                " replicates";
      else
        line += "undetermined, budget reached at " + std::to_string(v.replicates) + " replicates";
      if (v.looks_used > 0 && std::isfinite(v.lo))
        line += " (difference " + display_number(v.mean) + " [" + display_number(v.lo) + ", " +
                display_number(v.hi) + "], tie margin +-" + display_number(v.margin) + ")";
      text += (text.empty() ? "" : "\n") + line;
    }
  }
  return text;
}

std::string comparisons_table(const Sweep& sweep, const std::vector<SettingReplay>& replays) {
  const SequentialSpec& spec = *sweep.sequential;
  const SequentialSettings& s = spec.settings;
  std::string text =
      "setting\taxis\ta\tb\tmetric\tbetter\tmargin\tconfidence\tstate\toutcome\treplicates\tpairs\t"
      "look\tlooks\tmean\tlo\thi\ttie_margin\tlevel\tplaced\tbudget\n";
  const auto number = [](double v) { return std::isfinite(v) ? exact_number(v) : std::string(); };
  for (const auto& replay : replays) {
    const auto& rows = sweep.sequential_settings[replay.setting];
    for (const auto& c : replay.comparisons) {
      const SequentialVerdict& v = c.verdict;
      const std::string state = !v.stopped ? "running" : v.determined ? "determined" : "budget";
      const std::vector<std::string> cells = {setting_text(sweep, rows),
                                              spec.axis,
                                              rows[c.a].value,
                                              rows[c.b].value,
                                              spec.metric,
                                              s.higher_is_better ? "higher" : "lower",
                                              margin_text(s),
                                              exact_number(s.confidence),
                                              state,
                                              v.stopped ? to_string(v.outcome) : "",
                                              std::to_string(v.replicates),
                                              std::to_string(v.pairs),
                                              std::to_string(v.looks_used),
                                              std::to_string(v.looks_planned),
                                              number(v.mean),
                                              number(v.lo),
                                              number(v.hi),
                                              number(v.margin),
                                              exact_number(v.level),
                                              std::to_string(replay.placed),
                                              std::to_string(s.budget)};
      for (std::size_t k = 0; k < cells.size(); ++k) text += (k ? "\t" : "") + cells[k];
      text += "\n";
    }
  }
  return text;
}

}  // namespace diffsweep
