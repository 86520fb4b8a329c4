// The synthetic experiment's report on a sweep whose answer is chosen: value = 0.01 x^2 times a
// replicate factor shared by every x, so the fitted slope is 2, the median curve crosses 1 at
// x = 10 and goes from 0.1 to 10 within 2 / 2 = 1 decade.
#define BOOST_TEST_MODULE synthetic_report
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/report/experiment_reports.hpp"
#include "tests/support/results_table_builder.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

// x from 1 to 64 at each y; `replicates` per point, their factors e^-0.01, 1, e^0.01, ...
ResultsTable table(std::vector<double> ys = {1}, int replicates = 3,
                   std::vector<std::string> axes = {"y", "x"}) {
  const double factor[] = {std::exp(-0.01), 1, std::exp(0.01), std::exp(-0.02), std::exp(0.02)};
  std::vector<double> x, y, value;
  for (double yv : ys)
    for (double xv : {1, 2, 4, 8, 16, 32, 64})
      for (int r = 0; r < replicates; ++r) {
        x.push_back(xv);
        y.push_back(yv);
        value.push_back(yv * 0.01 * xv * xv * factor[r]);
      }
  ResultsTable t = test::table_of("synthetic", x.size(), std::move(axes));
  t.path = "syn.h5";
  t.counts.done = x.size();
  test::add_numbers(t, "x", Role::parameter, x);
  test::add_numbers(t, "y", Role::parameter, y);
  test::add_numbers(t, "value", Role::metric, value);
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_steep_power_law_is_fitted_and_its_crossing_found) {
  const Report r = synthetic_report(table(), {});
  BOOST_TEST(r.title == "diffsweep report: synthetic (syn.h5)");
  BOOST_REQUIRE(r.fits.size() == 1u);
  const FitRow& f = r.fits.front();
  BOOST_TEST(f.group == "y=1");
  BOOST_TEST(f.x_name == "x");
  BOOST_TEST(f.y_name == "value");
  BOOST_TEST(f.fit.points == 21u);
  BOOST_TEST(f.fit.slope == 2.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(f.slope.lo <= 2.0 + 1e-9);
  BOOST_TEST(f.slope.hi >= 2.0 - 1e-9);
  BOOST_TEST(f.fit.r_squared > 0.9999);
  BOOST_REQUIRE(f.crossing.has_value());
  BOOST_TEST(*f.crossing == 10.0, boost::test_tools::tolerance(1e-9));
  BOOST_REQUIRE(f.width.has_value());
  BOOST_TEST(*f.width == 1.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(f.replicates.fewest == 3u);
  // A power-law verdict and a crossing verdict, each naming the group.
  BOOST_REQUIRE(r.verdicts.size() == 2u);
  BOOST_TEST(r.verdicts[0].rfind("synthetic y=1: value ", 0) == 0u, r.verdicts[0]);
  BOOST_TEST(r.verdicts[1].rfind("synthetic y=1: value crosses 1 at x = 10 ", 0) == 0u,
             r.verdicts[1]);
  BOOST_REQUIRE(r.claims.size() == 1u);
  BOOST_TEST(r.claims[0].heading == "synthetic y=1: value against x");
  BOOST_TEST(r.claims[0].text == "Least squares of log value on log x over the finished points: " +
                                     r.verdicts[0] + ". Its median curve: " + r.verdicts[1] + ".");
  BOOST_TEST(r.cannot_tell.empty());
}

BOOST_AUTO_TEST_CASE(medians_per_x_go_to_the_summary_and_the_figure) {
  const Report r = synthetic_report(table(), {});
  BOOST_REQUIRE(r.summary.size() == 7u);
  BOOST_TEST(r.summary[3].x == 8.0);
  BOOST_TEST(r.summary[3].metric == "value");
  BOOST_TEST(r.summary[3].spread.median == 0.64, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(r.summary[3].spread.count == 3u);
  BOOST_REQUIRE(r.plots.size() == 1u);
  const Plot& p = r.plots.front();
  BOOST_TEST(p.name == "synthetic_value_vs_x");
  BOOST_TEST(p.logx);
  BOOST_TEST(p.logy);
  BOOST_REQUIRE(p.hline.has_value());
  BOOST_TEST(*p.hline == 1.0);
  BOOST_TEST(p.hline_label == "value = 1");
  BOOST_REQUIRE(p.series.size() == 2u);
  BOOST_TEST(p.series[0].label == "y=1");
  BOOST_TEST(p.series[0].y.size() == 7u);
  BOOST_TEST(p.series[1].label.rfind("fit, y=1: slope ", 0) == 0u, p.series[1].label);
  BOOST_TEST(p.series[1].role == "fit");
  BOOST_TEST(r.body.find("## Power-law fits of value on x\n\nLeast squares of log value on log x "
                         "over every finished point; 95% bootstrap intervals over replicates.") ==
             0u);
  BOOST_TEST(r.body.find("| group | points | replicates | slope [interval] | R^2 | crosses 1 at "
                         "x | decades 0.1 to 10 |") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_curve_that_never_reaches_1_has_no_crossing_claim) {
  // y = 0.001: value at most 0.041.
  const Report r = synthetic_report(table({0.001}), {});
  BOOST_TEST(r.verdicts.size() == 1u);
  BOOST_REQUIRE(r.fits.size() == 1u);
  BOOST_TEST(!r.fits.front().crossing.has_value());
  BOOST_TEST(!r.plots.front().hline.has_value());
  BOOST_TEST(r.body.find("| y=0.001 | 21 | 3 replicates per point |") != std::string::npos, r.body);
}

BOOST_AUTO_TEST_CASE(each_group_of_the_other_axes_is_its_own_curve) {
  const Report r = synthetic_report(table({1, 4}), {});
  BOOST_REQUIRE(r.fits.size() == 2u);
  BOOST_TEST(r.fits[1].group == "y=4");
  BOOST_REQUIRE(r.fits[1].crossing.has_value());
  BOOST_TEST(*r.fits[1].crossing == 5.0, boost::test_tools::tolerance(1e-9));  // 0.04 x^2 = 1
  BOOST_TEST(r.plots.front().series.size() == 4u);
  BOOST_TEST(r.plots.front().series[2].color == 1);
}

BOOST_AUTO_TEST_CASE(too_few_replicates_are_said_to_be_too_few) {
  const Report r = synthetic_report(table({1}, 1), {});
  BOOST_REQUIRE(r.cannot_tell.size() == 1u);
  BOOST_TEST(r.cannot_tell[0] ==
             "synthetic y=1: 1 replicate per point, too few for an interval: its verdicts are "
             "undetermined");
}

BOOST_AUTO_TEST_CASE(without_x_swept_the_report_is_the_generic_one) {
  const Report r = synthetic_report(table({1}, 3, {"y"}), {});
  BOOST_TEST(r.notes == std::vector<std::string>{"x is not swept: no power law to fit"},
             boost::test_tools::per_element());
  BOOST_TEST(r.fits.empty());
  BOOST_TEST(r.body.rfind("## Status\n", 0) == 0u);
}
