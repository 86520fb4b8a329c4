// How the transfer report quotes paired comparisons: each recorded once into comparisons.csv, a
// difference with its interval and p-value, and comparisons grouped by outcome in one sentence.
#define BOOST_TEST_MODULE comparison_sentences
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/transfer/comparison_sentences.hpp"

using namespace diffsweep::analysis;

namespace {

Comparison comparison(Outcome o, double mean, double lo, double hi, double p) {
  Comparison c;
  c.outcome = o;
  c.difference.mean = mean;
  c.difference.lo = lo;
  c.difference.hi = hi;
  c.difference.p_value = p;
  return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_difference_is_quoted_with_its_interval_and_p_value) {
  BOOST_TEST(short_difference(comparison(Outcome::wins, -0.1634, -0.25, -0.08, 0.0131)) ==
             "-0.16 [-0.25, -0.08], p = 0.013");
  BOOST_TEST(short_difference(comparison(Outcome::wins, 2, 1, 3, 1e-6)) == "2 [1, 3], p < 0.0001");
  BOOST_TEST(short_difference(comparison(Outcome::too_few, 0.5, std::nan(""), std::nan(""), 1)) ==
             "0.5");
}

BOOST_AUTO_TEST_CASE(outcomes_are_grouped_in_a_fixed_order) {
  const std::vector<std::pair<std::string, Comparison>> against = {
      {"B", comparison(Outcome::undetermined, 0.01, -0.1, 0.12, 0.8)},
      {"A", comparison(Outcome::wins, -0.5, -0.7, -0.3, 0.001)},
      {"C", comparison(Outcome::wins, -0.2, -0.3, -0.1, 0.02)},
      {"D", comparison(Outcome::ties, 0, -0.01, 0.01, 0.9)}};
  BOOST_TEST(outcomes_sentence(against) ==
             "wins against A (-0.5 [-0.7, -0.3], p = 0.001) and C (-0.2 [-0.3, -0.1], p = 0.02); "
             "ties with D (0 [-0.01, 0.01], p = 0.9); is undetermined against B (0.01 [-0.1, "
             "0.12], p = 0.8)");
  BOOST_TEST(outcomes_sentence({{"n_target = 10", comparison(Outcome::loses, 1, 0.5, 2, 0.01)},
                                {"n_target = 20",
                                 comparison(Outcome::too_few, 1, std::nan(""), std::nan(""), 1)}},
                               true) ==
             "loses n_target = 10 (1 [0.5, 2], p = 0.01); has too few pairs n_target = 20 (1)");
  BOOST_TEST(outcomes_sentence({}) == "");
}

BOOST_AUTO_TEST_CASE(a_comparison_is_recorded_once) {
  Report r;
  const Comparison c = comparison(Outcome::wins, -1, -2, -0.5, 0.01);
  record(r, "n_target = 10", "mmd", "tgdp", "finetune", c);
  record(r, "n_target = 10", "mmd", "tgdp", "finetune", comparison(Outcome::ties, 0, 0, 0, 1));
  record(r, "n_target = 10", "mmd", "finetune", "tgdp", c);  // the other way round: another test
  record(r, "n_target = 20", "mmd", "tgdp", "finetune", c);
  record(r, "n_target = 10", "sw2", "tgdp", "finetune", c);
  BOOST_REQUIRE(r.comparisons.size() == 4u);
  BOOST_TEST(int(r.comparisons[0].comparison.outcome) == int(Outcome::wins));  // the first kept
  BOOST_TEST(r.comparisons[1].a == "finetune");
  BOOST_TEST(r.comparisons[2].where == "n_target = 20");
  BOOST_TEST(r.comparisons[3].metric == "sw2");
}
