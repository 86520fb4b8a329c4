#define BOOST_TEST_MODULE journal
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <set>

#include "common/errors.hpp"
#include "runner/store/journal.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {
// A header without history or overrides: the fields a journal of a never-extended sweep has.
JournalHeader header_of(std::uint64_t hash, std::uint64_t n_points, std::string path,
                        std::string text, std::string started) {
  JournalHeader h;
  h.sweep_hash = hash;
  h.n_points = n_points;
  h.sweep_path = std::move(path);
  h.sweep_text = std::move(text);
  h.started = std::move(started);
  return h;
}

PointRecord record(std::uint64_t index) {
  PointRecord r;
  r.index = index;
  r.point_id = 1000 + index;
  r.status = PointStatus::done;
  r.result.scalars["value"] = static_cast<double>(index) * 0.5;
  r.result.series["trace"] = std::vector<double>(index, 1.0);
  return r;
}
}  // namespace

// Journals an older diffsweep wrote are read, and appended to in their own frame format.
BOOST_AUTO_TEST_CASE(records_survive_reopening_in_every_journal_version) {
  for (int version = 1; version <= Journal::current_version; ++version) {
    BOOST_TEST_CONTEXT("journal version " << version) {
      const std::string path = test::fresh_dir("journal-reopen") + "/j";
      {
        Journal j = Journal::create(
            path, header_of(42, 3, "s.ini", "[sweep]\n", "2026-01-01T00:00:00Z"), version);
        j.append(record(0));
        j.append(record(2));
      }
      BOOST_TEST(test::read_text(path).substr(0, 20) ==
                 "diffsweep-journal " + std::to_string(version) + "\n");
      JournalHeader h;
      std::vector<PointRecord> rs;
      {
        Journal j = Journal::open(path, h, rs);
        j.append(record(1));
      }
      BOOST_TEST(h.sweep_hash == 42u);
      BOOST_TEST(h.sweep_text == "[sweep]\n");
      BOOST_TEST(rs.size() == 2u);
      BOOST_TEST(rs[1].result.scalars.at("value") == 1.0);
      rs.clear();
      Journal::open(path, h, rs);
      BOOST_TEST(rs.size() == 3u);
      BOOST_TEST(rs[2].index == 1u);
      BOOST_TEST(rs[2].result.series.at("trace").size() == 1u);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_torn_tail_is_dropped_and_appending_continues) {
  const std::string path = test::fresh_dir("journal-torn") + "/j";
  {
    Journal j = Journal::create(path, header_of(1, 2, "s.ini", "", ""));
    j.append(record(0));
    j.append(record(1));
  }
  // Cut the last record in half, as a SIGKILL inside write(2) can.
  const auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size - 7);
  JournalHeader h;
  std::vector<PointRecord> rs;
  {
    Journal j = Journal::open(path, h, rs);
    BOOST_TEST(rs.size() == 1u);
    j.append(record(1));
  }
  rs.clear();
  Journal::open(path, h, rs);
  BOOST_TEST(rs.size() == 2u);
  BOOST_TEST(rs[1].index == 1u);
}

namespace {

// A journal of `n` records (0 .. n-1) at a fresh path.
std::string journal_of(const std::string& name, std::size_t n,
                       int version = Journal::current_version) {
  const std::string path = test::fresh_dir(name) + "/j";
  Journal j = Journal::create(path, header_of(1, n, "s.ini", "", ""), version);
  for (std::size_t i = 0; i < n; ++i) j.append(record(i));
  return path;
}

void flip(const std::string& path, std::uintmax_t offset, char mask) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.get(c);
  f.seekp(static_cast<std::streamoff>(offset));
  f.put(static_cast<char>(c ^ mask));
}

}  // namespace

// Versions 2 and 3 (the checksum differs; both have frame markers to resynchronise on).
BOOST_AUTO_TEST_CASE(one_damaged_byte_loses_one_record_and_keeps_every_other) {
  for (const int version : {2, 3}) {
    BOOST_TEST_CONTEXT("journal version " << version) {
      const std::string path = journal_of("journal-damaged", 2000, version);
      const std::string before = test::read_text(path);
      flip(path, before.size() / 2, 0x10);
      const std::string damaged = test::read_text(path);
      JournalHeader h;
      std::vector<PointRecord> rs;
      JournalRepair repair;
      {
        Journal j = Journal::open(
            path, h, [&](const PointRecord& r) { rs.push_back(r); }, repair);
        j.append(record(2000));  // appending goes on after the repair
      }
      BOOST_TEST(rs.size() == 1999u);
      BOOST_TEST(repair.damaged());
      BOOST_TEST(repair.lost_records() == 1u);
      BOOST_TEST(repair.exact());
      BOOST_TEST(!repair.torn_tail);
      // The record lost, by its row and point id (read from its damaged frame).
      std::set<std::uint64_t> seen;
      for (const auto& r : rs) seen.insert(r.index);
      BOOST_TEST_REQUIRE(repair.stretches.size() == 1u);
      BOOST_TEST_REQUIRE(repair.stretches[0].frames.size() == 1u);
      const LostFrame& lost = repair.stretches[0].frames[0];
      if (lost.has_id) {  // unless the flip hit the id itself
        BOOST_TEST(!seen.count(lost.index));
        BOOST_TEST(lost.point_id == 1000 + lost.index);
      }
      // The journal as found is kept; the journal itself holds every intact record and no damage.
      BOOST_TEST(test::read_text(repair.damaged_copy) == damaged);
      rs.clear();
      JournalRepair again;
      Journal::open(
          path, h, [&](const PointRecord& r) { rs.push_back(r); }, again);
      BOOST_TEST(rs.size() == 2000u);
      BOOST_TEST(!again.damaged());
      BOOST_TEST(rs.back().index == 2000u);
    }
  }
}

BOOST_AUTO_TEST_CASE(random_bit_flips_lose_only_the_records_they_hit) {
  for (const int version : {2, 3}) {
    BOOST_TEST_CONTEXT("journal version " << version) {
      std::mt19937_64 rng(5);
      for (int trial = 0; trial < 20; ++trial) {
        const std::string path = journal_of("journal-flips", 500, version);
        const auto size = std::filesystem::file_size(path);
        // Past the header: damage there is another case (below).
        std::uniform_int_distribution<std::uintmax_t> where(200, size - 1);
        const int flips = 1 + trial % 3;
        for (int k = 0; k < flips; ++k) flip(path, where(rng), static_cast<char>(1 << (rng() % 8)));
        JournalHeader h;
        std::vector<PointRecord> rs;
        JournalRepair repair;
        Journal::open(
            path, h, [&](const PointRecord& r) { rs.push_back(r); }, repair);
        BOOST_TEST(rs.size() >= 500u - flips, "trial " << trial << ": " << rs.size());
        std::set<std::uint64_t> indices;
        for (const auto& r : rs) {
          BOOST_TEST(r.result.scalars.at("value") == static_cast<double>(r.index) * 0.5);
          indices.insert(r.index);
        }
        BOOST_TEST(indices.size() == rs.size());
      }
    }
  }
}

namespace {

// The offsets of a journal's record frames (version 3: 16 bytes of frame header, the body).
std::vector<std::size_t> frame_starts(const std::string& bytes) {
  std::vector<std::size_t> starts;
  for (std::size_t pos = 20; pos + 16 <= bytes.size();) {
    std::uint32_t length = 0;
    std::memcpy(&length, bytes.data() + pos + 4, 4);
    starts.push_back(pos);
    pos += 16 + length;
  }
  starts.erase(starts.begin());  // the header's
  return starts;
}

JournalRepair open_repaired(const std::string& path, std::vector<PointRecord>& rs) {
  JournalHeader h;
  JournalRepair repair;
  Journal::open(
      path, h, [&](const PointRecord& r) { rs.push_back(r); }, repair);
  return repair;
}

}  // namespace

// Damage confined to records' bodies leaves their lengths, which chain over the stretch: the count
// is exact, and every lost record's row is read from its frame.
BOOST_AUTO_TEST_CASE(damaged_bodies_are_counted_exactly_with_their_rows) {
  const std::string path = journal_of("journal-bodies", 100);
  const std::string bytes = test::read_text(path);
  const auto starts = frame_starts(bytes);
  std::string damaged = bytes;
  for (const std::size_t k : {40, 41, 42}) damaged[starts[k] + 40] ^= 0x01;  // in each body
  test::write_text(path, damaged);
  std::vector<PointRecord> rs;
  const JournalRepair repair = open_repaired(path, rs);
  BOOST_TEST(rs.size() == 97u);
  BOOST_TEST(repair.exact());
  BOOST_TEST(repair.lost_records() == 3u);
  BOOST_TEST(repair.damaged_bytes == starts[43] - starts[40]);
  BOOST_TEST_REQUIRE(repair.stretches.size() == 1u);
  std::vector<std::uint64_t> rows;
  for (const LostFrame& f : repair.stretches[0].frames) {
    BOOST_TEST(f.has_id);
    BOOST_TEST(f.point_id == 1000 + f.index);
    rows.push_back(f.index);
  }
  BOOST_TEST(rows == (std::vector<std::uint64_t>{40, 41, 42}), boost::test_tools::per_element());
}

// A zeroed block erases the markers and lengths of the records inside it: the journal alone
// knows only that at least one record was lost (the published file tells the rest:
// test_journal_loss), not that 4 were.
BOOST_AUTO_TEST_CASE(a_zeroed_block_is_counted_as_at_least_what_is_left_of_it) {
  const std::string path = journal_of("journal-zeroed", 100);
  const std::string bytes = test::read_text(path);
  const auto starts = frame_starts(bytes);
  std::string damaged = bytes;
  // From inside record 40 to inside record 44: 40's marker and row are left, 41 to 43 erased.
  damaged.replace(starts[40] + 30, starts[44] + 10 - starts[40] - 30,
                  starts[44] + 10 - starts[40] - 30, '\0');
  test::write_text(path, damaged);
  std::vector<PointRecord> rs;
  const JournalRepair repair = open_repaired(path, rs);
  BOOST_TEST(rs.size() == 95u);
  BOOST_TEST(!repair.exact());
  BOOST_TEST_REQUIRE(repair.stretches.size() == 1u);
  const DamagedStretch& s = repair.stretches[0];
  BOOST_TEST(s.begin == starts[40]);
  BOOST_TEST(s.end == starts[45]);
  BOOST_TEST(!s.whole);
  BOOST_TEST_REQUIRE(s.frames.size() == 1u);
  BOOST_TEST(s.frames[0].index == 40u);
  BOOST_TEST(repair.lost_records() == 1u);
}

// After the last record: bytes in which no record begins lose nothing; zeros (what a machine
// crash leaves of a tail) may have been records, so the count is not known to be exact.
BOOST_AUTO_TEST_CASE(bytes_after_the_last_record_lose_nothing_unless_they_are_zeros) {
  for (const char fill : {'g', '\0'}) {
    BOOST_TEST_CONTEXT("filled with " << int(fill)) {
      const std::string path = journal_of("journal-tail", 50);
      const auto size = std::filesystem::file_size(path);
      std::ofstream(path, std::ios::binary | std::ios::app) << std::string(500, fill);
      std::vector<PointRecord> rs;
      const JournalRepair repair = open_repaired(path, rs);
      BOOST_TEST(rs.size() == 50u);
      BOOST_TEST(repair.damaged_bytes == 500u);
      BOOST_TEST(repair.records_end == size + 500);
      BOOST_TEST(repair.lost_records() == 0u);
      BOOST_TEST(repair.exact() == (fill != '\0'));
    }
  }
}

BOOST_AUTO_TEST_CASE(an_unreadable_header_names_restart) {
  const std::string dir = test::fresh_dir("journal-header");
  const auto refused = [&](const std::string& path) {
    try {
      JournalHeader h;
      std::vector<PointRecord> rs;
      Journal::open(path, h, rs);
    } catch (const InputError& e) {
      return std::string(e.what()).find("--restart") != std::string::npos;
    }
    return false;
  };
  test::write_text(dir + "/empty", "");
  BOOST_TEST(refused(dir + "/empty"));
  const std::string path = journal_of("journal-header-src", 3);
  const std::string bytes = test::read_text(path);
  test::write_text(dir + "/half", bytes.substr(0, 40));
  BOOST_TEST(refused(dir + "/half"));
  std::string bad = bytes;
  bad[30] ^= 1;
  test::write_text(dir + "/bad", bad);
  BOOST_TEST(refused(dir + "/bad"));
}

BOOST_AUTO_TEST_CASE(creating_over_an_existing_journal_fails_and_other_files_are_refused) {
  const std::string dir = test::fresh_dir("journal-exists");
  { Journal::create(dir + "/j", header_of(1, 1, "", "", "")); }
  // Only a second diffsweep starting at the same moment finds it there.
  BOOST_CHECK_THROW(Journal::create(dir + "/j", header_of(1, 1, "", "", "")), InputError);
  test::write_text(dir + "/not-a-journal", "hello");
  JournalHeader h;
  std::vector<PointRecord> rs;
  BOOST_CHECK_THROW(Journal::open(dir + "/not-a-journal", h, rs), InputError);
}

BOOST_AUTO_TEST_CASE(a_second_writer_is_refused) {
  const std::string path = test::fresh_dir("journal-lock") + "/j";
  Journal first = Journal::create(path, header_of(1, 1, "", "", ""));
  JournalHeader h;
  std::vector<PointRecord> rs;
  BOOST_CHECK_THROW(Journal::open(path, h, rs), InputError);
}

// An extended sweep's journal keeps the earlier sweeps and the rows outside the current one in
// its header, and replacing a journal leaves the new one whole and locked in its place.
BOOST_AUTO_TEST_CASE(a_replaced_journal_keeps_its_history_and_outside_rows) {
  const std::string path = test::fresh_dir("journal-replace") + "/j";
  JournalHeader first{7, 2, "s.ini", "[sweep]\n", "2026-01-01T00:00:00Z", {"x=1,2"}, {}, {}};
  { Journal::create(path, first).append(record(1)); }
  JournalHeader h;
  std::vector<PointRecord> rs;
  std::optional<Journal> old = Journal::open(path, h, rs);
  BOOST_TEST(h.overrides == std::vector<std::string>{"x=1,2"});
  BOOST_TEST(h.history.empty());

  JournalHeader grown{9, 3, "s.ini", "[sweep]\nreplicates = 2\n", h.started, {}, {}, {}};
  grown.history.push_back({7, 2, "s.ini", "[sweep]\n", {"x=1,2"}, "2026-01-02T00:00:00Z"});
  grown.outside.push_back({0, 1});
  PointRecord moved = rs.at(0);
  moved.index = 3;
  {
    Journal fresh = Journal::replace(path, grown, Journal::record_frame(moved));
    old.reset();
    // Locked: a second writer is refused while this one holds it.
    JournalHeader again;
    std::vector<PointRecord> none;
    BOOST_CHECK_THROW(Journal::open(path, again, none), InputError);
    fresh.append(record(0));
  }
  rs.clear();
  Journal::open(path, h, rs);
  BOOST_TEST(h.sweep_hash == 9u);
  BOOST_TEST_REQUIRE(h.history.size() == 1u);
  BOOST_TEST(h.history[0].hash == 7u);
  BOOST_TEST(h.history[0].overrides == std::vector<std::string>{"x=1,2"});
  BOOST_TEST(h.history[0].until == "2026-01-02T00:00:00Z");
  BOOST_TEST_REQUIRE(h.outside.size() == 1u);
  BOOST_TEST(h.outside[0].index == 1u);
  BOOST_TEST_REQUIRE(rs.size() == 2u);
  BOOST_TEST(rs[0].index == 3u);
  BOOST_TEST(rs[0].result.scalars.at("value") == 0.5);
  BOOST_TEST(rs[1].index == 0u);
}

// What a kill during create() or replace() leaves, path.new-<pid>, is removed once its process
// is gone; a file of a process that runs, or that a process holds locked (a creator on another
// host, whose pid means nothing here), and files named otherwise are kept.
BOOST_AUTO_TEST_CASE(leftovers_of_processes_that_are_gone_are_removed) {
  const std::string dir = test::fresh_dir("journal-leftovers");
  const std::string path = dir + "/j";
  Journal held = Journal::create(path, header_of(1, 1, "", "", ""));
  const auto ended_pid = [] {
    const pid_t pid = fork();
    if (pid == 0) _exit(0);
    test::wait_status(pid);
    return pid;
  };
  const pid_t gone = ended_pid(), gone_locked = ended_pid();
  const std::string leftover = path + ".new-" + std::to_string(gone);
  const std::string locked = path + ".new-" + std::to_string(gone_locked);
  const std::vector<std::string> kept = {
      path + ".new-1", path + ".new-" + std::to_string(gone) + "x", path + ".new-",
      dir + "/k.new-" + std::to_string(gone), locked};
  for (const auto& p : kept) test::write_text(p, "x");
  test::write_text(leftover, "diffsweep-journal 3\n");
  const int lock = ::open(locked.c_str(), O_RDONLY);
  BOOST_TEST_REQUIRE(flock(lock, LOCK_EX | LOCK_NB) == 0);
  const std::vector<LeftoverJournal> removed = Journal::remove_leftovers(path);
  ::close(lock);
  BOOST_TEST_REQUIRE(removed.size() == 1u);
  BOOST_TEST(removed[0].path == leftover);
  BOOST_TEST(removed[0].pid == gone);
  BOOST_TEST(!std::filesystem::exists(leftover));
  for (const auto& p : kept) BOOST_TEST(std::filesystem::exists(p), p);
  BOOST_TEST(std::filesystem::exists(path));
}

// A journal refused while it is opened (its header does not match the sweep, or a record does
// not) leaves no descriptor and no lock behind: opening it again in the same process meets the
// same refusal, not "in use by another diffsweep process", and a matching open then succeeds.
BOOST_AUTO_TEST_CASE(a_refused_open_releases_the_journal_and_its_lock) {
  const std::string path = test::fresh_dir("journal-refused") + "/j";
  {
    Journal j = Journal::create(path, header_of(7, 2, "s.ini", "", ""));
    j.append(record(1));
  }
  const auto refuse_header = [](const JournalHeader& h) {
    if (h.sweep_hash != 8) throw InputError("another sweep");
  };
  const auto refuse_record = [](const PointRecord& r) {
    if (r.index == 1) throw InputError("a record of another sweep");
  };
  JournalHeader h;
  JournalRepair repair;
  for (int attempt = 0; attempt < 2; ++attempt) {
    BOOST_TEST_CONTEXT("attempt " << attempt) {
      BOOST_CHECK_EXCEPTION(
          Journal::open(
              path, h, [](const PointRecord&) {}, repair, refuse_header),
          InputError, [](const InputError& e) { return std::string(e.what()) == "another sweep"; });
      BOOST_CHECK_EXCEPTION(
          Journal::open(path, h, refuse_record, repair), InputError,
          [](const InputError& e) { return std::string(e.what()) == "a record of another sweep"; });
    }
  }
  std::vector<PointRecord> rs;
  Journal::open(path, h, rs);
  BOOST_TEST(rs.size() == 1u);
  // What the process holds open now is what it held before any of these opens.
  const auto open_files = [] {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
    return n;
  };
  const std::size_t before = open_files();
  for (int attempt = 0; attempt < 3; ++attempt) {
    try {
      Journal::open(path, h, refuse_record, repair);
    } catch (const InputError&) {
    }
  }
  BOOST_TEST(open_files() == before);
}
