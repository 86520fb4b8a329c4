// Extending a results file in place: a sweep that adds replicates, axis values, cases or methods
// to the sweep an output holds runs only its new points, keeping every finished one exactly.
//
// The journal is the truth, so extending rewrites it: a header for the new sweep that keeps the
// earlier sweeps' texts (its history), then every record of the old journal in order with its
// row renumbered by point id (a point's id and seed depend only on its parameters, replicate and
// the sweep seed, so a finished point of the old sweep is the same point in the new one).
// Records of points the new sweep no longer names go to rows after its own (outside_rows.hpp).
// The new journal replaces the old one by an atomic rename, so a kill at any moment leaves one
// or the other; the HDF5 copies, still of the old sweep, are then rebuilt from it.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "runner/store/journal.hpp"
#include "runner/store/outside_rows.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

// The header a journal of `sweep` starts with (no history, nothing outside it).
JournalHeader journal_header_for(const Sweep& sweep, const std::string& started);

class SweepExtension {
 public:
  // Checks that `now` may extend the sweep whose journal header is `before`. Throws InputError
  // (exit 2, nothing touched) naming what differs where kept results would be wrong: another
  // experiment, another sweep seed, a changed fixed parameter, a changed [sequential] rule; or
  // when the earlier sweep cannot be rebuilt from what was recorded of it. `published_overrides`
  // are the output's `overrides` attribute, for a journal of a diffsweep that did not record them.
  SweepExtension(const JournalHeader& before, const Sweep& now, std::string output,
                 const std::string& published_overrides);

  // Each record of the old journal, in order.
  void add(PointRecord record);
  // The new journal's header and records. Throws InputError when the new sweep keeps none of
  // the finished points (then nothing could be kept: a new file is what was meant).
  const JournalHeader& header() const;
  const std::string& record_frames() const { return frames_; }

  // "extended results/x.h5 from a.ini (40 points) to b.ini (60 points): 40 finished points
  // kept, 20 to run, 0 kept outside the new sweep (in the file, not in it)"
  std::string describe() const;

 private:
  const Sweep& now_;
  std::string output_;
  JournalHeader before_, header_;
  Sweep earlier_;                // the sweep the old journal was written for
  OutsideRows earlier_outside_;  // and the rows it kept outside it
  std::unordered_map<std::uint64_t, std::uint64_t> row_of_id_;       // the new sweep's
  std::unordered_map<std::uint64_t, std::uint64_t> outside_row_of_;  // old row -> new row
  std::unordered_map<std::uint64_t, bool> finished_;                 // new row -> kept point
  std::string frames_;
  std::size_t old_finished_ = 0;
};

}  // namespace diffsweep
