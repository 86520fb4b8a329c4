#define BOOST_TEST_MODULE results_store
#include <boost/test/unit_test.hpp>

#include "results_io/results_reader.hpp"
#include "runner/store/results_store.hpp"
#include "runner/sweep/sweep_expansion.hpp"
#include "synthetic/synthetic_experiment.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {

PointRecord record_of(const Sweep& sweep, std::size_t index) {
  PointRecord r;
  r.index = index;
  r.point_id = sweep.point_id(index);
  r.status = PointStatus::done;
  r.host = "test";
  r.result.scalars["value"] = 0.5 * static_cast<double>(index);
  r.result.series["trace"] = {static_cast<double>(index), 1.0, 2.0};
  return r;
}

void add_range(ResultsStore& store, const Sweep& sweep, std::size_t from, std::size_t to) {
  std::vector<PointRecord> batch;
  for (std::size_t i = from; i < to; ++i) batch.push_back(record_of(sweep, i));
  store.add(batch);
}

// A store for a fresh synthetic sweep of `nx` x `ny` points in `dir`.
struct FreshStore {
  FreshStore(const std::string& dir, int nx, int ny)
      : sweep(expand_sweep(spec_of(dir, nx, ny), experiment)),
        out(dir + "/out.h5"),
        store(out, sweep, RunInfo{}, false) {
    store.plan(PointSelection(), {});
  }
  static SweepSpec spec_of(const std::string& dir, int nx, int ny) {
    SweepSpec spec;
    spec.path = dir + "/sweep.ini";
    spec.experiment = "synthetic";
    spec.seed = 3;
    spec.axes = {{"x", "linspace(1, " + std::to_string(nx) + ", " + std::to_string(nx) + ")"},
                 {"y", "linspace(1, " + std::to_string(ny) + ", " + std::to_string(ny) + ")"}};
    return spec;
  }
  SyntheticExperiment experiment;
  Sweep sweep;
  std::string out;
  ResultsStore store;
};

// The published file holds every point's record, each replayed once into it.
void check_every_record(const std::string& out, std::size_t n) {
  const results::ResultsTable t = results::load_results(out);
  BOOST_TEST_REQUIRE(t.rows == n);
  BOOST_TEST(t.counts.done == n);
  BOOST_TEST(t.attribute("n_done").value_or("") == std::to_string(n));
  BOOST_TEST(!t.attribute("ended").value_or("").empty());
  const auto& value = t.numbers("value");
  const results::SeriesColumn trace = results::read_series_column(t, "trace");
  // One run of three values per point: nothing replayed twice into the same copy.
  BOOST_TEST(trace.values.size() == 3 * n);
  for (std::size_t i = 0; i < n; ++i) {
    BOOST_TEST_REQUIRE(value[i] == 0.5 * static_cast<double>(i));
    const std::vector<double> want = {static_cast<double>(i), 1.0, 2.0};
    BOOST_TEST_REQUIRE(trace.row(i) == want);
  }
}

}  // namespace

// The copy that is not published lags by what was written since it last was. When that lag
// is large, catching up by copying the published file (then replaying only what it lacks) is
// cheaper than replaying the lag, and is chosen by the costs measured in the run. Whichever way
// each snapshot took, the published file holds exactly the records added.
BOOST_AUTO_TEST_CASE(a_copy_far_behind_catches_up_to_exactly_the_records_added) {
  FreshStore f(test::fresh_dir("store-catch-up"), 200, 150);
  ResultsStore& store = f.store;
  const Sweep& sweep = f.sweep;
  // The constructor publishes copy a; the first add snapshots into b (made from a), as the
  // first snapshot is due at once; the next snapshot replays the big second stretch into a;
  // the last finds b behind a by all of that stretch, and copying a is much cheaper.
  const std::size_t n = sweep.size(), first = n / 100, second = n * 6 / 10;
  add_range(store, sweep, 0, first);
  store.snapshot(false);
  add_range(store, sweep, first, second);
  store.snapshot(false);
  add_range(store, sweep, second, n);
  store.snapshot(true);
  // The choice is by the costs measured in this run (a slow disk may make replaying cheaper),
  // so that it was taken here is a warning, not a failure; the file's content is checked
  // either way.
  BOOST_WARN_GE(store.catch_up_copies(), 1u);
  BOOST_TEST_MESSAGE(store.catch_up_copies() << " snapshot(s) caught up by copying");
  check_every_record(f.out, n);
}

// A snapshot due while records arrive is written on its own thread from the state of that
// moment; the records that arrive meanwhile are journaled and reach the file with the next one,
// each exactly once.
BOOST_AUTO_TEST_CASE(records_that_arrive_during_a_background_snapshot_reach_the_next_one) {
  FreshStore f(test::fresh_dir("store-background"), 100, 100);
  ResultsStore& store = f.store;
  const Sweep& sweep = f.sweep;
  const std::size_t n = sweep.size();
  // The first add finds a snapshot due (none was written yet) and starts it; the adds after it
  // find it running, or start the next when it is done.
  for (std::size_t from = 0; from < n; from += 500) add_range(store, sweep, from, from + 500);
  store.snapshot(true);

  check_every_record(f.out, n);
}

namespace {

Sweep sweep_of_text(const std::string& path, const std::string& axes, const Experiment& e) {
  const std::string text = "[sweep]\nexperiment = synthetic\nseed = 3\n[axes]\n" + axes + "\n";
  return expand_sweep(parse_sweep_text(path, text), e);
}

bool same_inode(const std::string& a, const std::string& b) {
  return std::filesystem::equivalent(a, b);
}

// A sweep of x = 1, 2, 3 run to the end, then extended to x = 1, ..., 4 and killed just after the
// new journal replaced the old one: the copies and the published file are still the small
// sweep's (put back as they were, the published one a hard link to its copy).
struct KilledExtension {
  explicit KilledExtension(const std::string& name)
      : dir(test::fresh_dir(name)),
        small(sweep_of_text(dir + "/s.ini", "x = 1, 2, 3", e)),
        large(sweep_of_text(dir + "/s.ini", "x = 1, 2, 3, 4", e)),
        out(dir + "/out.h5") {
    namespace fs = std::filesystem;
    {
      ResultsStore s(out, small, RunInfo{}, false);
      add_range(s, small, 0, 3);
      s.snapshot(true);
    }
    const std::string published = same_inode(out, out + ".a") ? out + ".a" : out + ".b";
    for (const std::string& copy : {out + ".a", out + ".b"}) fs::copy_file(copy, copy + ".saved");
    {
      ResultsStore s(out, large, RunInfo{}, false);
      BOOST_TEST(s.extended().find("3 finished points kept, 1 to run") != std::string::npos,
                 s.extended());
    }
    for (const std::string& copy : {out + ".a", out + ".b"})
      fs::copy_file(copy + ".saved", copy, fs::copy_options::overwrite_existing);
    fs::remove(out);
    fs::create_hard_link(published, out);
    BOOST_TEST_REQUIRE(results::load_results(out).rows == 3u);
  }
  SyntheticExperiment e;
  std::string dir;
  Sweep small, large;
  std::string out;
};

}  // namespace

// Extending rewrites the journal, then rebuilds the file's copies from it. A kill between the
// two leaves the new journal beside the old sweep's copies: the next run rebuilds them from the
// journal without moving the published file aside (it is a snapshot of what the journal holds),
// and keeps every finished point.
BOOST_AUTO_TEST_CASE(a_kill_between_the_new_journal_and_the_new_file_loses_nothing) {
  KilledExtension k("store-extend-kill");
  const std::string& out = k.out;
  ResultsStore s(out, k.large, RunInfo{}, false);
  BOOST_TEST(s.extended().empty());
  BOOST_TEST(s.moved_aside().empty());
  BOOST_TEST(s.finished_count() == 3u);
  s.plan(PointSelection(), {});
  BOOST_TEST(s.planned_left() == 1u);
  add_range(s, k.large, 3, 4);
  s.snapshot(true);
  check_every_record(out, 4);
  for (const auto& entry : std::filesystem::directory_iterator(k.dir))
    BOOST_TEST(entry.path().filename().string().find(".old-") == std::string::npos);
}

// The same kill, then the earlier sweep run again: the journal is extended back to it, and the
// copies left from before the first extension (of that very sweep, with offsets into a journal
// that no longer exists) are rebuilt, not updated.
BOOST_AUTO_TEST_CASE(copies_from_before_an_extension_are_never_built_on) {
  KilledExtension k("store-extend-back");
  const std::string& out = k.out;
  ResultsStore s(out, k.small, RunInfo{}, false);
  BOOST_TEST(s.extended().find("3 finished points kept, 0 to run") != std::string::npos,
             s.extended());
  s.plan(PointSelection(), {});
  BOOST_TEST(s.planned_left() == 0u);
  s.snapshot(true);
  check_every_record(out, 3);
  BOOST_TEST(results::load_results(out).attribute("n_extensions").value_or("") == "2");
}

namespace {

PointRecord failed_record(const Sweep& sweep, std::size_t index) {
  PointRecord r = record_of(sweep, index);
  r.status = PointStatus::failed;
  r.error = "failed once more";
  return r;
}

}  // namespace

// `--retry failed` stopped after it ran two of its five points again (both failed again), then
// given again: only the three it had not reached run, not the two a third time. Once that round
// completes, a new `--retry failed` starts a new round over every point failed by then.
BOOST_AUTO_TEST_CASE(a_stopped_retry_resumes_its_round) {
  const std::string dir = test::fresh_dir("store-retry-round");
  const SyntheticExperiment e;
  const Sweep sweep = sweep_of_text(dir + "/s.ini", "x = linspace(1, 10, 10)", e);
  const std::string out = dir + "/out.h5";
  const std::set<PointStatus> failed = {PointStatus::failed};
  {
    ResultsStore s(out, sweep, RunInfo{}, false);
    s.plan(PointSelection(), {});
    for (std::size_t i = 0; i < 10; ++i)
      s.add(i % 2 ? failed_record(sweep, i) : record_of(sweep, i));
    s.snapshot(true);
  }
  {
    ResultsStore s(out, sweep, RunInfo{}, false);
    s.plan(PointSelection(), failed);
    BOOST_TEST(s.planned_left() == 5u);
    s.add(failed_record(sweep, 1));
    s.add(failed_record(sweep, 3));
    s.snapshot(false);  // stopped: the round stays open
  }
  {
    // Resumed without --retry: the round is left as it was.
    ResultsStore s(out, sweep, RunInfo{}, false);
    s.plan(PointSelection(), {});
    BOOST_TEST(s.planned_left() == 0u);
    s.snapshot(true);
  }
  {
    ResultsStore s(out, sweep, RunInfo{}, false);
    s.plan(PointSelection(), failed);
    BOOST_TEST(s.planned_left() == 3u);
    s.add(record_of(sweep, 5));
    s.add(failed_record(sweep, 7));
    s.add(record_of(sweep, 9));
    s.snapshot(true);  // the round is complete
  }
  ResultsStore s(out, sweep, RunInfo{}, false);
  s.plan(PointSelection(), failed);
  BOOST_TEST(s.planned_left() == 3u);  // 1, 3 and 7: a new round
  const std::vector<double> attempts = results::load_results(out).numbers("attempts");
  BOOST_TEST(attempts[1] == 2.0);
  BOOST_TEST(attempts[5] == 2.0);
  BOOST_TEST(attempts[7] == 2.0);
}
