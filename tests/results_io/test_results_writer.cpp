// The results file writer on its own, read back through the HDF5 wrapper (not the reader): every
// column type with its attributes and its fill, rows updated in place, series stored as ragged
// arrays in row order however the rows arrive, file attributes, and a file published whole.
#define BOOST_TEST_MODULE results_writer
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "results_io/hdf5.hpp"
#include "results_io/results_writer.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;
using results::ColumnSpec;
using results::ColumnType;
using results::Role;

namespace {

std::string fresh_file(const std::string& name) {
  return test::fresh_dir("results-writer-" + name) + "/" + name + ".h5";
}

// Two columns of every kind the runner writes; `x` and `id` filled at creation, the rest left at
// their fill.
std::vector<ColumnSpec> specs() {
  return {
      {"point_id", Role::point, "the point's id", ColumnType::unsigned_integer},
      {"x", Role::parameter, "the swept x", ColumnType::real, "0.5", "m"},
      {"n", Role::parameter, "a count", ColumnType::integer, "3"},
      {"flag", Role::parameter, "a switch", ColumnType::boolean, "false"},
      {"word", Role::parameter, "a choice", ColumnType::text},
      {"status", Role::point, "", ColumnType::status},
      {"loss", Role::metric, "the final loss", ColumnType::real, std::nullopt, "1"},
  };
}

results::ResultsFileWriter create(const std::string& path, std::size_t rows) {
  return results::ResultsFileWriter::create(
      path, specs(), rows, [](std::size_t first, std::size_t count) {
        std::vector<std::uint64_t> ids;
        std::vector<double> xs;
        for (std::size_t r = first; r < first + count; ++r) {
          ids.push_back(100 + r);
          xs.push_back(0.25 * static_cast<double>(r));
        }
        return std::vector<std::optional<results::ColumnValues>>{ids, xs};
      });
}

std::vector<double> series_values(const std::string& path, const std::string& name,
                                  const char* member) {
  h5::Handle f = h5::open_file_read(path);
  h5::Handle g = h5::open_group(f.get(), "series/" + name);
  return h5::read_doubles(g.get(), member);
}

// Row r's values of a series, from its start and length.
std::vector<double> row_series(const std::string& path, const std::string& name, std::size_t r) {
  const auto values = series_values(path, name, "values");
  const auto start = series_values(path, name, "start");
  const auto length = series_values(path, name, "length");
  if (start.at(r) < 0) return {};
  const auto first = values.begin() + static_cast<std::ptrdiff_t>(start[r]);
  return {first, first + static_cast<std::ptrdiff_t>(length[r])};
}

}  // namespace

BOOST_AUTO_TEST_CASE(columns_carry_their_attributes_filled_rows_and_fill) {
  const std::string path = fresh_file("columns");
  create(path, 4).close();

  h5::Handle f = h5::open_file_read(path);
  BOOST_TEST(h5::read_int_attribute(f.get(), "format_version") == results::format_version);
  h5::Handle points = h5::open_group(f.get(), "points");
  // In the order created.
  BOOST_TEST(h5::children(points.get()) ==
                 (std::vector<std::string>{"point_id", "x", "n", "flag", "word", "status", "loss"}),
             boost::test_tools::per_element());
  BOOST_TEST(
      h5::read_u64(points.get(), "point_id") == (std::vector<std::uint64_t>{100, 101, 102, 103}),
      boost::test_tools::per_element());
  BOOST_TEST(h5::read_doubles(points.get(), "x") == (std::vector<double>{0, 0.25, 0.5, 0.75}),
             boost::test_tools::per_element());
  // Columns not filled start at their fill: NaN, 0, FALSE, "" and "pending".
  for (const double v : h5::read_doubles(points.get(), "loss")) BOOST_TEST(std::isnan(v));
  BOOST_TEST(h5::read_i64(points.get(), "n") == (std::vector<std::int64_t>(4, 0)),
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_doubles(points.get(), "flag") == (std::vector<double>(4, 0.0)),
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_strings(points.get(), "word") == (std::vector<std::string>(4, "")),
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_strings(points.get(), "status") == (std::vector<std::string>(4, "pending")),
             boost::test_tools::per_element());

  h5::Handle x = h5::open_dataset(points.get(), "x");
  BOOST_TEST(h5::read_string_attribute(x.get(), "role") == "parameter");
  BOOST_TEST(h5::read_string_attribute(x.get(), "long_name") == "the swept x");
  BOOST_TEST(h5::read_string_attribute(x.get(), "default") == "0.5");
  BOOST_TEST(h5::read_string_attribute(x.get(), "units") == "m");
  BOOST_TEST(!h5::has_attribute(x.get(), "dtype"));
  h5::Handle loss = h5::open_dataset(points.get(), "loss");
  BOOST_TEST(h5::read_string_attribute(loss.get(), "role") == "metric");
  BOOST_TEST(h5::read_string_attribute(loss.get(), "units") == "1");
  BOOST_TEST(!h5::has_attribute(loss.get(), "default"));  // a metric has none
  h5::Handle word = h5::open_dataset(points.get(), "word");
  BOOST_TEST(!h5::has_attribute(word.get(), "units"));  // none given: none written
  h5::Handle flag = h5::open_dataset(points.get(), "flag");
  BOOST_TEST(h5::read_string_attribute(flag.get(), "dtype") == "bool");
  BOOST_TEST(h5::read_string_attribute(flag.get(), "default") == "false");
  h5::Handle id = h5::open_dataset(points.get(), "point_id");
  BOOST_TEST(h5::read_string_attribute(id.get(), "role") == "point");
}

BOOST_AUTO_TEST_CASE(a_file_larger_than_one_fill_block_is_filled_block_by_block) {
  const std::string path = fresh_file("blocks");
  const std::size_t rows = 65536 + 3;
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  results::ResultsFileWriter::create(
      path, {{"point_id", Role::point, "", ColumnType::unsigned_integer}}, rows,
      [&](std::size_t first, std::size_t count) {
        calls.emplace_back(first, count);
        std::vector<std::uint64_t> ids(count);
        for (std::size_t k = 0; k < count; ++k) ids[k] = first + k;
        return std::vector<std::optional<results::ColumnValues>>{ids};
      })
      .close();
  BOOST_TEST_REQUIRE(calls.size() == 2u);
  BOOST_TEST(calls[0].first == 0u);
  BOOST_TEST(calls[0].second == 65536u);
  BOOST_TEST(calls[1].first == 65536u);
  BOOST_TEST(calls[1].second == 3u);
  h5::Handle f = h5::open_file_read(path);
  h5::Handle points = h5::open_group(f.get(), "points");
  const auto ids = h5::read_u64(points.get(), "point_id");
  BOOST_TEST_REQUIRE(ids.size() == rows);
  BOOST_TEST(ids[65535] == 65535u);
  BOOST_TEST(ids[rows - 1] == rows - 1);
}

BOOST_AUTO_TEST_CASE(rows_are_updated_in_place_after_reopening) {
  const std::string path = fresh_file("update");
  create(path, 5).close();
  {
    auto w = results::ResultsFileWriter::open(path);
    w.write_rows("status", {3, 1}, std::vector<std::string>{"done", "failed"});
    w.write_rows("loss", {3}, std::vector<double>{0.125});
    w.write_rows("n", {4, 0}, std::vector<std::int64_t>{-2, 9});
    w.write_rows("flag", {2}, std::vector<std::int64_t>{1});
    w.set_attributes({{"experiment", std::string("synthetic")},
                      {"n_points", std::int64_t{5}},
                      {"worker_utilisation", 0.75}});
    w.close();
  }
  h5::Handle f = h5::open_file_read(path);
  BOOST_TEST(h5::read_string_attribute(f.get(), "experiment") == "synthetic");
  BOOST_TEST(h5::read_int_attribute(f.get(), "n_points") == 5);
  BOOST_TEST(h5::read_double_attribute(f.get(), "worker_utilisation") == 0.75);
  h5::Handle points = h5::open_group(f.get(), "points");
  BOOST_TEST(h5::read_strings(points.get(), "status") ==
                 (std::vector<std::string>{"pending", "failed", "pending", "done", "pending"}),
             boost::test_tools::per_element());
  const auto loss = h5::read_doubles(points.get(), "loss");
  BOOST_TEST(loss[3] == 0.125);
  BOOST_TEST(std::isnan(loss[2]));
  BOOST_TEST(h5::read_i64(points.get(), "n") == (std::vector<std::int64_t>{9, 0, 0, 0, -2}),
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_doubles(points.get(), "flag") == (std::vector<double>{0, 0, 1, 0, 0}),
             boost::test_tools::per_element());
  // Filled values are untouched by the updates.
  BOOST_TEST(h5::read_u64(points.get(), "point_id")[4] == 104u);
}

BOOST_AUTO_TEST_CASE(series_are_ragged_arrays_in_row_order_however_rows_arrive) {
  const std::string path = fresh_file("series");
  create(path, 5).close();
  const results::NamedSeries s3 = {{"curve", {3.0, 3.5}}};
  const results::NamedSeries s1 = {{"curve", {1.0, 1.5, 1.75}}, {"other", {-1.0}}};
  const results::NamedSeries s4 = {{"curve", {4.0}}};
  const results::NamedSeries s0 = {{"curve", {}}};  // a series of no values
  const results::NamedSeries retry1 = {{"curve", {10.0}}};
  {
    auto w = results::ResultsFileWriter::open(path);
    w.add_series({{3, &s3}, {1, &s1}});  // out of order within a batch
    w.add_series({{4, &s4}});            // after every stored row: appended
    w.add_series({{0, &s0}});            // before the stored rows: rewritten
    w.close();
  }
  BOOST_TEST(series_values(path, "curve", "values") ==
                 (std::vector<double>{1.0, 1.5, 1.75, 3.0, 3.5, 4.0}),
             boost::test_tools::per_element());
  BOOST_TEST(series_values(path, "curve", "start") == (std::vector<double>{0, 0, -1, 3, 5}),
             boost::test_tools::per_element());
  BOOST_TEST(series_values(path, "curve", "length") == (std::vector<double>{0, 3, 0, 2, 1}),
             boost::test_tools::per_element());
  BOOST_TEST(series_values(path, "other", "values") == (std::vector<double>{-1.0}),
             boost::test_tools::per_element());
  BOOST_TEST(series_values(path, "other", "start") == (std::vector<double>{-1, 0, -1, -1, -1}),
             boost::test_tools::per_element());

  // A retried point replaces its values; later rows' values move, staying in row order.
  {
    auto w = results::ResultsFileWriter::open(path);
    w.add_series({{1, &retry1}});
    w.close();
  }
  BOOST_TEST(series_values(path, "curve", "values") == (std::vector<double>{10.0, 3.0, 3.5, 4.0}),
             boost::test_tools::per_element());
  BOOST_TEST(row_series(path, "curve", 1) == (std::vector<double>{10.0}),
             boost::test_tools::per_element());
  BOOST_TEST(row_series(path, "curve", 3) == (std::vector<double>{3.0, 3.5}),
             boost::test_tools::per_element());
  BOOST_TEST(row_series(path, "curve", 4) == (std::vector<double>{4.0}),
             boost::test_tools::per_element());

  // A retry of a row whose values do not start the array: the rows before it stay in place.
  const results::NamedSeries retry3 = {{"curve", {30.0, 31.0, 32.0}}};
  {
    auto w = results::ResultsFileWriter::open(path);
    w.add_series({{3, &retry3}});
    w.close();
  }
  BOOST_TEST(
      series_values(path, "curve", "values") == (std::vector<double>{10.0, 30.0, 31.0, 32.0, 4.0}),
      boost::test_tools::per_element());
  BOOST_TEST(series_values(path, "curve", "start") == (std::vector<double>{0, 0, -1, 1, 4}),
             boost::test_tools::per_element());
  BOOST_TEST(row_series(path, "curve", 4) == (std::vector<double>{4.0}),
             boost::test_tools::per_element());
  // The sample dimension follows the values' length; length is CF's count variable.
  h5::Handle f = h5::open_file_read(path);
  h5::Handle g = h5::open_group(f.get(), "series/curve");
  h5::Handle sample = h5::open_dataset(g.get(), "sample");
  BOOST_TEST(h5::length(sample.get()) == 5u);
  h5::Handle length = h5::open_dataset(g.get(), "length");
  BOOST_TEST(h5::read_string_attribute(length.get(), "sample_dimension") == "sample");
}

BOOST_AUTO_TEST_CASE(open_refuses_a_file_of_another_format_version) {
  const std::string path = fresh_file("version");
  create(path, 1).close();
  {
    h5::Handle f = h5::open_file_write(path);
    h5::write_attribute(f.get(), "format_version", results::format_version - 1);
  }
  try {
    results::ResultsFileWriter::open(path);
    BOOST_FAIL("opened a file of format_version " << results::format_version - 1);
  } catch (const StorageError& e) {
    const std::string message = e.what();
    BOOST_TEST(message.find(path) != std::string::npos, message);
    BOOST_TEST(message.find("format_version " + std::to_string(results::format_version)) !=
                   std::string::npos,
               message);
  }
}

BOOST_AUTO_TEST_CASE(a_whole_file_is_written_beside_and_renamed_into_place) {
  const std::string dir = test::fresh_dir("results-writer-whole");
  const std::string path = dir + "/whole.h5";
  test::write_text(path, "an older file");
  const results::NamedSeries s = {{"curve", {2.0, 4.0}}};
  results::ResultsContent content;
  content.attributes = {{"experiment", std::string("synthetic")}};
  content.columns.push_back({ColumnSpec{"point_id", Role::point, "", ColumnType::unsigned_integer},
                             std::vector<std::uint64_t>{7, 8, 9}});
  content.columns.push_back(
      {ColumnSpec{"y", Role::metric, "", ColumnType::real}, std::vector<double>{1, 2, 3}});
  content.series = {{2, &s}};
  results::write_results_file(path, content);
  BOOST_TEST(!std::filesystem::exists(path + ".tmp"));
  h5::Handle f = h5::open_file_read(path);
  BOOST_TEST(h5::read_string_attribute(f.get(), "experiment") == "synthetic");
  h5::Handle points = h5::open_group(f.get(), "points");
  BOOST_TEST(h5::read_doubles(points.get(), "y") == (std::vector<double>{1, 2, 3}),
             boost::test_tools::per_element());
  BOOST_TEST(row_series(path, "curve", 2) == (std::vector<double>{2.0, 4.0}),
             boost::test_tools::per_element());
  BOOST_TEST(row_series(path, "curve", 0).empty());
}

BOOST_AUTO_TEST_CASE(sync_and_rename_names_both_paths_when_it_fails) {
  const std::string dir = test::fresh_dir("results-writer-rename");
  const std::string from = dir + "/from.h5", to = dir + "/no-such-folder/to.h5";
  test::write_text(from, "x");
  try {
    results::sync_and_rename(from, to);
    BOOST_FAIL("renamed into a folder that does not exist");
  } catch (const StorageError& e) {
    const std::string message = e.what();
    BOOST_TEST(message.find(from) != std::string::npos, message);
    BOOST_TEST(message.find(to) != std::string::npos, message);
  }
  BOOST_TEST(std::filesystem::exists(from));  // the source is kept
  results::sync_and_rename(from, dir + "/to.h5");
  BOOST_TEST(!std::filesystem::exists(from));
  BOOST_TEST(test::read_text(dir + "/to.h5") == "x");
}
