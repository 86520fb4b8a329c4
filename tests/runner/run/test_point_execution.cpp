#define BOOST_TEST_MODULE point_execution
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <stdexcept>

#include "common/errors.hpp"
#include "runner/run/point_execution.hpp"

using namespace diffsweep;

namespace {

// Does what its `outcome` parameter says: the ways a point can end.
class Scripted final : public Experiment {
 public:
  std::string_view name() const override { return "scripted"; }
  std::string_view summary() const override { return "test double"; }
  const std::vector<ParamSpec>& params() const override {
    static const std::vector<ParamSpec> p;
    return p;
  }
  const std::vector<MetricSpec>& metrics() const override {
    static const std::vector<MetricSpec> m = {{"value", "the value"}};
    return m;
  }
  PointResult run(const Params&, const PointContext&) override {
    if (outcome == "data") throw PointDataError("digits missing at /data/0.json");
    if (outcome == "throw") throw std::runtime_error("boom");
    if (outcome == "undeclared") return {{{"other", 1.0}}, {}};
    return {{{"value", outcome == "nan" ? std::nan("") : 2.5}}, {{"trace", {1.0, 2.0}}}};
  }
  std::string outcome;
};

PointRecord execute(const std::string& outcome) {
  Scripted e;
  e.outcome = outcome;
  SweepPoint point;
  point.index = 4;
  point.point_id = 0xabc;
  point.seed = 99;
  return execute_point(e, point, 1, 3, "node2");
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_finished_point_keeps_its_metrics_and_says_who_ran_it) {
  const PointRecord r = execute("ok");
  BOOST_TEST(static_cast<int>(r.status) == static_cast<int>(PointStatus::done));
  BOOST_TEST(r.result.scalars.at("value") == 2.5);
  BOOST_TEST(r.result.series.at("trace").size() == 2u);
  BOOST_TEST(r.host == "node2");
  BOOST_TEST(r.worker == 3);
  BOOST_TEST(r.index == 4u);
  BOOST_TEST(r.seed == 99u);
}

BOOST_AUTO_TEST_CASE(missing_point_data_names_the_host_that_lacks_it) {
  const PointRecord r = execute("data");
  BOOST_TEST(static_cast<int>(r.status) == static_cast<int>(PointStatus::failed));
  BOOST_TEST(r.error == "on host node2: digits missing at /data/0.json");
  BOOST_TEST(r.result.scalars.empty());
}

BOOST_AUTO_TEST_CASE(other_failures_keep_the_experiments_message_alone) {
  BOOST_TEST(execute("throw").error == "boom");
  const PointRecord r = execute("undeclared");
  BOOST_TEST(static_cast<int>(r.status) == static_cast<int>(PointStatus::failed));
  BOOST_TEST(r.error == "experiment returned undeclared metric 'other'");
  BOOST_TEST(r.result.scalars.empty());
}

BOOST_AUTO_TEST_CASE(a_non_finite_metric_is_a_diverged_point_that_keeps_its_series) {
  const PointRecord r = execute("nan");
  BOOST_TEST(static_cast<int>(r.status) == static_cast<int>(PointStatus::diverged));
  BOOST_TEST(r.error.find("metric 'value' is") == 0u);
  BOOST_TEST(r.result.series.count("trace") == 1u);
}
