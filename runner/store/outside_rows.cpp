#include "runner/store/outside_rows.hpp"

namespace diffsweep {

Sweep earlier_sweep(const std::string& path, const std::string& text,
                    const std::vector<std::string>& overrides, const Experiment& experiment,
                    bool check, const KeyValues& recorded_defaults) {
  SweepSpec spec = parse_sweep_text(path, text);
  apply_overrides(spec, overrides);
  spec.recorded_defaults = recorded_defaults;
  return check ? expand_sweep(spec, experiment) : open_sweep(spec, experiment);
}

OutsideRows::OutsideRows(const JournalHeader& header, const Experiment& experiment,
                         const KeyValues& recorded_defaults)
    : sweeps_(header.history.size()), rows_(header.outside) {
  for (const OutsideRow& row : rows_) {
    if (sweeps_[row.sweep]) continue;
    const EarlierSweep& e = header.history[row.sweep];
    sweeps_[row.sweep].emplace(
        earlier_sweep(e.path, e.text, e.overrides, experiment, false, recorded_defaults));
  }
}

bool OutsideRows::sets_everywhere(const std::string& name) const {
  // Per earlier sweep, not per row: a sweep that dropped much of an earlier one has many rows.
  for (const auto& sweep : sweeps_)
    if (sweep && !sweep->sets_everywhere(name)) return false;
  return true;
}

}  // namespace diffsweep
