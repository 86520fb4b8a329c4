// Extending a sweep in place, on journal headers and records alone: each kept record is renumbered
// to its point's row in the new sweep and the others go to rows after it; the earlier sweep joins
// the history; and a new sweep whose kept results would be wrong (another seed, a changed fixed
// parameter or sequential rule, no point kept) or a journal that is not its sweep's is refused.
#define BOOST_TEST_MODULE sweep_extension
#include <boost/test/unit_test.hpp>

#include "common/errors.hpp"
#include "runner/store/journal.hpp"
#include "runner/store/sweep_extension.hpp"
#include "runner/sweep/sweep_file.hpp"
#include "synthetic/synthetic_experiment.hpp"

using namespace diffsweep;

namespace {

Sweep sweep_of(const Experiment& e, const std::string& path, const std::string& text) {
  return expand_sweep(parse_sweep_text(path, "[sweep]\nexperiment = synthetic\n" + text), e);
}

const std::string before_text = "seed = 7\nreplicates = 2\n[fixed]\ny = 1\n[axes]\nx = 1, 2\n";

PointRecord done(const Sweep& sweep, std::size_t row) {
  PointRecord r;
  r.index = row;
  r.point_id = sweep.point_id(row);
  r.status = PointStatus::done;
  r.result.scalars["value"] = 10.0 + static_cast<double>(row);
  return r;
}

// The InputError (or StorageError) message of extending `before` to `now` with every record of
// `before`, or "" when it extends.
std::string refusal(const Sweep& before, const Sweep& now) {
  try {
    SweepExtension x(journal_header_for(before, "S"), now, "out.h5", "");
    for (std::size_t i = 0; i < before.size(); ++i) x.add(done(before, i));
    x.header();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(kept_points_take_their_new_rows_and_the_rest_go_after_them) {
  SyntheticExperiment e;
  const Sweep before = sweep_of(e, "a.ini", before_text);
  // x = 1 is dropped, x = 3 added: x = 2's two points are kept.
  const Sweep now = sweep_of(e, "b.ini",
                             "seed = 7\nreplicates = 2\n[fixed]\ny = 1\n[axes]\n"
                             "x = 2, 3\n");
  BOOST_TEST_REQUIRE(before.size() == 4u);
  BOOST_TEST_REQUIRE(now.size() == 4u);
  BOOST_TEST_REQUIRE(now.point_id(0) == before.point_id(2));  // x = 2, replicate 0

  const JournalHeader old = journal_header_for(before, "2026-12-01T00:00:00Z");
  BOOST_TEST(old.sweep_hash == before.hash);
  BOOST_TEST(old.n_points == 4u);
  BOOST_TEST(old.sweep_path == "a.ini");
  BOOST_TEST(old.history.empty());
  SweepExtension x(old, now, "out.h5", "");
  std::string frames;
  // Journal order: row 3, 0, 2, 1.
  for (const std::size_t row : {3, 0, 2, 1}) {
    x.add(done(before, row));
    PointRecord expected = done(before, row);
    // x = 2's replicate r to new row r; x = 1's rows to 4 and 5 in the order they come.
    expected.index = row >= 2 ? row - 2 : (row == 0 ? 4 : 5);
    frames += Journal::record_frame(expected);
  }
  BOOST_TEST(x.record_frames() == frames);
  const JournalHeader& h = x.header();
  BOOST_TEST(h.sweep_hash == now.hash);
  BOOST_TEST(h.n_points == 4u);
  BOOST_TEST(h.sweep_path == "b.ini");
  BOOST_TEST(h.started == "2026-12-01T00:00:00Z");  // when the file's first sweep started
  BOOST_TEST_REQUIRE(h.history.size() == 1u);
  BOOST_TEST(h.history[0].hash == before.hash);
  BOOST_TEST(h.history[0].n_points == 4u);
  BOOST_TEST(h.history[0].path == "a.ini");
  BOOST_TEST(h.history[0].text == before.spec.text);
  BOOST_TEST_REQUIRE(h.outside.size() == 2u);
  BOOST_TEST(h.outside[0].sweep == 0u);
  BOOST_TEST(h.outside[0].index == 0u);
  BOOST_TEST(h.outside[1].index == 1u);
  BOOST_TEST(x.describe() ==
             "extended out.h5 from a.ini (4 points) to b.ini (4 points): 2 finished points kept, 2 "
             "to run, 2 kept outside the new sweep (in the file, not in it)");
}

BOOST_AUTO_TEST_CASE(a_sweep_whose_kept_results_would_be_wrong_is_refused) {
  SyntheticExperiment e;
  const Sweep before = sweep_of(e, "a.ini", before_text);
  BOOST_TEST(refusal(before, sweep_of(e, "b.ini",
                                      "seed = 7\nreplicates = 3\n[fixed]\ny = 1\n"
                                      "[axes]\nx = 1, 2\n")) == "");

  const std::string seed =
      refusal(before, sweep_of(e, "b.ini",
                               "seed = 8\nreplicates = 2\n[fixed]\ny = 1\n[axes]\n"
                               "x = 1, 2\n"));
  BOOST_TEST(seed.find("key 'sweep.seed': value '8': out.h5 holds this sweep with seed 7, so no "
                       "finished point's seed is the new sweep's") != std::string::npos,
             seed);
  BOOST_TEST(seed.find("give -o NEW.h5 for a new results file, or --restart") != std::string::npos,
             seed);

  const std::string fixed =
      refusal(before, sweep_of(e, "b.ini",
                               "seed = 7\nreplicates = 2\n[fixed]\ny = 2.5\n[axes]\n"
                               "x = 1, 2, 3\n"));
  BOOST_TEST(fixed.rfind("b.ini", 0) == 0u, fixed);
  BOOST_TEST(
      fixed.find("key 'y': value '2.5': out.h5 holds this sweep with y = 1 on every point") !=
          std::string::npos,
      fixed);

  // Nothing of the earlier sweep is a point of the new one.
  BOOST_TEST(refusal(before, sweep_of(e, "b.ini",
                                      "seed = 7\nreplicates = 2\n[fixed]\ny = 1\n"
                                      "[axes]\nx = 5, 6\n")) ==
             "out.h5 holds 4 finished points, none of which is a point of b.ini, so none would be "
             "kept; give -o NEW.h5 for a new results file, or --restart to move the old results "
             "aside");
}

BOOST_AUTO_TEST_CASE(a_changed_sequential_rule_is_refused) {
  SyntheticExperiment e;
  const std::string rule =
      "seed = 1\n[axes]\ny = 1, 2\nexponent = 1, 2\n[sequential]\naxis = "
      "exponent\nreference = 1\nmetric = value\nmargin = 0.01\nstart = 3\n";
  const Sweep before = sweep_of(e, "a.ini", rule + "budget = 12\n");
  // More settings under the same rule extend it.
  BOOST_TEST(refusal(before, sweep_of(e, "b.ini",
                                      "seed = 1\n[axes]\ny = 1, 2, 3\nexponent = 1, 2\n"
                                      "[sequential]\naxis = exponent\nreference = 1\nmetric = "
                                      "value\nmargin = 0.01\nstart = 3\nbudget = 12\n")) == "");
  const std::string budget = refusal(before, sweep_of(e, "b.ini", rule + "budget = 24\n"));
  BOOST_TEST(budget.find("key 'sequential.budget': value '24': out.h5 holds this sweep's "
                         "comparisons decided with budget = 12") != std::string::npos,
             budget);
}

BOOST_AUTO_TEST_CASE(a_journal_that_is_not_its_sweeps_is_refused) {
  SyntheticExperiment e;
  const Sweep before = sweep_of(e, "a.ini", before_text);
  const Sweep now = sweep_of(e, "b.ini",
                             "seed = 7\nreplicates = 3\n[fixed]\ny = 1\n[axes]\n"
                             "x = 1, 2\n");
  // A record whose point is not the one its row holds.
  SweepExtension x(journal_header_for(before, "S"), now, "out.h5", "");
  PointRecord stray = done(before, 1);
  stray.point_id = 99;
  try {
    x.add(stray);
    BOOST_FAIL("a stray record was renumbered");
  } catch (const StorageError& error) {
    BOOST_TEST(std::string(error.what()) ==
               "the journal of out.h5 has a record (row 1, point 99) that is no point of the "
               "sweep it records; nothing was changed");
  }
  // A header whose hash its text does not give.
  JournalHeader changed = journal_header_for(before, "S");
  changed.sweep_hash ^= 1;
  try {
    SweepExtension(changed, now, "out.h5", "");
    BOOST_FAIL("a sweep that does not rebuild was extended");
  } catch (const InputError& error) {
    BOOST_TEST(std::string(error.what()).find("out.h5 holds a sweep (a.ini, hash ") == 0u,
               error.what());
    BOOST_TEST(std::string(error.what()).find("cannot be rebuilt from its recorded text") !=
                   std::string::npos,
               error.what());
  }
}
