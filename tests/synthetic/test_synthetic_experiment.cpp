#define BOOST_TEST_MODULE synthetic_experiment
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "synthetic/synthetic_experiment.hpp"

using namespace diffsweep;

namespace {
Params with(std::initializer_list<std::pair<const char*, const char*>> kv) {
  SyntheticExperiment e;
  Params p = default_params(e.params());
  for (auto [k, v] : kv) p.set(k, parse_param_value(*find_spec(e.params(), k), v));
  return p;
}
}  // namespace

BOOST_AUTO_TEST_CASE(noiseless_value_is_the_power_law) {
  SyntheticExperiment e;
  const auto r = e.run(with({{"x", "3"}, {"y", "2"}, {"exponent", "1.5"}}), {42, 1, 2});
  BOOST_TEST(r.scalars.at("value") == std::pow(3.0, 1.5) * 2.0,
             boost::test_tools::tolerance(1e-12));
  const auto& trace = r.series.at("trace");
  BOOST_TEST(trace.size() == 10u);
  BOOST_TEST(trace[4] == r.scalars.at("value") * 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(trace[9] == r.scalars.at("value"), boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(noise_depends_on_the_seed_only) {
  SyntheticExperiment e;
  const auto p = with({{"x", "2"}, {"noise", "0.5"}});
  const double a = e.run(p, {7, 0, 0}).scalars.at("value");
  const double b = e.run(p, {7, 99, 123}).scalars.at("value");
  const double c = e.run(p, {8, 0, 0}).scalars.at("value");
  BOOST_TEST(a == b);
  BOOST_TEST(a != c);
  BOOST_TEST(a != 2.0);
}

BOOST_AUTO_TEST_CASE(throws_and_nans_where_asked) {
  SyntheticExperiment e;
  BOOST_CHECK_THROW(e.run(with({{"x", "5"}, {"throw_above", "4"}}), {1, 0, 0}), std::runtime_error);
  BOOST_TEST(
      std::isnan(e.run(with({{"x", "5"}, {"nan_above", "4"}}), {1, 0, 0}).scalars.at("value")));
  BOOST_TEST(e.run(with({{"x", "3"}, {"nan_above", "4"}}), {1, 0, 0}).scalars.at("value") == 3.0);
}
