#define BOOST_TEST_MODULE recorded_defaults
#include <boost/test/unit_test.hpp>

#include "common/errors.hpp"
#include "results_io/results_reader.hpp"
#include "runner/store/results_store.hpp"
#include "runner/sweep/recorded_defaults.hpp"
#include "runner/sweep/sweep_expansion.hpp"
#include "synthetic/synthetic_experiment.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {

const std::string text = "[sweep]\nexperiment = synthetic\nseed = 5\n[axes]\nx = 1, 2, 3\n";

// The sweep `text` describes, as a diffsweep whose defaults were `defaults` expanded it.
Sweep sweep_with(const std::string& path, const Experiment& e, const KeyValues& defaults) {
  SweepSpec spec = parse_sweep_text(path, text);
  spec.recorded_defaults = defaults;
  return expand_sweep(spec, e);
}

void run_all(const std::string& out, const Sweep& sweep) {
  ResultsStore store(out, sweep, RunInfo{}, false);
  store.plan(PointSelection(), {});
  std::vector<PointRecord> batch;
  for (std::size_t i = 0; i < sweep.size(); ++i) {
    PointRecord r;
    r.index = i;
    r.point_id = sweep.point_id(i);
    r.status = PointStatus::done;
    r.result.scalars["value"] = static_cast<double>(i);
    batch.push_back(r);
  }
  store.add(batch);
  store.snapshot(true);
}

// The synthetic experiment as a later diffsweep has it: one more parameter, `later`, whose
// default 2 computes something new and whose value 0 computes what the experiment did before.
class WithLaterParameter final : public Experiment {
 public:
  std::string_view name() const override { return inner_.name(); }
  std::string_view summary() const override { return inner_.summary(); }
  const std::vector<ParamSpec>& params() const override { return params_; }
  const std::vector<MetricSpec>& metrics() const override { return inner_.metrics(); }
  PointResult run(const Params& params, const PointContext& context) override {
    return inner_.run(params, context);
  }

 private:
  SyntheticExperiment inner_;
  std::vector<ParamSpec> params_ = [this] {
    std::vector<ParamSpec> p = inner_.params();
    p.push_back({"later", ParamType::real, "2", 0, 10, {}, {}, "added later"});
    p.back().absent_value = "0";
    return p;
  }();
};

}  // namespace

// Ids cover every parameter's value: a default recorded as 3 gives the points the ids they have
// with exponent = 3 written in [fixed], and other ids than this diffsweep's default of 1 does.
BOOST_AUTO_TEST_CASE(a_recorded_default_gives_the_ids_the_sweep_started_with) {
  SyntheticExperiment e;
  const Sweep recorded = sweep_with("s.ini", e, {{"exponent", "3"}});
  const Sweep pinned = expand_sweep(parse_sweep_text("s.ini", text + "[fixed]\nexponent = 3\n"), e);
  const Sweep today = sweep_with("s.ini", e, {});
  BOOST_TEST(recorded.hash == pinned.hash);
  BOOST_TEST(recorded.point_id(1) == pinned.point_id(1));
  BOOST_TEST(recorded.hash != today.hash);
  BOOST_TEST(recorded.point(2).params.real("exponent") == 3.0);
  BOOST_TEST(today.point(2).params.real("exponent") == 1.0);
}

// A file started by a diffsweep whose default for exponent was 3 (simulated: the same sweep text
// expanded with that default, as that diffsweep would have): the file records the default it ran
// with, this diffsweep reads it back, and the sweep resumes with every point found; without the
// recorded default the file's sweep could not be rebuilt at all.
BOOST_AUTO_TEST_CASE(a_file_started_with_another_default_resumes_with_it) {
  SyntheticExperiment e;
  const std::string dir = test::fresh_dir("recorded-defaults");
  const std::string out = dir + "/out.h5";
  const Sweep older = sweep_with(dir + "/s.ini", e, {{"exponent", "3"}});
  run_all(out, older);

  const results::ResultsTable t = results::load_results(out, 0);
  BOOST_TEST(t.columns.at("exponent").default_value == "3");
  BOOST_TEST(t.columns.at("y").default_value == "1");
  const KeyValues changed = changed_defaults(out, e);
  BOOST_TEST_REQUIRE(changed.size() == 1u);
  BOOST_TEST(changed[0].first == "exponent");
  BOOST_TEST(changed[0].second == "3");
  BOOST_TEST(describe_changed_defaults(changed, e) == "exponent = 3 (this diffsweep's default: 1)");

  BOOST_CHECK_THROW(ResultsStore(out, sweep_with(dir + "/s.ini", e, {}), RunInfo{}, false),
                    InputError);
  const Sweep resumed = sweep_with(dir + "/s.ini", e, changed);
  ResultsStore store(out, resumed, RunInfo{}, false);
  BOOST_TEST(store.extended().empty());
  BOOST_TEST(store.moved_aside().empty());
  BOOST_TEST(store.finished_count() == 3u);
}

BOOST_AUTO_TEST_CASE(files_of_this_diffsweep_and_no_file_change_no_default) {
  SyntheticExperiment e;
  const std::string dir = test::fresh_dir("recorded-defaults-none");
  run_all(dir + "/out.h5", sweep_with(dir + "/s.ini", e, {}));
  BOOST_TEST(changed_defaults(dir + "/out.h5", e).empty());
  BOOST_TEST(changed_defaults(dir + "/missing.h5", e).empty());
}

BOOST_AUTO_TEST_CASE(defaults_reach_the_workers_as_they_left_rank_0) {
  const KeyValues changed = {{"exponent", "3"}, {"noise", "0.5"}};
  BOOST_TEST((defaults_from_lines(defaults_lines(changed)) == changed));
  BOOST_TEST(defaults_from_lines("").empty());
}

// A parameter added after a file was written leaves the ids of points at its absent value as they
// were: the file, which has no column for it, resumes with that value (every point found), an
// axis over it keeps the old points at that value, and its new default gives other points.
BOOST_AUTO_TEST_CASE(a_parameter_added_later_keeps_old_files_resumable) {
  const std::string dir = test::fresh_dir("recorded-defaults-later");
  const std::string out = dir + "/out.h5";
  SyntheticExperiment before;
  const Sweep older = sweep_with(dir + "/s.ini", before, {});
  run_all(out, older);

  WithLaterParameter after;
  const KeyValues changed = changed_defaults(out, after);
  BOOST_TEST_REQUIRE(changed.size() == 1u);
  BOOST_TEST(changed[0].first == "later");
  BOOST_TEST(changed[0].second == "0");
  const Sweep resumed = sweep_with(dir + "/s.ini", after, changed);
  BOOST_TEST(resumed.hash == older.hash);
  BOOST_TEST(resumed.point(1).params.real("later") == 0.0);
  BOOST_TEST(point_id_of(after, resumed.point(1).params, 0) == older.point_id(1));
  ResultsStore store(out, resumed, RunInfo{}, false);
  BOOST_TEST(store.extended().empty());
  BOOST_TEST(store.finished_count() == 3u);

  const Sweep today = sweep_with(dir + "/s.ini", after, {});
  BOOST_TEST(today.hash != older.hash);
  const Sweep both = expand_sweep(parse_sweep_text("s.ini", text + "later = 0, 2\n"), after);
  BOOST_TEST(both.point(0).params.real("later") == 0.0);
  BOOST_TEST(both.point_id(0) == older.point_id(0));
  BOOST_TEST(both.point_id(1) != older.point_id(0));
}
