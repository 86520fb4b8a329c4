// A [refine] sweep's rounds, from the store's results: on value = x * y, each combination of the
// other axes (y) locates the crossing of the level at x = level / y; the first round alone is
// planned before any point finished; a resumed store replays the same rounds; the report's lines
// and table say the same numbers.
#define BOOST_TEST_MODULE refinement
#include <boost/test/unit_test.hpp>
#include <sstream>

#include "runner/run/refinement.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/synthetic_run.hpp"

using namespace diffsweep;

namespace {

// No noise: the metric is exactly x * y, crossing 3 at x = 3 (y = 1) and x = 1.5 (y = 2).
const std::string sweep_text =
    "[sweep]\nexperiment = synthetic\nseed = 2\nreplicates = 2\n[fixed]\nexponent = 1\n"
    "[axes]\ny = 1, 2\n[refine]\naxis = x\nrange = 0.1, 100\nmetric = value\nlevel = 3\n"
    "tolerance = 5%\n";

std::size_t values_in(const RoundReplay& replay) {
  std::size_t n = 0;
  for (const auto& round : replay.rounds) n += round.size();
  return n;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, separator);) out.push_back(item);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_combination_locates_its_crossing) {
  const std::string out = test::fresh_dir("refinement") + "/out.h5";
  SyntheticExperiment e;
  const Sweep sweep = test::synthetic_sweep(e, sweep_text);
  BOOST_TEST_REQUIRE(sweep.refine_groups() == 2u);
  BOOST_TEST(searches_budget(sweep) ==
             2u * static_cast<std::size_t>(sweep.refine->search.budget) * 2u);
  std::vector<GroupSearch> first;
  {
    ResultsStore store(out, sweep, RunInfo{}, false);
    store.plan(PointSelection(), {});
    // Before any point finished: the first round of each search, every replicate of it.
    advance_searches(store);
    first = replay_searches(store);
    BOOST_TEST_REQUIRE(first.size() == 2u);
    for (const auto& s : first) {
      BOOST_TEST(s.replay.rounds.size() == 1u);
      BOOST_TEST(s.replay.pending.size() == s.replay.rounds[0].size());
      BOOST_TEST(s.replay.rounds[0].size() ==
                 static_cast<std::size_t>(sweep.refine->search.per_round + 1));
    }
    BOOST_TEST(store.planned_count() == 2u * first[0].replay.rounds[0].size() * 2u);
    Progress progress(progress_total(store), 0, stderr, true);
    BOOST_TEST_REQUIRE(run_local(e, sweep, store, progress, false));
    store.snapshot(true);
  }
  // Resumed: the same rounds, from the results alone.
  ResultsStore store(out, sweep, RunInfo{}, false);
  const std::vector<GroupSearch> searches = replay_searches(store);
  BOOST_TEST_REQUIRE(searches.size() == 2u);
  const double crossing[2] = {3.0, 1.5};
  for (std::size_t g = 0; g < 2; ++g) {
    BOOST_TEST_CONTEXT("y = " << g + 1) {
      const RoundReplay& r = searches[g].replay;
      BOOST_TEST(searches[g].group == g);
      BOOST_TEST(r.rounds.size() > 1u);  // the first round alone does not reach 5%
      BOOST_TEST(r.rounds[0] == first[g].replay.rounds[0], boost::test_tools::per_element());
      BOOST_TEST(r.pending.empty());
      BOOST_TEST((r.state.outcome == SearchOutcome::located));
      BOOST_TEST_REQUIRE(r.state.bracketed);
      BOOST_TEST(r.state.lo <= crossing[g]);
      BOOST_TEST(r.state.hi >= crossing[g]);
      BOOST_TEST(r.state.hi / r.state.lo - 1 <= 0.05);
      BOOST_TEST(r.state.estimate == crossing[g], boost::test_tools::tolerance(0.05));
      BOOST_TEST(r.state.direction == 1);
    }
  }
  // Every point the rounds placed, and only those, ran.
  BOOST_TEST(store.counts().done ==
             (values_in(searches[0].replay) + values_in(searches[1].replay)) * 2u);

  const std::vector<std::string> lines = split(describe_searches(sweep, searches), '\n');
  BOOST_TEST_REQUIRE(lines.size() == 2u);
  BOOST_TEST(lines[0].rfind("y=1: value = 3 located: x in [", 0) == 0u, lines[0]);
  BOOST_TEST(lines[1].rfind("y=2: value = 3 located: x in [", 0) == 0u, lines[1]);
  BOOST_TEST(lines[0].find("; " + std::to_string(values_in(searches[0].replay)) + " values in " +
                           std::to_string(searches[0].replay.rounds.size()) + " rounds") !=
                 std::string::npos,
             lines[0]);

  const std::vector<std::string> rows = split(searches_table(sweep, searches), '\n');
  BOOST_TEST_REQUIRE(rows.size() == 3u);
  const std::vector<std::string> header = split(rows[0], '\t');
  const std::vector<std::string> cells = split(rows[2], '\t');
  BOOST_TEST_REQUIRE(header.size() == 19u);
  BOOST_TEST_REQUIRE(cells.size() >= 18u);  // `why` may be empty, the last cell
  BOOST_TEST(cells[0] == "y=2");
  BOOST_TEST(cells[1] == "x");
  BOOST_TEST(cells[2] == "value");
  BOOST_TEST(cells[3] == "3");
  BOOST_TEST(cells[4] == "5%");
  BOOST_TEST(cells[6] == "located");
  BOOST_TEST(std::stod(cells[7]) == searches[1].replay.state.lo);
  BOOST_TEST(std::stod(cells[8]) == searches[1].replay.state.hi);
  BOOST_TEST(cells[13] == std::to_string(values_in(searches[1].replay)));
  BOOST_TEST(cells[14] == std::to_string(values_in(searches[1].replay) * 2));
}
