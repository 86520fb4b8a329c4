// The rows of a results file after its sweep's own points: points of earlier sweeps of the same
// output that the sweep it runs now no longer names (an axis value or case dropped when the sweep
// was extended in place). They keep their results and are never run again; `in_sweep` is false
// on them, and the analysis leaves them out unless asked (docs/results-format.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runner/store/journal.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

class OutsideRows {
 public:
  OutsideRows() = default;
  // The rows a journal's header lists, each earlier sweep they come from rebuilt from its text
  // and overrides (and the defaults the file's sweeps started with). Throws SweepFileError when
  // an earlier sweep no longer reads.
  OutsideRows(const JournalHeader& header, const Experiment& experiment,
              const KeyValues& recorded_defaults);

  std::size_t size() const { return rows_.size(); }
  // Outside row k's point: its sweep and its index there.
  const Sweep& sweep(std::size_t k) const { return *sweeps_[rows_[k].sweep]; }
  std::size_t index(std::size_t k) const { return rows_[k].index; }
  std::uint64_t point_id(std::size_t k) const { return sweep(k).point_id(index(k)); }
  // Whether every earlier sweep a row comes from sets `name` on every point.
  bool sets_everywhere(const std::string& name) const;

 private:
  std::vector<std::optional<Sweep>> sweeps_;  // by history entry: those a row comes from
  std::vector<OutsideRow> rows_;
};

// An earlier sweep rebuilt from what the journal recorded of it: its text and overrides, with
// the defaults the file's sweeps started with. Throws SweepFileError when the text no longer
// reads.
Sweep earlier_sweep(const std::string& path, const std::string& text,
                    const std::vector<std::string>& overrides, const Experiment& experiment,
                    bool check, const KeyValues& recorded_defaults);

}  // namespace diffsweep
