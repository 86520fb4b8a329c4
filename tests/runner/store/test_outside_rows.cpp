// The rows of earlier sweeps a results file keeps after its own: each is rebuilt from the text,
// overrides and recorded defaults the journal holds, to the same point (id) it had there, and
// only the earlier sweeps a row comes from are rebuilt.
#define BOOST_TEST_MODULE outside_rows
#include <boost/test/unit_test.hpp>

#include "common/errors.hpp"
#include "runner/store/outside_rows.hpp"
#include "runner/sweep/sweep_file_error.hpp"
#include "synthetic/synthetic_experiment.hpp"

using namespace diffsweep;

namespace {

const std::string earlier_text =
    "[sweep]\nexperiment = synthetic\nseed = 4\nreplicates = 2\n[axes]\nx = 1, 2, 3\n";

EarlierSweep earlier(const std::string& text, std::vector<std::string> overrides = {}) {
  EarlierSweep e;
  e.path = "old.ini";
  e.text = text;
  e.overrides = std::move(overrides);
  return e;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_row_is_its_earlier_sweeps_point) {
  SyntheticExperiment e;
  JournalHeader header;
  // History 0 is never referred to (no row of it is kept), and does not read: not rebuilt.
  header.history = {earlier("[sweep]\nexperiment = synthetic\n[axes]\nbogus = 1\n"),
                    earlier(earlier_text, {"y=2"})};
  header.outside = {{1, 5}, {1, 0}};
  const OutsideRows rows(header, e, {});
  BOOST_REQUIRE(rows.size() == 2u);
  BOOST_TEST(rows.index(0) == 5u);
  // The same point as the earlier sweep, overrides applied, gives.
  const Sweep direct = earlier_sweep("old.ini", earlier_text, {"y=2"}, e, true, {});
  BOOST_TEST(rows.point_id(0) == direct.point_id(5));
  BOOST_TEST(rows.point_id(1) == direct.point_id(0));
  BOOST_TEST(rows.point_id(0) != earlier_sweep("old.ini", earlier_text, {}, e, true, {})
                                     .point_id(5));  // the override is part of the point
  BOOST_TEST(rows.sets_everywhere("y"));
  BOOST_TEST(rows.sets_everywhere("x"));
}

BOOST_AUTO_TEST_CASE(recorded_defaults_rebuild_the_points_the_file_ran) {
  SyntheticExperiment e;
  const KeyValues defaults = {{"exponent", "3"}};
  const Sweep with = earlier_sweep("old.ini", earlier_text, {}, e, true, defaults);
  const Sweep without = earlier_sweep("old.ini", earlier_text, {}, e, true, {});
  BOOST_TEST(with.point_id(0) != without.point_id(0));
  JournalHeader header;
  header.history = {earlier(earlier_text)};
  header.outside = {{0, 0}};
  BOOST_TEST(OutsideRows(header, e, defaults).point_id(0) == with.point_id(0));
}

BOOST_AUTO_TEST_CASE(an_earlier_sweep_that_no_longer_reads_is_refused) {
  SyntheticExperiment e;
  JournalHeader header;
  header.history = {earlier("[sweep]\nexperiment = synthetic\n[axes]\nbogus = 1\n")};
  header.outside = {{0, 0}};
  BOOST_CHECK_THROW(OutsideRows(header, e, {}), SweepFileError);
}
