// What a damaged or cut-short journal lost, told as exactly as what is known allows.
//
// The journal alone knows the records whose frames can still be read in its damaged stretches
// (journal.hpp): all of them where their lengths chain, else those whose marker is left. The
// published results file knows more: it holds every record up to its journal_bytes, so a point
// it shows finished that the journal no longer has is a lost record, named by its row even where
// the frame was erased (a zeroed block), and a journal whose records end before journal_bytes was
// cut short (an interrupted copy, a file system that lost a tail). Where neither tells (damage
// past what the published file holds, in which no frame is left) the count is a lower bound,
// and the report says so and how many bytes could not be read.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runner/store/journal.hpp"

namespace diffsweep {

// What the published results file shows of the journal (a file of the same sweep).
struct PublishedRecords {
  std::uint64_t journal_bytes = 0;                   // the journal's records it holds end here
  std::vector<std::optional<PointStatus>> finished;  // by row: the finished status it shows
};

struct JournalLoss {
  std::uint64_t damaged_bytes = 0;  // skipped, being no record
  std::string damaged_copy;         // where the journal as found was kept
  // The journal's records end (records_end) before those the published file holds do
  // (published_end).
  bool cut = false;
  std::uint64_t records_end = 0, published_end = 0;
  std::vector<std::uint64_t> rows;  // of the records lost, ascending, each once
  std::size_t unknown_rows = 0;     // records lost whose row could not be read
  // false: more records than these may have been lost in `unreadable_bytes`.
  bool exact = true;
  std::uint64_t unreadable_bytes = 0;

  bool any() const { return damaged_bytes > 0 || cut; }
  std::size_t records() const { return rows.size() + unknown_rows; }
};

// `journal_status`: every row's status from the journal as opened. `is_row(index, point_id)`:
// whether a row and point id read from a damaged frame name a row of the sweep.
JournalLoss account_journal_loss(const JournalRepair& repair,
                                 const std::optional<PublishedRecords>& published,
                                 const std::vector<PointStatus>& journal_status,
                                 const std::function<bool(std::uint64_t, std::uint64_t)>& is_row);

// One line: what happened to `journal`, how many records that dropped and of which points (the
// first few rows), or that nothing was lost; `output` is the published file.
std::string describe(const JournalLoss& loss, const std::string& journal,
                     const std::string& output);

}  // namespace diffsweep
