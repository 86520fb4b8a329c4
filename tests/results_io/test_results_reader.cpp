// The results reader on files the writer makes: every column with its role, units, long_name and
// default, seeds exact, rows of earlier sweeps kept apart, series read back as ragged arrays by
// row, by point id and whole, the file's attributes, and every file that is not one of ours, or
// is damaged, refused in one line naming it.
#define BOOST_TEST_MODULE results_reader
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "results_io/hdf5.hpp"
#include "results_io/results_reader.hpp"
#include "results_io/results_writer.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;
using results::ColumnSpec;
using results::ColumnType;
using results::Role;

namespace {

const double nan = std::numeric_limits<double>::quiet_NaN();
// Above 2^53: a double would round it.
const std::uint64_t big_seed = (std::uint64_t{1} << 60) + 1;

const results::NamedSeries series0 = {{"curve", {0.5, 0.25}}, {"tail", {9.0}}};
const results::NamedSeries series2 = {{"curve", {2.0, 4.0, 8.0}}};

// Five rows: four of the sweep (done, failed, pending, done) and one of an earlier sweep (done).
std::string small_file(const std::string& name, results::Attributes extra = {}) {
  const std::string path = test::fresh_dir("results-reader-" + name) + "/" + name + ".h5";
  results::ResultsContent c;
  c.attributes = {{"experiment", std::string("synthetic")},
                  {"sweep_name", std::string("small")},
                  {"axes", std::string("x,word")},
                  {"sweep_seed", std::int64_t{42}},
                  {"writer_cpu_seconds", 0.5}};
  c.attributes.insert(c.attributes.end(), extra.begin(), extra.end());
  c.columns = {
      {ColumnSpec{"point_id", Role::point, "", ColumnType::unsigned_integer},
       std::vector<std::uint64_t>{11, 12, 13, 14, 15}},
      {ColumnSpec{"seed", Role::point, "", ColumnType::unsigned_integer},
       std::vector<std::uint64_t>{big_seed, 2, 3, 4, 5}},
      {ColumnSpec{"status", Role::point, "", ColumnType::status},
       std::vector<std::string>{"done", "failed", "pending", "done", "done"}},
      {ColumnSpec{"error", Role::point, "what failed", ColumnType::text},
       std::vector<std::string>{"", "boom", "", "", ""}},
      {ColumnSpec{"worker", Role::point, "", ColumnType::integer},
       std::vector<std::int64_t>{1, 2, 0, 1, 3}},
      {ColumnSpec{"in_sweep", Role::point, "", ColumnType::boolean},
       std::vector<std::int64_t>{1, 1, 1, 1, 0}},
      {ColumnSpec{"x", Role::parameter, "the swept x", ColumnType::real, "0.5", "m"},
       std::vector<double>{0.5, 1.0, 20000.0, 1.0 / 3.0, 0.5}},
      {ColumnSpec{"word", Role::parameter, "a choice", ColumnType::text, "alpha"},
       std::vector<std::string>{"alpha", "beta", "alpha", "beta", "alpha"}},
      {ColumnSpec{"flag", Role::parameter, "a switch", ColumnType::boolean, "false"},
       std::vector<std::int64_t>{0, 1, 0, 0, 1}},
      {ColumnSpec{"steps", Role::parameter, "no default recorded", ColumnType::integer},
       std::vector<std::int64_t>{5, 5, 5, 5, 5}},
      {ColumnSpec{"loss", Role::metric, "the final loss", ColumnType::real, std::nullopt, "1"},
       std::vector<double>{0.125, nan, nan, 2.5, 7.0}},
  };
  c.series = {{0, &series0}, {2, &series2}};
  results::write_results_file(path, c);
  return path;
}

// The message of the InputError that loading `path` throws, or "" when it loads.
std::string load_error(const std::string& path) {
  try {
    results::load_results(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_file_round_trips_with_every_columns_attributes) {
  const std::string path = small_file("round-trip");
  const results::ResultsTable t = results::load_results(path);
  BOOST_TEST(t.path == path);
  BOOST_TEST(t.format_version == results::format_version);
  BOOST_TEST(t.experiment == "synthetic");
  BOOST_TEST(t.sweep_name == "small");
  BOOST_TEST(t.axes == (std::vector<std::string>{"x", "word"}), boost::test_tools::per_element());
  BOOST_TEST(t.rows == 5u);
  BOOST_TEST(t.sweep_rows == 4u);
  BOOST_TEST(t.point_id == (std::vector<std::uint64_t>{11, 12, 13, 14, 15}),
             boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(t.seed.size() == 5u);
  BOOST_TEST(t.seed[0] == big_seed);
  BOOST_TEST(t.column_order ==
                 (std::vector<std::string>{"point_id", "seed", "status", "error", "worker",
                                           "in_sweep", "x", "word", "flag", "steps", "loss"}),
             boost::test_tools::per_element());
  // Counts of the sweep's rows, and of the earlier sweep's apart.
  BOOST_TEST(t.counts.done == 2u);
  BOOST_TEST(t.counts.failed == 1u);
  BOOST_TEST(t.counts.pending == 1u);
  BOOST_TEST(t.outside_counts.done == 1u);
  BOOST_TEST(t.outside_counts.total() == 1u);

  const results::Column& x = t.columns.at("x");
  BOOST_TEST((x.role == Role::parameter));
  BOOST_TEST(x.units == "m");
  BOOST_TEST(x.long_name == "the swept x");
  BOOST_TEST(x.default_value == "0.5");
  BOOST_TEST(!x.is_text);
  const results::Column& loss = t.columns.at("loss");
  BOOST_TEST((loss.role == Role::metric));
  BOOST_TEST(loss.units == "1");
  BOOST_TEST(loss.default_value == "");
  BOOST_TEST(loss.numbers[3] == 2.5);
  BOOST_TEST(std::isnan(loss.numbers[1]));
  BOOST_TEST(t.columns.at("word").is_text);
  BOOST_TEST(t.columns.at("word").default_value == "alpha");
  BOOST_TEST(t.numbers("flag") == (std::vector<double>{0, 1, 0, 0, 1}),
             boost::test_tools::per_element());
  BOOST_TEST(t.numbers("worker") == (std::vector<double>{1, 2, 0, 1, 3}),
             boost::test_tools::per_element());
  BOOST_TEST(t.text("error")[1] == "boom");
  BOOST_TEST(t.columns.at("error").long_name == "what failed");
  BOOST_TEST(t.status == (std::vector<std::string>{"done", "failed", "pending", "done", "done"}),
             boost::test_tools::per_element());
  BOOST_TEST(t.done(0));
  BOOST_TEST(!t.done(1));

  BOOST_TEST(t.names_with_role(Role::parameter) ==
                 (std::vector<std::string>{"flag", "steps", "word", "x"}),
             boost::test_tools::per_element());
  BOOST_TEST(t.names_with_role(Role::metric) == (std::vector<std::string>{"loss"}),
             boost::test_tools::per_element());

  // Attributes as text, whatever their type.
  BOOST_TEST(t.attribute("sweep_seed").value_or("") == "42");
  BOOST_TEST(t.attribute("experiment").value_or("") == "synthetic");
  BOOST_TEST(std::stod(t.attribute("writer_cpu_seconds").value_or("0")) == 0.5);
  BOOST_TEST(!t.attribute("no_such_attribute").has_value());
}

BOOST_AUTO_TEST_CASE(values_show_as_a_report_shows_them_and_defaults_are_recognised) {
  const results::ResultsTable t = results::load_results(small_file("values"));
  BOOST_TEST(t.value_text("x", 2) == "20000");
  BOOST_TEST(t.value_text("x", 3) == "0.3333");
  BOOST_TEST(t.value_text("loss", 1) == "nan");
  BOOST_TEST(t.value_text("word", 1) == "beta");

  BOOST_TEST(t.at_default("x", 0));
  BOOST_TEST(!t.at_default("x", 1));
  BOOST_TEST(t.at_default("word", 2));
  BOOST_TEST(!t.at_default("word", 3));
  BOOST_TEST(t.at_default("flag", 0));  // "false" is 0
  BOOST_TEST(!t.at_default("flag", 1));
  BOOST_TEST(!t.at_default("steps", 0));             // no default recorded: not known to be
  BOOST_TEST(t.at_default("not_a_column_here", 0));  // never varied
}

BOOST_AUTO_TEST_CASE(a_missing_or_mistyped_column_is_refused_naming_the_file_and_column) {
  const std::string path = small_file("columns");
  const results::ResultsTable t = results::load_results(path);
  for (const auto& [name, read] : std::vector<std::pair<std::string, std::function<void()>>>{
           {"absent", [&] { t.numbers("absent"); }},
           {"word", [&] { t.numbers("word"); }},
           {"loss", [&] { t.text("loss"); }}}) {
    try {
      read();
      BOOST_ERROR("column " << name << " was read");
    } catch (const InputError& e) {
      const std::string message = e.what();
      BOOST_TEST(message.find(path) != std::string::npos, message);
      BOOST_TEST(message.find("/points/" + name) != std::string::npos, message);
      BOOST_TEST(message.find("synthetic") != std::string::npos, message);
    }
  }
}

BOOST_AUTO_TEST_CASE(only_the_first_rows_or_only_some_columns_are_read_when_asked) {
  const std::string path = small_file("partial");
  const results::ResultsTable first = results::load_results(path, std::size_t{2});
  BOOST_TEST(first.rows == 2u);
  BOOST_TEST(first.point_id == (std::vector<std::uint64_t>{11, 12}),
             boost::test_tools::per_element());
  BOOST_TEST(first.numbers("x").size() == 2u);
  BOOST_TEST(first.counts.total() == 2u);

  // The runner's own columns can be left out; a parameter named there stays.
  const results::ResultsTable some =
      results::load_results(path, std::vector<std::string>{"error", "worker", "x"});
  BOOST_TEST(!some.has("error"));
  BOOST_TEST(!some.has("worker"));
  BOOST_TEST(some.has("x"));
  BOOST_TEST((std::find(some.column_order.begin(), some.column_order.end(), "error") ==
              some.column_order.end()));
  BOOST_TEST(some.rows == 5u);

  // Or only the columns named: the table's members and counts are whole all the same.
  const results::ResultsTable named =
      results::load_columns(path, {"error", "in_sweep", "no_such_column"});
  BOOST_TEST(named.column_order == (std::vector<std::string>{"error", "in_sweep"}),
             boost::test_tools::per_element());
  BOOST_TEST(named.columns.size() == 2u);
  BOOST_TEST(named.text("error").size() == 5u);
  BOOST_TEST(named.point_id.size() == 5u);
  BOOST_TEST(named.status == some.status, boost::test_tools::per_element());
  BOOST_TEST(named.sweep_rows == 4u);
  BOOST_TEST(named.counts.failed == 1u);
}

BOOST_AUTO_TEST_CASE(series_read_back_by_row_by_id_and_whole) {
  const std::string path = small_file("series");
  const results::ResultsTable t = results::load_results(path);
  BOOST_TEST(results::series_names(t) == (std::vector<std::string>{"curve", "tail"}),
             boost::test_tools::per_element());
  BOOST_TEST(results::read_series(t, 0, "curve") == (std::vector<double>{0.5, 0.25}),
             boost::test_tools::per_element());
  BOOST_TEST(results::read_series(t, 2, "curve") == (std::vector<double>{2.0, 4.0, 8.0}),
             boost::test_tools::per_element());
  BOOST_TEST(results::read_series(t, 1, "curve").empty());
  BOOST_TEST(results::read_series(t, 2, "tail").empty());
  BOOST_TEST(results::read_series(t, 0, "no_such_series").empty());
  BOOST_TEST(results::read_series(path, 13, "curve") == (std::vector<double>{2.0, 4.0, 8.0}),
             boost::test_tools::per_element());
  BOOST_TEST(results::read_series(path, 99, "curve").empty());  // no such point

  const results::SeriesColumn curve = results::read_series_column(t, "curve");
  BOOST_TEST(curve.values == (std::vector<double>{0.5, 0.25, 2.0, 4.0, 8.0}),
             boost::test_tools::per_element());
  BOOST_TEST(curve.row(2) == (std::vector<double>{2.0, 4.0, 8.0}),
             boost::test_tools::per_element());
  BOOST_TEST(curve.row(3).empty());
  BOOST_TEST(curve.row(99).empty());
}

BOOST_AUTO_TEST_CASE(rows_outside_the_sweep_are_dropped_on_request) {
  results::ResultsTable t = results::load_results(small_file("outside"));
  BOOST_TEST(results::describe_counts(t) ==
             "4 points: 2 done, 1 failed, 0 diverged, 1 missing (pending or running); 1 more "
             "points of earlier sweeps of this file, outside the current one: the sweep is "
             "unfinished; verdicts use the finished points only");
  results::drop_outside_rows(t);
  BOOST_TEST(t.rows == 4u);
  BOOST_TEST(t.point_id.size() == 4u);
  BOOST_TEST(t.seed.size() == 4u);
  BOOST_TEST(t.numbers("loss").size() == 4u);
  BOOST_TEST(t.text("word").size() == 4u);
  BOOST_TEST(t.outside_counts.total() == 0u);
  BOOST_TEST(t.counts.total() == 4u);
}

BOOST_AUTO_TEST_CASE(points_never_placed_are_counted_apart_and_a_bad_count_is_refused) {
  const results::ResultsTable t =
      results::load_results(small_file("unplaced", {{"n_unplaced", std::int64_t{1}}}));
  BOOST_TEST(results::unplaced_points(t) == 1u);
  BOOST_TEST(results::describe_counts(t).rfind(
                 "4 points: 2 done, 1 failed, 0 diverged, 0 missing (pending or running), 1 "
                 "never placed by the adaptive search (not run, by design)",
                 0) == 0u,
             results::describe_counts(t));
  // More than were not run is capped at those.
  const results::ResultsTable many =
      results::load_results(small_file("unplaced-many", {{"n_unplaced", std::int64_t{7}}}));
  BOOST_TEST(results::unplaced_points(many) == 1u);

  const std::string path = small_file("unplaced-bad", {{"n_unplaced", std::string("1.5")}});
  const results::ResultsTable bad = results::load_results(path);
  try {
    results::unplaced_points(bad);
    BOOST_FAIL("n_unplaced 1.5 was accepted");
  } catch (const InputError& e) {
    const std::string message = e.what();
    BOOST_TEST(message.find(path) != std::string::npos, message);
    BOOST_TEST(message.find("n_unplaced") != std::string::npos, message);
    BOOST_TEST(message.find("'1.5'") != std::string::npos, message);
  }
}

BOOST_AUTO_TEST_CASE(the_runners_readers_see_statuses_workers_and_the_summary) {
  const std::string path = small_file("runner", {{"sweep_hash", std::string("abc123")},
                                                 {"journal_bytes", std::int64_t{4096}},
                                                 {"n_extensions", std::int64_t{2}},
                                                 {"overrides", std::string("y=2\nz=3")}});
  BOOST_TEST(results::read_statuses(path) ==
                 (std::vector<std::string>{"done", "failed", "pending", "done", "done"}),
             boost::test_tools::per_element());
  const auto done = results::rows_with_status(path, results::PointStatus::done);
  BOOST_TEST_REQUIRE(done.size() == 3u);
  BOOST_TEST(done[0].first == 0u);
  BOOST_TEST(done[0].second == 1);
  BOOST_TEST(done[2].first == 4u);
  BOOST_TEST(done[2].second == 3);
  BOOST_TEST(results::rows_with_status(path, results::PointStatus::diverged).empty());

  const auto summary = results::read_file_summary(path);
  BOOST_TEST_REQUIRE(summary.has_value());
  BOOST_TEST(summary->format_version == results::format_version);
  BOOST_TEST(summary->sweep_hash == "abc123");
  BOOST_TEST(summary->journal_bytes == 4096);
  BOOST_TEST(summary->extensions == 2);
  BOOST_TEST(summary->overrides == "y=2\nz=3");
  BOOST_TEST(summary->ended == "");
  // Without the attributes: their defaults.
  const auto plain = results::read_file_summary(small_file("plain"));
  BOOST_TEST_REQUIRE(plain.has_value());
  BOOST_TEST(plain->journal_bytes == -1);
  BOOST_TEST(plain->extensions == 0);
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_ours_is_refused_naming_it) {
  const std::string dir = test::fresh_dir("results-reader-refused");
  const std::string missing = dir + "/missing.h5";
  BOOST_TEST(load_error(missing) == missing + ": no such file");

  const std::string text = dir + "/text.h5";
  test::write_text(text, "not hdf5 at all\n");
  BOOST_TEST(load_error(text) == text + ": not an HDF5 file (not a diffsweep results file)");
  BOOST_TEST(!results::read_file_summary(text).has_value());

  const std::string foreign = dir + "/foreign.h5";
  {
    h5::Handle f = h5::create_file(foreign);
    h5::Handle points = h5::create_group(f.get(), "points");
  }
  BOOST_TEST(load_error(foreign) ==
             foreign + ": not a diffsweep results file (no format_version attribute)");
  BOOST_TEST(!results::read_file_summary(foreign).has_value());

  const std::string newer = dir + "/newer.h5";
  {
    h5::Handle f = h5::create_file(newer);
    h5::write_attribute(f.get(), "format_version", results::format_version + 1);
    h5::Handle points = h5::create_group(f.get(), "points");
  }
  const std::string newer_error = load_error(newer);
  BOOST_TEST(
      newer_error.rfind(newer + ": format_version " + std::to_string(results::format_version + 1) +
                            " is not supported",
                        0) == 0u,
      newer_error);

  const std::string no_points = dir + "/no-points.h5";
  {
    h5::Handle f = h5::create_file(no_points);
    h5::write_attribute(f.get(), "format_version", results::format_version);
  }
  BOOST_TEST(load_error(no_points) ==
             no_points + ": not a diffsweep results file (no /points group)");
}

BOOST_AUTO_TEST_CASE(a_damaged_file_is_refused_in_one_line_naming_it) {
  // Cut short: HDF5's signature is there, the rest is not.
  const std::string whole = small_file("cut");
  const std::string cut = whole + ".cut.h5";
  const std::string bytes = test::read_text(whole);
  test::write_text(cut, bytes.substr(0, bytes.size() / 2));
  const std::string cut_error = load_error(cut);
  BOOST_TEST(cut_error.rfind(cut + ": cannot be read: it is damaged or cut short (", 0) == 0u,
             cut_error);
  BOOST_TEST(cut_error.find('\n') == std::string::npos, cut_error);

  // A column of another length than the others.
  const std::string path = small_file("lengths");
  {
    h5::Handle f = h5::open_file_write(path);
    h5::Handle points = h5::open_group(f.get(), "points");
    h5::Handle loss = h5::open_dataset(points.get(), "loss");
    h5::resize(loss.get(), 7);
  }
  const std::string length_error = load_error(path);
  BOOST_TEST(length_error.rfind(path + ": cannot be read: it is damaged or cut short (", 0) == 0u,
             length_error);
  BOOST_TEST(
      length_error.find("/points/loss and /points/status differ in length") != std::string::npos,
      length_error);
}
