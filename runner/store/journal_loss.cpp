#include "runner/store/journal_loss.hpp"

#include <algorithm>
#include <set>

namespace diffsweep {

namespace {

// How many rows the report lists before "and N more".
constexpr std::size_t rows_listed = 8;

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

JournalLoss account_journal_loss(const JournalRepair& repair,
                                 const std::optional<PublishedRecords>& published,
                                 const std::vector<PointStatus>& journal_status,
                                 const std::function<bool(std::uint64_t, std::uint64_t)>& is_row) {
  JournalLoss loss;
  loss.damaged_bytes = repair.damaged_bytes;
  loss.damaged_copy = repair.damaged_copy;
  loss.records_end = repair.records_end;
  // Records before `held` are in the published file, and it tells which of them were lost.
  const std::uint64_t held = published ? published->journal_bytes : 0;
  if (held > repair.records_end) {
    loss.cut = true;
    loss.published_end = held;
  }
  std::set<std::uint64_t> rows;
  if (published) {
    // A point it shows finished that the journal no longer has finished lost its record. When
    // it holds every record the journal held, it shows each point's last outcome, so another
    // outcome in the journal is a lost record too (a retry's); else the journal may hold later
    // outcomes it has not seen yet.
    const bool holds_all = held >= repair.records_end;
    const std::size_t n = std::min(published->finished.size(), journal_status.size());
    for (std::size_t r = 0; r < n; ++r)
      if (const auto& shown = published->finished[r])
        if (!is_finished(journal_status[r]) || (holds_all && journal_status[r] != *shown))
          rows.insert(r);
  }
  for (const DamagedStretch& s : repair.stretches) {
    // Only what lies past `held` is not known from the published file.
    const std::uint64_t from = std::max<std::uint64_t>(s.begin, held);
    std::size_t past = 0;
    for (const LostFrame& f : s.frames) {
      if (f.has_id && is_row(f.index, f.point_id))
        rows.insert(f.index);
      else if (f.offset >= from)
        ++loss.unknown_rows;
      past += f.offset >= from;
    }
    if (s.whole || s.end <= from) continue;
    loss.exact = false;
    loss.unreadable_bytes += s.end - from;
    // Records lie end to end, and the published file's end is between two: bytes past it and
    // before a whole record held at least one.
    if (!s.at_end && past == 0) ++loss.unknown_rows;
  }
  loss.rows.assign(rows.begin(), rows.end());
  return loss;
}

std::string describe(const JournalLoss& loss, const std::string& journal,
                     const std::string& output) {
  const bool damaged = loss.damaged_bytes > 0;
  std::string text = "the journal " + journal + " was ";
  text += damaged && loss.cut ? "damaged and cut short: " : damaged ? "damaged: " : "cut short: ";
  if (damaged)
    text += std::to_string(loss.damaged_bytes) + " bytes that are no record were skipped";
  if (loss.cut)
    text += std::string(damaged ? ", and its" : "its") + " records end at byte " +
            std::to_string(loss.records_end) + ", but " + output + " holds them up to byte " +
            std::to_string(loss.published_end);
  const std::size_t n = loss.records();
  if (loss.exact && n == 0) {
    text += "; no record was lost";
  } else {
    text += loss.cut ? "; " : ", ";
    text += n == 0       ? "dropping an unknown number of records"
            : loss.exact ? "dropping " + plural(n, "record", "records")
                         : "dropping at least " + plural(n, "record", "records");
    if (!loss.rows.empty()) {
      text += loss.rows.size() == 1 && loss.unknown_rows == 0 ? ", of the point at row "
                                                              : ", of the points at rows ";
      for (std::size_t i = 0; i < std::min(loss.rows.size(), rows_listed); ++i)
        text += (i ? ", " : "") + std::to_string(loss.rows[i]);
      if (loss.rows.size() > rows_listed)
        text += " and " + std::to_string(loss.rows.size() - rows_listed) + " more";
      if (loss.unknown_rows > 0)
        text += ", and " + plural(loss.unknown_rows, "record", "records") +
                " whose row could not be read";
    } else if (loss.unknown_rows > 0) {
      text +=
          loss.unknown_rows == 1 ? " whose row could not be read" : " whose rows could not be read";
    }
    if (!loss.exact)
      text += n == 0 ? " in " + std::to_string(loss.unreadable_bytes) +
                           " bytes in which none could be recognised"
                     : ", and maybe more in " + std::to_string(loss.unreadable_bytes) +
                           " bytes in which no record could be recognised";
    text += " (the points left without a record run again)";
  }
  if (damaged)
    text += "; every intact record was kept, and the journal as found is in " + loss.damaged_copy;
  return text;
}

}  // namespace diffsweep
