// What a [refine] sweep found, from a refine_table attribute written by hand: the verdict line of
// each combination, the table against a uniform grid, the claim, and the figure of the placed
// points with each search's estimate and interval over data draws.
#define BOOST_TEST_MODULE refine_report
#include <boost/test/unit_test.hpp>

#include "analysis/report/refine_report.hpp"
#include "common/errors.hpp"
#include "tests/support/results_table_builder.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

const std::string header =
    "combination\taxis\tmetric\tlevel\ttolerance\tseeds\toutcome\tlo\thi\testimate\tdraws_lo\t"
    "draws_hi\tdraws_coverage\tvalues\tpoints\tgrid_values\tgrid_points\twhy\n";

// n=1 crosses value = 1 between x = 1 and 2; n=2 stays below it. Three replicates per point.
ResultsTable table(const std::string& refine_table) {
  std::vector<double> n, x, value;
  for (double nv : {1.0, 2.0})
    for (double xv : {1.0, 2.0, 4.0})
      for (double r : {0.9, 1.0, 1.1}) {
        n.push_back(nv);
        x.push_back(xv);
        value.push_back(r * xv * (nv == 1 ? 0.55 : 0.1));
      }
  ResultsTable t = test::table_of("synthetic", n.size(), {"n", "x"});
  t.path = "r.h5";
  t.counts.done = n.size();
  test::add_numbers(t, "n", Role::parameter, n);
  test::add_numbers(t, "x", Role::parameter, x);
  test::add_numbers(t, "value", Role::metric, value);
  t.attributes = {{"refine_table", refine_table}};
  return t;
}

const std::string two_rows =
    header +
    "n=1\tx\tvalue\t1\t0.1\tcommon\tlocated\t1.5\t1.9\t1.8\t1.2\t2.5\t0.9\t3\t9\t33\t99\t\n"
    "n=2\tx\tvalue\t1\t0.1\tcommon\tnot crossed\t\t\t\t\t\t\t3\t9\t33\t99\tbelow the level\n";

std::string error_of(const std::string& refine_table) {
  Report r;
  try {
    add_refine_findings(table(refine_table), {}, r);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_combination_has_a_verdict_against_a_uniform_grid) {
  Report r;
  add_refine_findings(table(two_rows), {}, r);
  BOOST_REQUIRE(r.verdicts.size() == 2u);
  BOOST_TEST(r.verdicts[0] ==
             "refine n=1: value = 1 is crossed at x in [1.5, 1.9] (located to 0.1, estimate 1.8); "
             "over data draws in [1.2, 2.5] (coverage 0.9); 3 values, 9 points, against 33 "
             "values, 99 points for a uniform grid of the same resolution (9.1%)");
  BOOST_TEST(r.verdicts[1] ==
             "refine n=2: value = 1 not crossed (below the level); 3 values, 9 points, against 33 "
             "values, 99 points for a uniform grid of the same resolution (9.1%)");
  BOOST_TEST(r.body ==
                 "## Adaptive search ([refine])\n\n"
                 "| combination | outcome | interval | over data draws | values (points) | uniform "
                 "grid: values (points) |\n| --- | --- | --- | --- | --- | --- |\n"
                 "| n=1 | located | [1.5, 1.9] | [1.2, 2.5] | 3 (9) | 33 (99) |\n"
                 "| n=2 | not crossed | - | - | 3 (9) | 33 (99) |\n\n",
             r.body);
}

BOOST_AUTO_TEST_CASE(the_claim_states_the_search_and_each_finding) {
  Report r;
  add_refine_findings(table(two_rows), {}, r);
  BOOST_REQUIRE(r.claims.size() == 1u);
  const Claim& c = r.claims.front();
  BOOST_TEST(c.heading == "Adaptive search: where value crosses 1");
  BOOST_TEST(c.figures == std::vector<std::string>{"refine_placed_points"},
             boost::test_tools::per_element());
  BOOST_TEST(c.text.rfind("The sweep's [refine] section placed points in rounds to find where the "
                          "median over replicates of value crosses 1 along x, for each "
                          "combination of the other axes, to a tolerance of 0.1. The replicates "
                          "shared their data draws along x,",
                          0) == 0u,
             c.text);
  BOOST_TEST(c.text.find("n=1: value = 1 is crossed at x in [1.5, 1.9]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_figure_marks_each_estimate_and_its_interval_over_draws) {
  Report r;
  add_refine_findings(table(two_rows), {}, r);
  BOOST_REQUIRE(r.plots.size() == 1u);
  const Plot& p = r.plots.front();
  BOOST_TEST(p.name == "refine_placed_points");
  BOOST_TEST(p.title == "Points placed by the adaptive search: value against x");
  BOOST_TEST(p.logx);
  BOOST_TEST(p.logy);  // every value positive
  BOOST_REQUIRE(p.hline.has_value());
  BOOST_TEST(*p.hline == 1.0);
  BOOST_TEST(p.hline_label == "value = 1");
  // n=1: replicates, median curve, estimate, band; n=2: replicates and median curve.
  BOOST_REQUIRE(p.series.size() == 6u);
  BOOST_TEST(p.series[0].label == "_n=1: replicates");
  BOOST_TEST(p.series[0].points_only);
  BOOST_TEST(p.series[0].x.size() == 9u);
  BOOST_TEST(p.series[1].label ==
             "n=1: crosses at 1.8 [1.2, 2.5] over draws, for these draws in [1.5, 1.9]");
  BOOST_TEST(p.series[1].x == (std::vector<double>{1, 2, 4}), boost::test_tools::per_element());
  BOOST_TEST(p.series[1].y == (std::vector<double>{0.55, 1.1, 2.2}),
             boost::test_tools::tolerance(1e-12) << boost::test_tools::per_element());
  BOOST_TEST(p.series[2].role == "marker");
  BOOST_TEST(p.series[2].x == std::vector<double>{1.8}, boost::test_tools::per_element());
  BOOST_TEST(p.series[3].role == "span");
  BOOST_TEST(p.series[3].x == (std::vector<double>{1.2, 2.5}), boost::test_tools::per_element());
  BOOST_TEST(p.series[3].y == (std::vector<double>{1, 1}), boost::test_tools::per_element());
  BOOST_TEST(p.series[4].color == 1);
  BOOST_TEST(p.series[5].label == "n=2");
  BOOST_TEST(p.caption.rfind("Every value the search placed (3 and 3 of the 33 of a uniform grid "
                             "of the same resolution, per combination); crosses: its replicates.",
                             0) == 0u,
             p.caption);
}

BOOST_AUTO_TEST_CASE(a_file_without_a_refine_table_adds_nothing) {
  ResultsTable t = table("");
  t.attributes.clear();
  Report r;
  add_refine_findings(t, {}, r);
  BOOST_TEST(r.verdicts.empty());
  BOOST_TEST(r.plots.empty());
  BOOST_TEST(r.body.empty());
}

BOOST_AUTO_TEST_CASE(a_table_naming_columns_the_file_lacks_is_refused) {
  BOOST_TEST(
      error_of(header +
               "n=1\tsize\tvalue\t1\t0.1\tcommon\tlocated\t1\t2\t\t\t\t\t3\t9\t33\t99\t\n") ==
      "r.h5: refine_table names axis 'size' and metric 'value', which are not both "
      "columns of /points");
}
