// The report of an experiment without theory checks: the status counts, and each metric's median
// over the finished replicates of each sweep point, never pooled over an axis.
#define BOOST_TEST_MODULE generic_report
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/report/experiment_reports.hpp"
#include "tests/support/results_table_builder.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

// method a at n=10 twice, b at n=10 once finished and once failed, a at n=20 not run yet. The
// axis "ghost" has no column (a file of another sweep) and is left out.
ResultsTable table() {
  ResultsTable t = test::table_of("mystery", 5, {"method", "ghost", "n"});
  t.path = "m.h5";
  t.status = {"done", "done", "done", "failed", "pending"};
  t.counts.done = 3;
  t.counts.failed = 1;
  t.counts.pending = 1;
  const double nan = std::nan("");
  test::add_text(t, "method", Role::parameter, {"a", "a", "b", "b", "a"});
  test::add_numbers(t, "n", Role::parameter, {10, 10, 10, 10, 20});
  test::add_numbers(t, "loss", Role::metric, {1, 3, 2, nan, nan});
  test::add_numbers(t, "acc", Role::metric, {0.5, 0.7, 0.9, nan, nan});
  test::add_numbers(t, "elapsed", Role::point, {1, 1, 1, 1, 1});  // not a metric: no column
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_status_table_counts_each_state) {
  BOOST_TEST(status_table(table()) ==
             "## Status\n\n| done | failed | diverged | missing |\n| --- | --- | --- | --- |\n"
             "| 3 | 1 | 0 | 1 |\n");
}

BOOST_AUTO_TEST_CASE(medians_per_sweep_point_of_finished_rows) {
  const Report r = generic_report(table(), {});
  BOOST_TEST(r.title == "diffsweep report: mystery (m.h5)");
  BOOST_TEST(r.body == status_table(table()) +
                           "\n## Medians over replicates, per sweep point\n\n"
                           "| method | n | replicates done | median acc | median loss |\n"
                           "| --- | --- | --- | --- | --- |\n"
                           "| a | 10 | 2 | 0.6 | 2 |\n"
                           "| b | 10 | 1 | 0.9 | 2 |\n",
             r.body);
  BOOST_TEST(r.verdicts.empty());
  BOOST_TEST(r.plots.empty());
  BOOST_REQUIRE(r.summary.size() == 4u);
  BOOST_TEST(r.summary[0].group == "method=a n=10");
  BOOST_TEST(r.summary[0].metric == "acc");
  BOOST_TEST(r.summary[0].spread.count == 2u);
  BOOST_TEST(r.summary[0].spread.median == 0.6, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(r.summary[0].spread.min == 0.5);
  BOOST_TEST(r.summary[0].spread.max == 0.7);
  BOOST_TEST(std::isnan(r.summary[0].x));
  BOOST_TEST(r.summary[1].metric == "loss");
  BOOST_TEST(r.summary[1].spread.median == 2.0);
  BOOST_TEST(r.summary[3].group == "method=b n=10");
  BOOST_TEST(r.summary[3].spread.count == 1u);
}

BOOST_AUTO_TEST_CASE(nothing_finished_leaves_a_table_without_rows) {
  ResultsTable t = table();
  t.status.assign(5, "pending");
  const Report r = generic_report(t, {});
  BOOST_TEST(r.summary.empty());
  BOOST_TEST(r.body.find("| method | n | replicates done | median acc | median loss |\n"
                         "| --- | --- | --- | --- | --- |\n") != std::string::npos);
  BOOST_TEST(r.body.find("| a |") == std::string::npos);
}
