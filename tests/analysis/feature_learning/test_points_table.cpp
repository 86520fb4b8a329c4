// The feature-learning table of R per point and the R and accuracy curves: per n*SNR^2, the runs,
// how many converged and how many did not train, the median R over the runs the curve uses and
// the median accuracy over finished runs; the runs left out drawn as crosses.
#define BOOST_TEST_MODULE points_table
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/feature_learning/points_table.hpp"
#include "tests/support/results_table_builder.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

// n = 16 at n*SNR^2 1, 10 and 100, three replicates: R = x times 0.9, 1, 1.1, test accuracy 0.5,
// 0.6, 0.7. At 10 the third run did not converge; at 100 it stopped within 5 steps (untrained).
results::ResultsTable rows() {
  const double factor[] = {0.9, 1.0, 1.1};
  std::vector<double> x, r, acc, converged, steps, rep;
  for (double xv : {1.0, 10.0, 100.0})
    for (int k = 0; k < 3; ++k) {
      x.push_back(xv);
      r.push_back(xv * factor[k]);
      acc.push_back(0.5 + 0.1 * k);
      converged.push_back(xv == 10 && k == 2 ? 0 : 1);
      steps.push_back(xv == 100 && k == 2 ? 5 : 100);
      rep.push_back(k);
    }
  auto t = test::table_of("feature_learning", 9, {"model", "n", "nsnr2"});
  test::add_text(t, "model", Role::parameter, std::vector<std::string>(9, "diffusion"));
  test::add_numbers(t, "n", Role::parameter, std::vector<double>(9, 16));
  test::add_numbers(t, "nsnr2", Role::parameter, x);
  test::add_numbers(t, "replicate", Role::point, rep);
  test::add_numbers(t, "R", Role::metric, r);
  test::add_numbers(t, "test_acc", Role::metric, acc);
  test::add_numbers(t, "converged", Role::metric, converged);
  test::add_numbers(t, "steps", Role::metric, steps);
  return t;
}

struct Table {
  results::ResultsTable t = rows();
  AnalysisParameters p;
  Report r;
  FlTables tables;
  Table() {
    const FlInputs in = fl_inputs(t, p);
    points_table(in, rows_of_model(in, "diffusion"), r, tables);
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(each_point_counts_its_runs_and_gives_the_medians_the_curve_uses) {
  const Table s;
  BOOST_REQUIRE(s.tables.points.size() == 3u);
  const auto& low = s.tables.points[0];
  BOOST_TEST(low[0] == "diffusion");
  BOOST_TEST(low[1] == "n=16");
  BOOST_TEST(low[2] == "1");
  BOOST_TEST(low[3] == "3");
  BOOST_TEST(low[4] == "3");
  BOOST_TEST(low[5] == "0");
  // The curve's median point has two converged runs, fewer than min-replicates: no intervals.
  BOOST_TEST(low[6] == "1");
  BOOST_TEST(low[7].rfind("0.6 [", 0) == 0u, low[7]);
  BOOST_TEST(low.size() == 8u);  // no growth recorded: no training columns
  // At 10: the unconverged run counts, but R's median is over the two converged ones.
  BOOST_TEST(s.tables.points[1] == (std::vector<std::string>{"diffusion", "n=16", "10", "3", "2",
                                                             "0", "9.5", s.tables.points[1][7]}),
             boost::test_tools::per_element());
  BOOST_TEST(s.tables.points[1][7].rfind("0.6 [", 0) == 0u);
  // At 100: the untrained run is on no curve, nor in the accuracy's median.
  const auto& high = s.tables.points[2];
  BOOST_TEST(std::vector<std::string>(high.begin(), high.begin() + 7) ==
                 (std::vector<std::string>{"diffusion", "n=16", "100", "3", "2", "1", "95"}),
             boost::test_tools::per_element());
  BOOST_TEST(high[7].rfind("0.55", 0) == 0u, high[7]);
}

BOOST_AUTO_TEST_CASE(the_summary_holds_r_and_accuracy_over_finished_runs) {
  const Table s;
  // R and test_acc at each of the three points.
  BOOST_REQUIRE(s.r.summary.size() == 6u);
  BOOST_TEST(s.r.summary[0].group == "model=diffusion n=16");
  BOOST_TEST(s.r.summary[0].x_name == "nsnr2");
  BOOST_TEST(s.r.summary[0].metric == "R");
  BOOST_TEST(s.r.summary[1].x == 10.0);
  BOOST_TEST(s.r.summary[1].spread.count == 3u);  // the unconverged run is finished
  BOOST_TEST(s.r.summary[1].spread.median == 10.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(s.r.summary[2].spread.count == 2u);  // the untrained one is not
  BOOST_TEST(s.r.summary[3].metric == "test_acc");
}

BOOST_AUTO_TEST_CASE(the_curve_and_its_excluded_runs_are_drawn) {
  const Table s;
  BOOST_REQUIRE(s.tables.ratio_plots.size() == 1u);
  const Plot& p = s.tables.ratio_plots[0];
  BOOST_REQUIRE(p.series.size() == 2u);
  BOOST_TEST(p.series[0].label == "diffusion, n=16 (converged runs)");
  BOOST_TEST(p.series[0].y == (std::vector<double>{1, 9.5, 95}),
             boost::test_tools::tolerance(1e-12) << boost::test_tools::per_element());
  BOOST_TEST(p.series[0].color == 0);
  BOOST_TEST(p.series[1].label == "diffusion, n=16: unconverged or untrained (excluded)");
  BOOST_TEST(p.series[1].points_only);
  BOOST_TEST(p.series[1].x == (std::vector<double>{10, 100}), boost::test_tools::per_element());
  BOOST_TEST(p.series[1].y == (std::vector<double>{11, 110}),
             boost::test_tools::tolerance(1e-12) << boost::test_tools::per_element());
  BOOST_REQUIRE(s.tables.acc_plot.series.size() == 1u);
  BOOST_TEST(s.tables.acc_plot.series[0].label == "diffusion, n=16");
  BOOST_TEST(s.tables.acc_plot.series[0].y == (std::vector<double>{0.6, 0.6, 0.55}),
             boost::test_tools::tolerance(1e-12) << boost::test_tools::per_element());
}
