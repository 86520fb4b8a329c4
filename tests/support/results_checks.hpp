// Reading back what a run left behind, for tests: a results file's columns and the journal.
#pragma once

#include <boost/test/unit_test.hpp>
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

inline std::vector<double> column(const std::string& h5_path, const std::string& name) {
  h5::Handle f = h5::open_file_read(h5_path);
  h5::Handle points = h5::open_group(f.get(), "points");
  return h5::read_doubles(points.get(), name);
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
