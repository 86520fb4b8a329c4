#define BOOST_TEST_MODULE journal
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

#include "common/errors.hpp"
#include "runner/store/journal.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {
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

BOOST_AUTO_TEST_CASE(records_survive_reopening) {
  const std::string path = test::fresh_dir("journal-reopen") + "/j";
  {
    Journal j = Journal::create(path, {42, 3, "s.ini", "[sweep]\n", "2026-01-01T00:00:00Z"});
    j.append(record(0));
    j.append(record(2));
  }
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
}

BOOST_AUTO_TEST_CASE(a_torn_tail_is_dropped_and_appending_continues) {
  const std::string path = test::fresh_dir("journal-torn") + "/j";
  {
    Journal j = Journal::create(path, {1, 2, "s.ini", "", ""});
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

BOOST_AUTO_TEST_CASE(a_corrupted_record_ends_the_readable_part) {
  const std::string path = test::fresh_dir("journal-corrupt") + "/j";
  {
    Journal j = Journal::create(path, {1, 2, "s.ini", "", ""});
    j.append(record(0));
    j.append(record(1));
  }
  const auto size = std::filesystem::file_size(path);
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(size - 3));
  f.put('\x7f');
  f.close();
  JournalHeader h;
  std::vector<PointRecord> rs;
  Journal::open(path, h, rs);
  BOOST_TEST(rs.size() == 1u);
}

BOOST_AUTO_TEST_CASE(creating_over_an_existing_journal_fails_and_other_files_are_refused) {
  const std::string dir = test::fresh_dir("journal-exists");
  { Journal::create(dir + "/j", {1, 1, "", "", ""}); }
  // Only a second diffsweep starting at the same moment finds it there.
  BOOST_CHECK_THROW(Journal::create(dir + "/j", {1, 1, "", "", ""}), InputError);
  test::write_text(dir + "/not-a-journal", "hello");
  JournalHeader h;
  std::vector<PointRecord> rs;
  BOOST_CHECK_THROW(Journal::open(dir + "/not-a-journal", h, rs), InputError);
}

BOOST_AUTO_TEST_CASE(a_second_writer_is_refused) {
  const std::string path = test::fresh_dir("journal-lock") + "/j";
  Journal first = Journal::create(path, {1, 1, "", "", ""});
  JournalHeader h;
  std::vector<PointRecord> rs;
  BOOST_CHECK_THROW(Journal::open(path, h, rs), InputError);
}
