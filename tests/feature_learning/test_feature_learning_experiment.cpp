#define BOOST_TEST_MODULE feature_learning_experiment
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstring>

#include "experiment_registry.hpp"
#include "feature_learning/feature_learning_experiment.hpp"
#include "tests/support/experiment_points.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;

namespace {

// Defaults shrunk to a point that runs in milliseconds, then the given overrides.
Params small_point(test::Overrides kv) {
  return test::point_with(FeatureLearningExperiment(),
                          {{"d", "60"},
                           {"n", "8"},
                           {"n_eps", "4"},
                           {"iters", "300"},
                           {"log_every", "50"},
                           {"n_test", "50"}},
                          kv);
}

}  // namespace

BOOST_AUTO_TEST_CASE(is_registered_with_documented_params_and_metrics) {
  const auto e = make_experiment("feature_learning");
  BOOST_REQUIRE(e);
  for (const auto& s : e->params()) BOOST_TEST(!s.doc.empty(), s.name);
  for (const auto& m : e->metrics()) BOOST_TEST(!m.doc.empty(), m.name);
}

BOOST_AUTO_TEST_CASE(snr_and_nsnr2_are_exclusive_and_resolve_to_each_other) {
  FeatureLearningExperiment e;
  BOOST_CHECK_THROW(e.validate(small_point({{"snr", "0.1"}, {"nsnr2", "1"}})), ParamError);
  BOOST_CHECK_THROW(e.validate(small_point({{"n_eps", "3"}})), ParamError);
  BOOST_CHECK_NO_THROW(e.validate(small_point({{"n_eps", "3"}, {"antithetic", "false"}})));
  const auto by_nsnr2 = e.run(small_point({{"nsnr2", "2"}}), {1, 0, 0}).scalars;
  BOOST_TEST(by_nsnr2.at("snr_used") == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(by_nsnr2.at("nsnr2_used") == 2.0, boost::test_tools::tolerance(1e-12));
  const auto by_snr = e.run(small_point({{"snr", "0.5"}}), {1, 0, 0}).scalars;
  BOOST_TEST(by_snr.at("R") == by_nsnr2.at("R"));
}

BOOST_AUTO_TEST_CASE(same_seed_gives_bit_identical_results) {
  FeatureLearningExperiment e;
  for (const char* model : {"diffusion", "classification"}) {
    const auto p = small_point({{"model", model}, {"nsnr2", "1"}});
    const auto a = e.run(p, {42, 1, 2});
    const auto b = e.run(p, {42, 7, 9});
    const auto c = e.run(p, {43, 1, 2});
    BOOST_TEST(std::isfinite(a.scalars.at("R")));
    BOOST_TEST(test::same_bits(a.scalars, b.scalars));
    BOOST_TEST(a.series == b.series);
    BOOST_TEST(a.scalars.at("R") != c.scalars.at("R"));
  }
}

BOOST_AUTO_TEST_CASE(series_are_logged_every_log_every_steps) {
  FeatureLearningExperiment e;
  const auto r = e.run(
      small_point({{"model", "classification"}, {"iters", "120"}, {"grad_tol", "0"}}), {3, 0, 0});
  BOOST_TEST(r.series.at("step") == (std::vector<double>{0, 50, 100, 120}),
             boost::test_tools::per_element());
  for (const char* name : {"S", "N", "R", "loss"}) BOOST_TEST(r.series.at(name).size() == 4u);
  BOOST_TEST(r.series.at("R").back() == r.scalars.at("R"));
  BOOST_TEST(r.scalars.at("steps") == 120.0);
  BOOST_TEST(r.scalars.at("converged") == 0.0);
  BOOST_TEST(r.scalars.count("test_acc") == 1u);
  BOOST_TEST(e.run(small_point({{"nsnr2", "1"}}), {3, 0, 0}).scalars.count("test_acc") == 0u);
}

BOOST_AUTO_TEST_CASE(a_diverged_run_reports_nan) {
  FeatureLearningExperiment e;
  for (const char* model : {"diffusion", "classification"}) {
    const auto r =
        e.run(small_point({{"model", model}, {"nsnr2", "1"}, {"lr", "1000"}, {"sigma0", "0.3"}}),
              {5, 0, 0});
    BOOST_TEST(std::isnan(r.scalars.at("R")), model);
    BOOST_TEST(std::isnan(r.scalars.at("train_loss")), model);
    BOOST_TEST(r.scalars.at("converged") == 0.0);
  }
}
