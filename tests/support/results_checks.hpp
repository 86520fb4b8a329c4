// Reading back what a run left behind, for tests: a results file's columns and the journal.
#pragma once

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "results_io/hdf5.hpp"
#include "runner/store/journal.hpp"

namespace diffsweep::test {

inline std::vector<std::string> statuses(const std::string& h5_path) {
  h5::Handle f = h5::open_file_read(h5_path);
  h5::Handle points = h5::open_group(f.get(), "points");
  return h5::read_strings(points.get(), "status");
}

// A text column of /points (status, error, a choice parameter).
inline std::vector<std::string> texts(const std::string& h5_path, const std::string& name) {
  h5::Handle f = h5::open_file_read(h5_path);
  h5::Handle points = h5::open_group(f.get(), "points");
  return h5::read_strings(points.get(), name);
}

inline std::vector<double> column(const std::string& h5_path, const std::string& name) {
  h5::Handle f = h5::open_file_read(h5_path);
  h5::Handle points = h5::open_group(f.get(), "points");
  return h5::read_doubles(points.get(), name);
}

// The row of every point id in a results file.
inline std::map<std::uint64_t, std::size_t> rows_by_id(const std::string& h5_path) {
  h5::Handle f = h5::open_file_read(h5_path);
  h5::Handle points = h5::open_group(f.get(), "points");
  const auto ids = h5::read_u64(points.get(), "point_id");
  std::map<std::uint64_t, std::size_t> rows;
  for (std::size_t r = 0; r < ids.size(); ++r) rows.emplace(ids[r], r);
  return rows;
}

// Checks that every point `ids` names has, in `actual`, the same status and the same value of
// each numeric column as in `expected` (NaN equal to NaN), wherever both files hold it.
inline void same_points(const std::string& actual, const std::string& expected,
                        const std::set<std::uint64_t>& ids,
                        const std::vector<std::string>& numbers) {
  const auto rows_a = rows_by_id(actual), rows_e = rows_by_id(expected);
  const auto status_a = statuses(actual), status_e = statuses(expected);
  for (const std::uint64_t id : ids) {
    BOOST_TEST_REQUIRE(rows_a.count(id) == 1u);
    BOOST_TEST_REQUIRE(rows_e.count(id) == 1u);
    BOOST_TEST(status_a[rows_a.at(id)] == status_e[rows_e.at(id)]);
  }
  for (const auto& name : numbers) {
    const auto a = column(actual, name), e = column(expected, name);
    for (const std::uint64_t id : ids) {
      const double x = a[rows_a.at(id)], y = e[rows_e.at(id)];
      BOOST_TEST_CONTEXT(name << " of point " << id) {
        BOOST_TEST((x == y || (std::isnan(x) && std::isnan(y))));
      }
    }
  }
}

// How many points the journal holds, checking that none is recorded twice.
inline std::size_t journal_points(const std::string& journal) {
  JournalHeader h;
  std::vector<PointRecord> records;
  Journal::open(journal, h, records);
  std::set<std::uint64_t> indices;
  for (const auto& r : records) indices.insert(r.index);
  BOOST_TEST(indices.size() == records.size());
  return records.size();
}

}  // namespace diffsweep::test
