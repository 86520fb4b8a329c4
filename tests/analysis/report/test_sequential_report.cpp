// What a [sequential] sweep decided, from a sequential_table attribute written by hand: a verdict
// line per comparison (determined, at its budget, still running), the claim's counts and the
// share of a fixed design's points the sweep used, and the two tables.
#define BOOST_TEST_MODULE sequential_report
#include <boost/test/unit_test.hpp>

#include "analysis/report/sequential_report.hpp"
#include "common/errors.hpp"
#include "common/sequential_comparison.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

const std::string header =
    "setting\taxis\ta\tb\tmetric\tbetter\tmargin\tconfidence\tstate\toutcome\treplicates\tpairs\t"
    "look\tlooks\tmean\tlo\thi\ttie_margin\tlevel\tplaced\tbudget\n";

std::string row(const std::string& setting, const std::string& axis, const std::string& b,
                const std::string& state, const std::string& outcome, const std::string& replicates,
                const std::string& mean, const std::string& lo, const std::string& hi,
                const std::string& placed) {
  return setting + "\t" + axis + "\ttgdp\t" + b + "\tmmd\tlower\t0.1\t0.95\t" + state + "\t" +
         outcome + "\t" + replicates + "\t" + replicates + "\t2\t5\t" + mean + "\t" + lo + "\t" +
         hi + "\t0.01\t0.99\t" + placed + "\t40\n";
}

// Two settings of n, each comparing tgdp with two other methods; 40 of 240 points placed.
ResultsTable table(const std::string& axis = "method") {
  ResultsTable t;
  t.path = "s.h5";
  t.rows = t.sweep_rows = 240;
  t.counts.done = 40;
  t.counts.pending = 200;
  const std::string text =
      header +
      row("n=10", axis, "finetune", "determined", "wins", "10", "-0.05", "-0.07", "-0.03", "10") +
      row("n=10", axis, "target_only", "budget", "undetermined", "40", "0.001", "-0.02", "0.02",
          "10") +
      row("n=20", axis, "finetune", "determined", "ties", "20", "0", "-0.005", "0.005", "20") +
      row("n=20", axis, "target_only", "running", "", "", "", "", "", "20");
  t.attributes = {{"sequential_table", text}, {"n_unplaced", "200"}};
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_comparison_says_how_and_when_it_stopped) {
  Report r;
  add_sequential_findings(table(), r);
  BOOST_TEST(r.verdicts == (std::vector<std::string>{
                               "sequential n=10: tgdp vs finetune on mmd: wins, determined after "
                               "10 replicates (difference -0.05 [-0.07, -0.03], tie margin +-0.01)",
                               "sequential n=10: tgdp vs target_only on mmd: undetermined, budget "
                               "reached at 40 replicates (difference 0.001 [-0.02, 0.02], tie "
                               "margin +-0.01)",
                               "sequential n=20: tgdp vs finetune on mmd: ties, determined after "
                               "20 replicates (difference 0 [-0.005, 0.005], tie margin +-0.01)",
                               "sequential n=20: tgdp vs target_only on mmd: running, still "
                               "running (20 replicates placed) (difference no interval yet, tie "
                               "margin +-0.01)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_claim_counts_outcomes_and_the_points_saved) {
  Report r;
  add_sequential_findings(table(), r);
  BOOST_REQUIRE(r.claims.size() == 1u);
  const Claim& c = r.claims.front();
  BOOST_TEST(c.heading == "Sequential replicates: method compared on mmd");
  BOOST_TEST(c.figures.empty());
  BOOST_TEST(c.text.find("compared the rows of method pairwise on mmd (lower is better)") !=
             std::string::npos);
  BOOST_TEST(c.text.find("the 5 planned looks each use a Student-t interval at level 0.99, so all "
                         "of them cover the true mean difference at once with probability at "
                         "least 0.95") != std::string::npos);
  BOOST_TEST(c.text.find("(+-0.1, ties), or at its budget of 40 replicates. Of 4 comparisons, 2 "
                         "were determined (after 10 to 20 replicates), 1 reached the budget "
                         "undetermined, 1 are still running. 40 points were placed, against 240 "
                         "for a fixed design at the budget (17%).") != std::string::npos,
             c.text);
}

BOOST_AUTO_TEST_CASE(the_tables_list_every_comparison_and_each_setting_once) {
  Report r;
  add_sequential_findings(table(), r);
  BOOST_TEST(
      r.body ==
          "## Sequential replicates ([sequential])\n\n"
          "| setting | comparison | verdict | replicates | difference [interval] | tie margin "
          "|\n| --- | --- | --- | --- | --- | --- |\n"
          "| n=10 | tgdp - finetune | wins | 10 | -0.05 [-0.07, -0.03] | 0.01 |\n"
          "| n=10 | tgdp - target_only | undetermined | budget (40) | 0.001 [-0.02, 0.02] | "
          "0.01 |\n"
          "| n=20 | tgdp - finetune | ties | 20 | 0 [-0.005, 0.005] | 0.01 |\n"
          "| n=20 | tgdp - target_only | running | running | no interval yet | 0.01 |\n\n"
          "| setting | replicates placed | fixed design (budget) |\n| --- | --- | --- |\n"
          "| n=10 | 10 | 40 |\n| n=20 | 20 | 40 |\n\n",
      r.body);
}

BOOST_AUTO_TEST_CASE(cases_are_named_as_cases) {
  Report r;
  add_sequential_findings(table(sequential_case_axis), r);
  BOOST_TEST(r.claims.front().heading == "Sequential replicates: cases compared on mmd");
  BOOST_TEST(r.claims.front().text.find("compared the rows of its cases pairwise") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_file_without_the_table_adds_nothing_and_a_bad_one_is_refused) {
  ResultsTable t = table();
  t.attributes = {};
  Report r;
  add_sequential_findings(t, r);
  BOOST_TEST(r.verdicts.empty());
  BOOST_TEST(r.body.empty());
  t.attributes = {{"sequential_table", "setting\taxis\nn=1\tmethod\n"}};
  BOOST_CHECK_THROW(add_sequential_findings(t, r), InputError);
}
