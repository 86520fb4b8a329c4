// The test accuracy verdict from the intervals of its medians at the two ends of the range.
#define BOOST_TEST_MODULE accuracy_verdict
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/feature_learning/accuracy_verdict.hpp"

using namespace diffsweep::analysis;

namespace {

Interval between(double lo, double hi) { return {lo, hi, 1}; }

int change(Interval low, Interval high, bool enough = true) {
  return int(accuracy_change(low, high, enough, AnalysisParameters{}));
}

}  // namespace

BOOST_AUTO_TEST_CASE(chance_below_and_learned_above_is_the_prediction) {
  // Defaults: chance below 0.6, learned above 0.9.
  BOOST_TEST(change(between(0.48, 0.55), between(0.95, 1.0)) == int(AccuracyChange::as_predicted));
}

BOOST_AUTO_TEST_CASE(an_end_wholly_on_the_wrong_side_is_not_the_prediction) {
  BOOST_TEST(change(between(0.6, 0.7), between(0.95, 1.0)) == int(AccuracyChange::not_predicted));
  BOOST_TEST(change(between(0.48, 0.55), between(0.8, 0.9)) == int(AccuracyChange::not_predicted));
}

BOOST_AUTO_TEST_CASE(an_interval_across_a_threshold_is_undetermined) {
  BOOST_TEST(change(between(0.5, 0.65), between(0.95, 1.0)) == int(AccuracyChange::undetermined));
  BOOST_TEST(change(between(0.48, 0.55), between(0.85, 0.95)) == int(AccuracyChange::undetermined));
}

BOOST_AUTO_TEST_CASE(too_few_replicates_decide_nothing) {
  BOOST_TEST(change(between(0.48, 0.55), between(0.95, 1.0), false) ==
             int(AccuracyChange::too_few));
}
