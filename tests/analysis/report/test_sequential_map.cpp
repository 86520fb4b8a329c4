#define BOOST_TEST_MODULE sequential_map
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/report/sequential_map.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

// A sequential_table row with the columns the map reads.
std::string row(const std::string& setting, const std::string& a, const std::string& b,
                const std::string& state, const std::string& outcome, const std::string& mean) {
  return setting + "\t" + a + "\t" + b + "\t" + state + "\t" + outcome + "\t" + mean +
         "\tlower\tmmd\n";
}

// Two references (m1, m2) against two baselines (b1, b2) in settings over s and n; the points
// carry an annotation metric whose median per setting the cells print.
ResultsTable table() {
  ResultsTable t;
  t.path = "r.h5";
  const std::string header = "setting\ta\tb\tstate\toutcome\tmean\tbetter\tmetric\n";
  std::string text = header;
  // s=1, n=10: m1 loses to b1 (+0.2) but wins against b2 (-0.1): b1 is the better baseline.
  text += row("s=1, n=10", "m1", "b1", "determined", "loses", "0.2");
  text += row("s=1, n=10", "m1", "b2", "determined", "wins", "-0.1");
  text += row("s=1, n=10", "m2", "b1", "budget", "undetermined", "0.01");
  text += row("s=1, n=10", "m2", "b2", "running", "", "-0.3");
  text += row("s=1, n=20", "m1", "b1", "determined", "ties", "0.001");
  text += row("s=1, n=20", "m1", "b2", "determined", "wins", "-0.5");
  text += row("s=1, n=20", "m2", "b1", "determined", "wins", "-0.05");
  text += row("s=1, n=20", "m2", "b2", "determined", "wins", "-0.04");
  t.attributes = {{"sequential_table", text}};
  t.rows = t.sweep_rows = 4;
  t.status = {"done", "done", "done", "failed"};
  results::Column s, n, ess;
  s.numbers = {1, 1, 1, 1};
  n.numbers = {10, 10, 20, 20};
  ess.numbers = {5, 7, 100, 1e9};  // the failed row's value is left out
  t.columns = {{"s", s}, {"n", n}, {"ess", ess}};
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_reference_is_judged_against_its_strongest_alternative) {
  Report r;
  add_sequential_map(table(), "ess", r);
  BOOST_REQUIRE(r.plots.size() == 1u);
  const Plot& p = r.plots.front();
  BOOST_TEST(p.kind == "verdict_map");
  BOOST_TEST(p.ylabel == "s");
  BOOST_TEST(p.xlabel == "n");
  BOOST_REQUIRE(p.series.size() == 4u);
  // Codes: 0 wins, 1 ties, 2 loses, 3 undetermined, 4 running.
  BOOST_TEST(p.series[0].label == "m1|1|10|b1|ess");
  BOOST_TEST(p.series[0].x[0] == 2.0);
  BOOST_TEST(p.series[0].y[0] == 6.0);  // median of 5 and 7
  BOOST_TEST(p.series[1].label == "m1|1|20|b1|ess");
  BOOST_TEST(p.series[1].x[0] == 1.0);
  BOOST_TEST(p.series[1].y[0] == 100.0);
  BOOST_TEST(p.series[2].label == "m2|1|10|b1|ess");  // +0.01 against b1, -0.3 against b2
  BOOST_TEST(p.series[2].x[0] == 3.0);
  BOOST_TEST(p.series[3].label == "m2|1|20|b2|ess");  // -0.04 against b2 is the worse comparison
  BOOST_TEST(p.series[3].x[0] == 0.0);
  BOOST_TEST(r.body.find("**m1** against the better other row:\n\n| s \\ n | 10 | 20 |\n"
                         "| --- | --- | --- |\n| 1 | loses (b1), ess 6 | ties (b1), ess 100 |") !=
                 std::string::npos,
             r.body);
}

BOOST_AUTO_TEST_CASE(a_single_axis_runs_along_x) {
  ResultsTable one = table();
  one.attributes = {{"sequential_table", "setting\ta\tb\tstate\toutcome\tmean\tbetter\tmetric\n" +
                                             row("n=10", "m1", "b1", "determined", "wins", "-1") +
                                             row("n=20", "m1", "b1", "determined", "ties", "0")}};
  Report r;
  add_sequential_map(one, "", r);
  BOOST_REQUIRE(r.plots.size() == 1u);
  const Plot& p = r.plots.front();
  BOOST_TEST(p.xlabel == "n");
  BOOST_TEST(p.ylabel == "");
  BOOST_REQUIRE(p.series.size() == 2u);
  BOOST_TEST(p.series[0].label == "m1||10|b1|");
  BOOST_TEST(p.series[1].label == "m1||20|b1|");
}

BOOST_AUTO_TEST_CASE(no_map_without_references_or_with_more_than_two_axes) {
  ResultsTable pairs = table();
  // Every row compared with every other (no references): m1 also appears as b.
  pairs.attributes = {
      {"sequential_table", "setting\ta\tb\tstate\toutcome\tmean\tbetter\tmetric\n" +
                               row("n=10", "m1", "b1", "determined", "wins", "-1") +
                               row("n=10", "b1", "m1", "determined", "loses", "1")}};
  Report r;
  add_sequential_map(pairs, "", r);
  BOOST_TEST(r.plots.empty());
  ResultsTable three = table();
  three.attributes = {
      {"sequential_table", "setting\ta\tb\tstate\toutcome\tmean\tbetter\tmetric\n" +
                               row("s=1, n=10, k=2", "m1", "b1", "determined", "wins", "-1")}};
  add_sequential_map(three, "", r);
  BOOST_TEST(r.plots.empty());
  BOOST_TEST(r.body.empty());
}
