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

BOOST_AUTO_TEST_CASE(a_step_far_too_long_is_shortened_by_the_line_search) {
  // lr = 1000 puts the ceiling step thousands of times past the stability edge: the line search
  // shortens it, and the run still reaches a stationary point, recording the steps it used.
  FeatureLearningExperiment e;
  for (const char* model : {"diffusion", "classification"}) {
    const auto r = e.run(small_point({{"model", model},
                                      {"nsnr2", "1"},
                                      {"lr", "1000"},
                                      {"sigma0", "0.3"},
                                      {"iters", "3000"}}),
                         {5, 0, 0})
                       .scalars;
    BOOST_TEST(std::isfinite(r.at("R")), model);
    BOOST_TEST(std::isfinite(r.at("train_loss")), model);
    BOOST_TEST(r.at("step_max") < r.at("step_size"), model);
    BOOST_TEST(r.at("step_min") <= r.at("step_last"), model);
    BOOST_TEST(r.at("step_last") <= r.at("step_max"), model);
    BOOST_TEST(r.at("evaluations") > r.at("steps") + 1, model);
    if (model[0] == 'd') BOOST_TEST(r.at("converged") == 1.0);
  }
}

BOOST_AUTO_TEST_CASE(a_run_whose_loss_overflows_reports_nan) {
  // Filters of norm ~1e200: their squares overflow, the loss is not finite at step 0: divergence.
  FeatureLearningExperiment e;
  for (const char* model : {"diffusion", "classification"}) {
    const auto r =
        e.run(small_point({{"model", model}, {"nsnr2", "1"}, {"sigma0", "1e200"}}), {5, 0, 0});
    BOOST_TEST(std::isnan(r.scalars.at("R")), model);
    BOOST_TEST(std::isnan(r.scalars.at("train_loss")), model);
    BOOST_TEST(r.scalars.at("converged") == 0.0);
    BOOST_TEST(r.scalars.at("steps") == 0.0);
  }
}

BOOST_AUTO_TEST_CASE(r0_is_the_ratio_of_the_initial_filters) {
  FeatureLearningExperiment e;
  const auto r = e.run(small_point({{"nsnr2", "1"}}), {8, 0, 0});
  BOOST_TEST(r.scalars.at("R0") == r.series.at("R").front());
  // S0, N0 and w_norm0 are the series' step-0 values, so training's effect is S / S0 and so on.
  BOOST_TEST(r.scalars.at("S0") == r.series.at("S").front());
  BOOST_TEST(r.scalars.at("N0") == r.series.at("N").front());
  BOOST_TEST(r.scalars.at("w_norm0") == r.series.at("w_norm").front());
  BOOST_TEST(r.scalars.at("w_norm") / r.scalars.at("w_norm0") > 2.0);
  BOOST_TEST(r.series.at("step_size").front() == 0.0);
  BOOST_TEST(r.series.at("step_size").size() == r.series.at("step").size());
  // Training moved R away from where random filters put it.
  BOOST_TEST(std::abs(std::log(r.scalars.at("R") / r.scalars.at("R0"))) > 0.1);
}

BOOST_AUTO_TEST_CASE(lbfgs_points_are_deterministic_and_converge) {
  FeatureLearningExperiment e;
  // Larger than small_point: with d = 60 and 4 draws several filters memorise the draws, and the
  // loss keeps falling as their norms grow (no stationary point within reach).
  const auto p = small_point({{"nsnr2", "1"},
                              {"m", "2"},
                              {"optimizer", "lbfgs"},
                              {"d", "100"},
                              {"n", "16"},
                              {"n_eps", "16"},
                              {"iters", "3000"}});
  const auto a = e.run(p, {42, 1, 2});
  const auto b = e.run(p, {42, 7, 9});
  BOOST_TEST(test::same_bits(a.scalars, b.scalars));
  BOOST_TEST(a.series == b.series);
  BOOST_TEST(a.scalars.at("converged") == 1.0);
  BOOST_TEST(a.scalars.at("stalled") == 0.0);
}

BOOST_AUTO_TEST_CASE(weight_decay_shrinks_the_filters) {
  FeatureLearningExperiment e;
  const auto plain =
      e.run(small_point({{"nsnr2", "1"}, {"m", "4"}, {"iters", "3000"}}), {6, 0, 0}).scalars;
  const auto decayed =
      e.run(small_point({{"nsnr2", "1"}, {"m", "4"}, {"iters", "3000"}, {"weight_decay", "0.01"}}),
            {6, 0, 0})
          .scalars;
  BOOST_TEST(decayed.at("w_norm") < plain.at("w_norm"));
  // train_loss is the model's loss without the penalty: the penalised optimum fits less well.
  BOOST_TEST(decayed.at("train_loss") > plain.at("train_loss"));
}
