#define BOOST_TEST_MODULE journal_loss
#include <boost/test/unit_test.hpp>

#include "runner/store/journal_loss.hpp"

using namespace diffsweep;

namespace {

// A sweep of 100 rows whose point ids are 1000 + row.
bool is_row(std::uint64_t index, std::uint64_t point_id) {
  return index < 100 && point_id == 1000 + index;
}

LostFrame frame_of(std::uint64_t offset, std::uint64_t row) {
  return {offset, true, row, 1000 + row};
}

// Rows [from, to) not finished in the journal, the rest done.
std::vector<PointStatus> journal_without(std::uint64_t from, std::uint64_t to) {
  std::vector<PointStatus> status(100, PointStatus::done);
  for (auto r = from; r < to; ++r) status[r] = PointStatus::pending;
  return status;
}

// A published file holding the journal up to `bytes`, showing every row done.
PublishedRecords all_done(std::uint64_t bytes) {
  return {bytes, std::vector<std::optional<PointStatus>>(100, PointStatus::done)};
}

// A zeroed block from inside row 40's record to inside row 45's: 40's marker is left.
JournalRepair zeroed_block() {
  JournalRepair repair;
  repair.damaged_bytes = 900;
  repair.records_end = 20000;
  repair.damaged_copy = "j.damaged";
  DamagedStretch s;
  s.begin = 8000;
  s.end = 8900;
  s.frames = {frame_of(8000, 40)};
  repair.stretches = {s};
  return repair;
}

}  // namespace

// Where the published file holds the damaged bytes, it names every record they held.
BOOST_AUTO_TEST_CASE(the_published_file_tells_what_a_zeroed_block_held) {
  const JournalLoss loss =
      account_journal_loss(zeroed_block(), all_done(20000), journal_without(40, 45), is_row);
  BOOST_TEST(loss.exact);
  BOOST_TEST(!loss.cut);
  BOOST_TEST(loss.rows == (std::vector<std::uint64_t>{40, 41, 42, 43, 44}),
             boost::test_tools::per_element());
  BOOST_TEST(loss.unknown_rows == 0u);
  BOOST_TEST(describe(loss, "j", "o.h5") ==
             "the journal j was damaged: 900 bytes that are no record were skipped, dropping 5 "
             "records, of the points at rows 40, 41, 42, 43, 44 (the points left without a record "
             "run again); every intact record was kept, and the journal as found is in j.damaged");
}

// Without it (or past what it holds) the count is what the frames tell, and said to be a floor.
BOOST_AUTO_TEST_CASE(without_the_published_file_the_count_is_at_least) {
  for (const bool past_it : {false, true}) {
    BOOST_TEST_CONTEXT((past_it ? "damage past the published file" : "no published file")) {
      // It holds the records up to row 34's.
      std::optional<PublishedRecords> published;
      if (past_it) {
        published = all_done(7000);
        for (std::size_t r = 35; r < 100; ++r) published->finished[r] = std::nullopt;
      }
      const JournalLoss loss =
          account_journal_loss(zeroed_block(), published, journal_without(40, 45), is_row);
      BOOST_TEST(!loss.exact);
      BOOST_TEST(loss.rows == std::vector<std::uint64_t>{40}, boost::test_tools::per_element());
      BOOST_TEST(loss.unreadable_bytes == 900u);
      BOOST_TEST(describe(loss, "j", "o.h5") ==
                 "the journal j was damaged: 900 bytes that are no record were skipped, dropping "
                 "at least 1 record, of the point at row 40, and maybe more in 900 bytes in which "
                 "no record could be recognised (the points left without a record run again); "
                 "every intact record was kept, and the journal as found is in j.damaged");
    }
  }
  // A stretch between two records with no frame left in it held one at least.
  JournalRepair erased = zeroed_block();
  erased.stretches[0].frames.clear();
  const JournalLoss loss =
      account_journal_loss(erased, std::nullopt, journal_without(40, 45), is_row);
  BOOST_TEST(loss.records() == 1u);
  BOOST_TEST(loss.unknown_rows == 1u);
  BOOST_TEST(!loss.exact);
}

BOOST_AUTO_TEST_CASE(a_journal_that_ends_before_the_published_file_was_cut_short) {
  JournalRepair repair;
  repair.records_end = 12000;
  const JournalLoss loss =
      account_journal_loss(repair, all_done(20000), journal_without(60, 100), is_row);
  BOOST_TEST(loss.cut);
  BOOST_TEST(loss.exact);
  BOOST_TEST(loss.records() == 40u);
  BOOST_TEST(describe(loss, "j", "o.h5") ==
             "the journal j was cut short: its records end at byte 12000, but o.h5 holds them up "
             "to byte 20000; dropping 40 records, of the points at rows 60, 61, 62, 63, 64, 65, "
             "66, 67 and 32 more (the points left without a record run again)");
  // Ending where the published file does, it lost nothing.
  BOOST_TEST(!account_journal_loss(repair, all_done(12000), journal_without(0, 0), is_row).any());
}

// A retry's record lost leaves the point with its earlier outcome: lost too, when the published
// file holds every record (else the journal may hold outcomes it has not seen yet).
BOOST_AUTO_TEST_CASE(
    an_earlier_outcome_in_the_journal_is_a_lost_record_only_if_the_file_is_current) {
  JournalRepair repair;
  repair.records_end = 12000;
  std::vector<PointStatus> status = journal_without(0, 0);
  status[7] = PointStatus::failed;
  BOOST_TEST(account_journal_loss(repair, all_done(15000), status, is_row).rows ==
                 std::vector<std::uint64_t>{7},
             boost::test_tools::per_element());
  BOOST_TEST(account_journal_loss(repair, all_done(11000), status, is_row).rows.empty());
}

BOOST_AUTO_TEST_CASE(stray_bytes_after_the_last_record_lose_nothing) {
  JournalRepair repair;
  repair.damaged_bytes = 300;
  repair.records_end = 20300;
  repair.damaged_copy = "j.damaged";
  DamagedStretch s;
  s.begin = 20000;
  s.end = 20300;
  s.whole = s.at_end = true;
  repair.stretches = {s};
  const JournalLoss loss =
      account_journal_loss(repair, all_done(20000), journal_without(0, 0), is_row);
  BOOST_TEST(loss.exact);
  BOOST_TEST(loss.records() == 0u);
  BOOST_TEST(describe(loss, "j", "o.h5") ==
             "the journal j was damaged: 300 bytes that are no record were skipped; no record was "
             "lost; every intact record was kept, and the journal as found is in j.damaged");
}

// A frame whose row and point id do not name a row of the sweep (damaged there too) is counted
// without a row.
BOOST_AUTO_TEST_CASE(frames_whose_ids_are_damaged_count_without_a_row) {
  JournalRepair repair = zeroed_block();
  repair.stretches[0].whole = true;
  repair.stretches[0].frames = {frame_of(8000, 40), {8300, true, 41, 77}, {8600, false, 0, 0}};
  const JournalLoss loss =
      account_journal_loss(repair, std::nullopt, journal_without(40, 43), is_row);
  BOOST_TEST(loss.exact);
  BOOST_TEST(loss.records() == 3u);
  BOOST_TEST(describe(loss, "j", "o.h5")
                 .find("dropping 3 records, of the points at rows 40, and 2 "
                       "records whose row could not be read (") != std::string::npos);
}

// Zeros after the last record, past what the published file holds: records may have been there
// (a machine crash leaves a tail so), and the report does not pretend to know how many.
BOOST_AUTO_TEST_CASE(an_unreadable_tail_is_an_unknown_number_of_records) {
  JournalRepair repair;
  repair.damaged_bytes = 4096;
  repair.records_end = 24096;
  repair.damaged_copy = "j.damaged";
  DamagedStretch s;
  s.begin = 20000;
  s.end = 24096;
  s.at_end = true;
  repair.stretches = {s};
  const JournalLoss loss =
      account_journal_loss(repair, all_done(20000), journal_without(0, 0), is_row);
  BOOST_TEST(!loss.exact);
  BOOST_TEST(loss.records() == 0u);
  BOOST_TEST(describe(loss, "j", "o.h5") ==
             "the journal j was damaged: 4096 bytes that are no record were skipped, dropping an "
             "unknown number of records in 4096 bytes in which none could be recognised (the "
             "points left without a record run again); every intact record was kept, and the "
             "journal as found is in j.damaged");
}

BOOST_AUTO_TEST_CASE(a_journal_damaged_and_cut_short_is_told_both) {
  JournalRepair repair = zeroed_block();
  repair.records_end = 15000;
  const JournalLoss loss =
      account_journal_loss(repair, all_done(20000), journal_without(40, 100), is_row);
  BOOST_TEST(loss.exact);
  BOOST_TEST(loss.records() == 60u);
  BOOST_TEST(describe(loss, "j", "o.h5") ==
             "the journal j was damaged and cut short: 900 bytes that are no record were skipped, "
             "and its records end at byte 15000, but o.h5 holds them up to byte 20000; dropping 60 "
             "records, of the points at rows 40, 41, 42, 43, 44, 45, 46, 47 and 52 more (the "
             "points left without a record run again); every intact record was kept, and the "
             "journal as found is in j.damaged");
}
