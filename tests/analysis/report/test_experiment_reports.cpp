// The seam between a results file and its report: the experiment attribute picks the report, an
// unknown experiment gets the generic one with a note saying so, the first verdict states how
// complete the file is, and the [refine] findings are added to whichever report it is.
#define BOOST_TEST_MODULE experiment_reports
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/report/experiment_reports.hpp"
#include "tests/support/results_table_builder.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

// x from 1 to 8, three replicates each; one more point not run yet.
ResultsTable table(const std::string& experiment) {
  std::vector<double> x, value;
  for (double xv : {1, 2, 4, 8})
    for (double f : {0.9, 1.0, 1.1}) {
      x.push_back(xv);
      value.push_back(0.1 * xv * f);
    }
  x.push_back(16);
  value.push_back(std::nan(""));
  ResultsTable t = test::table_of(experiment, x.size(), {"x"});
  t.path = "e.h5";
  t.status.back() = "pending";
  t.counts.done = x.size() - 1;
  t.counts.pending = 1;
  test::add_numbers(t, "x", Role::parameter, x);
  test::add_numbers(t, "value", Role::metric, value);
  return t;
}

const std::string counts =
    "e.h5: 13 points: 12 done, 0 failed, 0 diverged, 1 missing (pending or running): the sweep "
    "is unfinished; verdicts use the finished points only";

}  // namespace

BOOST_AUTO_TEST_CASE(an_unknown_experiment_gets_the_generic_report_and_a_note) {
  const Report r = build_report(table("brand_new"));
  BOOST_TEST(r.title == "diffsweep report: brand_new (e.h5)");
  BOOST_TEST(r.verdicts == std::vector<std::string>{counts}, boost::test_tools::per_element());
  BOOST_REQUIRE(!r.notes.empty());
  BOOST_TEST(r.notes.front() ==
             "no theory checks exist for experiment 'brand_new' yet: this is the generic report "
             "(status counts and per-metric medians per sweep point)");
  BOOST_TEST(r.body.find("| x | replicates done | median value |\n| --- | --- | --- |\n"
                         "| 1 | 3 | 0.1 |\n") != std::string::npos,
             r.body);
}

BOOST_AUTO_TEST_CASE(the_experiment_attribute_picks_its_own_report) {
  const Report r = build_report(table("synthetic"));
  BOOST_TEST(r.title == "diffsweep report: synthetic (e.h5)");
  BOOST_REQUIRE(r.verdicts.size() >= 2u);
  BOOST_TEST(r.verdicts.front() == counts);
  BOOST_TEST(r.verdicts[1].rfind("synthetic: value ", 0) == 0u, r.verdicts[1]);
  BOOST_REQUIRE(r.fits.size() == 1u);
  BOOST_TEST(r.fits.front().fit.slope == 1.0, boost::test_tools::tolerance(1e-9));
  for (const auto& n : r.notes) BOOST_TEST(n.find("no theory checks") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(refine_findings_are_added_to_any_report) {
  ResultsTable t = table("brand_new");
  t.attributes = {{"refine_table",
                   "combination\taxis\tmetric\tlevel\ttolerance\tseeds\toutcome\tlo\thi\tvalues\t"
                   "points\tgrid_values\tgrid_points\twhy\n"
                   "\tx\tvalue\t0.5\t0.1\tcommon\tlocated\t4\t8\t4\t12\t9\t27\t\n"}};
  const Report r = build_report(t);
  BOOST_REQUIRE(r.verdicts.size() == 2u);
  BOOST_TEST(r.verdicts[0] == counts);
  BOOST_TEST(
      r.verdicts[1].rfind("refine all points: value = 0.5 is crossed at x in [4, 8]", 0) == 0u,
      r.verdicts[1]);
  BOOST_TEST(r.plots.size() == 1u);
  BOOST_TEST(r.body.find("## Adaptive search ([refine])") != std::string::npos);
}
