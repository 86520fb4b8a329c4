#define BOOST_TEST_MODULE results_file
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "common/errors.hpp"
#include "experiment_registry.hpp"
#include "results_io/hdf5.hpp"
#include "results_io/results_format.hpp"
#include "results_io/results_reader.hpp"
#include "runner/store/results_snapshot.hpp"
#include "synthetic/synthetic_experiment.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {

// A synthetic sweep of 600 points, x = 1 .. 600, one replicate.
Sweep six_hundred_points(const SyntheticExperiment& e) {
  SweepSpec spec;
  spec.path = "six-hundred.ini";
  spec.experiment = "synthetic";
  spec.axes = {{"x", "linspace(1, 600, 600)"}};
  return expand_sweep(spec, e);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_column_attribute_and_series_round_trips) {
  SyntheticExperiment e;
  SweepSpec spec;
  spec.path = "rt.ini";
  spec.text = "[sweep]\nexperiment = synthetic\n";
  spec.experiment = "synthetic";
  spec.seed = 3;
  spec.replicates = 2;
  spec.axes = {{"x", "0.5, 1.5"}};
  const Sweep sweep = expand_sweep(spec, e);
  std::vector<PointRecord> records(2);
  for (std::size_t i = 0; i < 2; ++i) {
    records[i].index = i;
    records[i].point_id = sweep.point_id(i);
  }
  records[0].status = PointStatus::done;
  records[0].worker = 2;
  records[0].wall_seconds = 0.125;
  records[0].result.scalars["value"] = 1.0 / 3.0;
  records[0].result.series["trace"] = {0.1, 0.2, 0.30000000000000004};
  records[1].status = PointStatus::failed;
  records[1].error = "boom: \"quoted\" and unicode \xce\xbc";
  RunInfo info;
  info.version = "9.9.9";
  info.git_commit = "abc123";
  info.mpi_version = "mpi x";
  info.host = "node7";
  info.started = "2026-01-01T00:00:00Z";
  info.run_started = "2026-01-02T00:00:00Z";
  info.ranks = 4;
  info.rank_hosts = "node7,node8,node8,node7";

  const std::string dir = test::fresh_dir("results-file");
  const std::string path = dir + "/r.h5";
  create_results_file(path, sweep);
  {
    auto file = results::ResultsFileWriter::open(path);
    RowChanges changes(e);
    for (const auto& r : records) changes.finished(r);
    changes.running(2, 3);
    changes.write(file);
    StatusCounts counts;
    counts.done = counts.failed = counts.running = counts.pending = 1;
    file.set_attributes(sweep_attributes(sweep, info, counts, "", 1234));
    file.close();
  }

  h5::Handle f = h5::open_file_read(path);
  BOOST_TEST(h5::read_int_attribute(f.get(), "format_version") == 4);
  BOOST_TEST(h5::read_string_attribute(f.get(), "git_commit") == "abc123");
  BOOST_TEST(h5::read_string_attribute(f.get(), "started") == "2026-01-01T00:00:00Z");
  BOOST_TEST(h5::read_string_attribute(f.get(), "ended").empty());
  BOOST_TEST(h5::read_int_attribute(f.get(), "ranks") == 4);
  BOOST_TEST(h5::read_string_attribute(f.get(), "rank_hosts") == "node7,node8,node8,node7");
  BOOST_TEST(h5::read_int_attribute(f.get(), "n_pending") == 2);  // the running and the pending row
  BOOST_TEST(h5::read_int_attribute(f.get(), "journal_bytes") == 1234);
  BOOST_TEST(h5::read_string_attribute(f.get(), "sweep_text") == spec.text);

  h5::Handle points = h5::open_group(f.get(), "points");
  const auto ids = h5::read_u64(points.get(), "point_id");
  BOOST_TEST(ids[3] == sweep.point_id(3));
  BOOST_TEST(h5::read_doubles(points.get(), "x") == (std::vector<double>{0.5, 0.5, 1.5, 1.5}),
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_doubles(points.get(), "replicate") == (std::vector<double>{0, 1, 0, 1}),
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_doubles(points.get(), "sleep_ms")[0] == 0.0);
  const auto value = h5::read_doubles(points.get(), "value");
  BOOST_TEST(value[0] == 1.0 / 3.0);
  BOOST_TEST(std::isnan(value[1]));
  const std::vector<std::string> want_status = {"done", "failed", "running", "pending"};
  BOOST_TEST(h5::read_strings(points.get(), "status") == want_status,
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_strings(points.get(), "error")[1] == records[1].error);
  BOOST_TEST(h5::read_doubles(points.get(), "worker")[0] == 2.0);
  BOOST_TEST(h5::read_doubles(points.get(), "worker")[2] == 3.0);
  BOOST_TEST(h5::read_doubles(points.get(), "wall_seconds")[0] == 0.125);
  {
    h5::Handle set = h5::open_dataset(points.get(), "x");
    BOOST_TEST(h5::read_string_attribute(set.get(), "role") == "parameter");
    BOOST_TEST(h5::read_string_attribute(set.get(), "default") == "1");
  }

  // Series by name: values back to back, and each row's start and length.
  h5::Handle series = h5::open_group(f.get(), "series");
  BOOST_TEST(h5::children(series.get()) == std::vector<std::string>{"trace"},
             boost::test_tools::per_element());
  h5::Handle trace = h5::open_group(series.get(), "trace");
  BOOST_TEST(h5::read_doubles(trace.get(), "values") == records[0].result.series["trace"],
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_doubles(trace.get(), "start") == (std::vector<double>{0, -1, -1, -1}),
             boost::test_tools::per_element());
  BOOST_TEST(h5::read_doubles(trace.get(), "length") == (std::vector<double>{3, 0, 0, 0}),
             boost::test_tools::per_element());
  const auto table = results::load_results(path);
  BOOST_TEST(results::read_series(table, 0, "trace") == records[0].result.series["trace"],
             boost::test_tools::per_element());
  BOOST_TEST(results::read_series(table, 1, "trace").empty());
}

// Rows reach a snapshot in any order: in runs (written as hyperslabs), scattered past the
// hyperslab limit (written as elements), backwards; each value must land on its own row.
BOOST_AUTO_TEST_CASE(rows_in_any_order_land_on_their_own_rows) {
  SyntheticExperiment e;
  const Sweep sweep = six_hundred_points(e);
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < 600; i += 3) order.push_back(i);  // 200 runs of one row
  for (std::size_t i = 299; i > 200; --i) order.push_back(i);   // one run, backwards
  for (std::size_t i = 1; i < 150; i += 3) order.push_back(i);
  const auto record = [&](std::size_t i) {
    PointRecord r;
    r.index = i;
    r.point_id = sweep.point_id(i);
    r.status = i % 7 == 0 ? PointStatus::failed : PointStatus::done;
    r.error = i % 7 == 0 ? "failed " + std::to_string(i) : "";
    r.wall_seconds = static_cast<double>(i) / 8;
    r.result.scalars["value"] = static_cast<double>(i) * 10;
    r.result.series["trace"] = {static_cast<double>(i), static_cast<double>(i) + 0.5};
    return r;
  };
  const std::string path = test::fresh_dir("results-order") + "/r.h5";
  create_results_file(path, sweep);
  {
    auto file = results::ResultsFileWriter::open(path);
    RowChanges changes(e);
    for (const std::size_t i : order) changes.finished(record(i));
    changes.write(file);
    file.set_attributes(sweep_attributes(sweep, RunInfo{}, StatusCounts{}, "", 0));
    file.close();
  }
  h5::Handle f = h5::open_file_read(path);
  h5::Handle points = h5::open_group(f.get(), "points");
  const auto value = h5::read_doubles(points.get(), "value");
  const auto wall = h5::read_doubles(points.get(), "wall_seconds");
  const auto status = h5::read_strings(points.get(), "status");
  const auto error = h5::read_strings(points.get(), "error");
  const auto table = results::load_results(path);
  // Some rows come twice (a later change of a row replaces its slot).
  const std::set<std::size_t> written(order.begin(), order.end());
  for (std::size_t i = 0; i < 600; ++i) {
    const bool ran = written.count(i) > 0;
    BOOST_TEST_CONTEXT("row " << i) {
      BOOST_TEST(std::isnan(value[i]) != ran);
      if (ran) {
        const PointRecord r = record(i);
        BOOST_TEST(value[i] == r.result.scalars.at("value"));
        BOOST_TEST(wall[i] == r.wall_seconds);
        BOOST_TEST(status[i] == std::string(to_string(r.status)));
        BOOST_TEST(error[i] == r.error);
        BOOST_TEST(results::read_series(table, i, "trace") == r.result.series.at("trace"),
                   boost::test_tools::per_element());
      } else {
        BOOST_TEST(status[i] == "pending");
        BOOST_TEST(results::read_series(table, i, "trace").empty());
      }
    }
  }
}

// Each series is a CF contiguous ragged array: the values in row order, row i's after those of
// rows 0 .. i-1, however the rows arrive (snapshot by snapshot, out of order, a row again).
BOOST_AUTO_TEST_CASE(series_stay_in_row_order_whatever_order_rows_finish_in) {
  SyntheticExperiment e;
  const Sweep sweep = six_hundred_points(e);
  // Row i's series: i % 5 values (none for a multiple of 5), from i and the attempt.
  const auto record = [&](std::size_t i, int attempt) {
    PointRecord r;
    r.index = i;
    r.point_id = sweep.point_id(i);
    r.status = PointStatus::done;
    r.result.scalars["value"] = static_cast<double>(i);
    auto& trace = r.result.series["trace"];
    for (std::size_t k = 0; k < i % 5; ++k) trace.push_back(1000.0 * attempt + i + 0.1 * k);
    return r;
  };
  const std::vector<std::vector<std::size_t>> snapshots = {
      {300, 301, 302, 310}, {0, 1, 2, 3, 4}, {200, 201, 203, 303}, {599, 450}, {1, 598, 150}};
  const std::string path = test::fresh_dir("results-ragged") + "/r.h5";
  create_results_file(path, sweep);
  std::map<std::size_t, int> attempt;
  for (const auto& rows : snapshots) {
    auto file = results::ResultsFileWriter::open(path);
    RowChanges changes(e);
    for (const std::size_t i : rows) changes.finished(record(i, ++attempt[i]));
    changes.write(file);
    file.close();
  }
  h5::Handle f = h5::open_file_read(path);
  h5::Handle trace = h5::open_group(h5::open_group(f.get(), "series").get(), "trace");
  const auto values = h5::read_doubles(trace.get(), "values");
  const auto start = h5::read_i64(trace.get(), "start");
  const auto length = h5::read_i64(trace.get(), "length");
  std::size_t next = 0;
  for (std::size_t i = 0; i < 600; ++i) {
    BOOST_TEST_CONTEXT("row " << i) {
      const auto it = attempt.find(i);
      const std::vector<double> want = it == attempt.end()
                                           ? std::vector<double>{}
                                           : record(i, it->second).result.series.at("trace");
      BOOST_TEST(length[i] == static_cast<std::int64_t>(want.size()));
      if (it != attempt.end()) BOOST_TEST(start[i] == static_cast<std::int64_t>(next));
      const std::vector<double> got(values.begin() + static_cast<std::ptrdiff_t>(next),
                                    values.begin() + static_cast<std::ptrdiff_t>(next) +
                                        static_cast<std::ptrdiff_t>(length[i]));
      BOOST_TEST(got == want, boost::test_tools::per_element());
      next += static_cast<std::size_t>(length[i]);
    }
  }
  BOOST_TEST(values.size() == next);  // nothing left over from a row written twice
  BOOST_TEST(h5::length(h5::open_dataset(trace.get(), "sample").get()) == next);
  BOOST_TEST(h5::read_string_attribute(h5::open_dataset(trace.get(), "length").get(),
                                       "sample_dimension") == "sample");
}

BOOST_AUTO_TEST_CASE(a_file_that_is_not_hdf5_is_a_storage_error) {
  const std::string dir = test::fresh_dir("results-not-h5");
  test::write_text(dir + "/x.h5", "plain text");
  BOOST_CHECK_THROW(h5::open_file_read(dir + "/x.h5"), StorageError);
}

BOOST_AUTO_TEST_CASE(every_experiment_has_distinct_column_names) {
  for (auto name : experiment_names()) {
    BOOST_TEST_CONTEXT(name) { BOOST_CHECK_NO_THROW(check_column_names(*make_experiment(name))); }
  }
}

namespace {
// An experiment whose metric reuses a parameter's name: its file would need two /points/x.
class ClashingExperiment final : public Experiment {
 public:
  std::string_view name() const override { return "clashing"; }
  std::string_view summary() const override { return ""; }
  const std::vector<ParamSpec>& params() const override { return synthetic_.params(); }
  const std::vector<MetricSpec>& metrics() const override {
    static const std::vector<MetricSpec> m = {{"value", ""}, {"x", "x again"}};
    return m;
  }
  PointResult run(const Params&, const PointContext&) override { return {}; }

 private:
  SyntheticExperiment synthetic_;
};
}  // namespace

BOOST_AUTO_TEST_CASE(a_metric_named_like_a_parameter_is_refused) {
  ClashingExperiment e;
  BOOST_CHECK_THROW(check_column_names(e), std::logic_error);
}
