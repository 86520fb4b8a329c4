// The transfer metrics as the report presents them: their order, which direction is better,
// which are scores, which are memorisation ratios, and the reference level drawn beside some.
#define BOOST_TEST_MODULE transfer_metrics
#include <boost/test/unit_test.hpp>

#include "analysis/transfer/transfer_metrics.hpp"

using namespace diffsweep::analysis;

namespace {

const MetricInfo& info(const std::string& name) {
  for (const auto& m : metric_infos())
    if (m.name == name) return m;
  BOOST_FAIL("no metric " + name);
  throw;
}

}  // namespace

BOOST_AUTO_TEST_CASE(metrics_are_listed_in_table_order) {
  std::vector<std::string> names;
  for (const auto& m : metric_infos()) names.push_back(m.name);
  const std::vector<std::string> expected = {
      "mmd",    "mmd_local", "energy",   "sw2",      "loglik",          "weight_err",
      "fisher", "ratio_l1",  "cond_acc", "nn_ratio", "nn_heldout_ratio"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(distances_are_lower_better_on_a_log_axis_and_accuracy_higher_better) {
  for (const char* d : {"mmd", "mmd_local", "energy", "sw2", "weight_err", "fisher", "ratio_l1"}) {
    BOOST_TEST(!info(d).higher_better, d);
    BOOST_TEST(info(d).log_axis, d);
    BOOST_TEST(info(d).compared, d);
  }
  BOOST_TEST(info("cond_acc").higher_better);
  BOOST_TEST(!info("cond_acc").log_axis);
  BOOST_TEST(info("cond_acc").compared);
  BOOST_TEST(info("mmd").title == "MMD to the target");
  BOOST_TEST(info("sw2").label == "$SW_2$ (128 directions)");
}

BOOST_AUTO_TEST_CASE(loglik_and_the_ratios_are_reported_not_ranked) {
  BOOST_TEST(!info("loglik").compared);
  BOOST_TEST(!info("loglik").log_axis);
  BOOST_TEST(!info("nn_ratio").compared);
  BOOST_TEST(info("nn_ratio").log_axis);
  BOOST_TEST(!info("nn_heldout_ratio").compared);
  BOOST_TEST(memorisation_ratio(info("nn_ratio")));
  BOOST_TEST(memorisation_ratio(info("nn_heldout_ratio")));
  BOOST_TEST(!memorisation_ratio(info("mmd")));
  BOOST_TEST(!memorisation_ratio(info("loglik")));
}

BOOST_AUTO_TEST_CASE(reference_levels_name_their_column_and_legend) {
  const auto& r = reference_levels();
  BOOST_TEST(r.size() == 3u);
  BOOST_TEST(r.at("mmd").metric == "mmd_floor");
  BOOST_TEST(r.at("mmd").label == "floor: two true-target samples");
  BOOST_TEST(r.at("mmd_local").metric == "mmd_local_floor");
  BOOST_TEST(r.at("loglik").metric == "loglik_true");
  BOOST_TEST(r.at("loglik").label == "true target samples");
  BOOST_TEST(!r.count("energy"));
}
