// The transfer experiment's parameters: the declared defaults read into the settings the docs
// give, `auto` step counts read as auto, the classifier's prior is divided by n_target, the source
// model's key changes with exactly the parameters it depends on, and a bad value is refused naming
// the key and the value.
#define BOOST_TEST_MODULE transfer_settings
#include <boost/test/unit_test.hpp>

#include "tests/support/param_checks.hpp"
#include "transfer/transfer_settings.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;

BOOST_AUTO_TEST_CASE(the_defaults_read_into_the_documented_settings) {
  const auto& specs = transfer_params();
  BOOST_TEST(test::declaration_problem(specs) == "");
  const TransferSettings s = read_transfer_settings(default_params(specs));
  BOOST_TEST((s.method == Method::tgdp));
  BOOST_TEST((s.oracle == Oracle::none));
  BOOST_TEST((s.guidance_estimator == GuidanceEstimator::classifier));
  BOOST_TEST((s.guidance_target == GuidanceTarget::ratio));
  BOOST_TEST((s.clf_cv_loss == CvLoss::logistic));
  BOOST_TEST(s.shape.dim == 2);
  BOOST_TEST(s.shape.components == 4);
  BOOST_TEST(s.shape.radius == 2.0);
  BOOST_TEST(s.shape.spread == 0.4);
  BOOST_TEST(s.shift.shift == 0.2);
  BOOST_TEST(s.shift.skew == 2.0);
  BOOST_TEST(s.shift.rotation_deg == 0.0);
  BOOST_TEST(!s.conditional);
  BOOST_TEST(s.n_source == 10000);
  BOOST_TEST(s.n_target == 100);
  BOOST_TEST(s.source_training.steps == 40000);
  BOOST_TEST(s.source_training.batch == 256);
  BOOST_TEST(s.source_training.lr == 0.002);
  BOOST_TEST(s.target_training.steps == 4000);
  BOOST_TEST(s.finetune_training.steps == 1000);
  BOOST_TEST(s.finetune_training.lr == 0.0005);
  BOOST_TEST(s.guidance_training.steps == 5000);
  BOOST_TEST(s.guidance_smoothing);
  BOOST_TEST(s.classifier.train.steps == 2000);
  BOOST_TEST(!s.clf_steps_auto);
  // clf_weight_decay 0.1 over n_target 100.
  BOOST_TEST(s.classifier.weight_decay == 0.1 / 100.0);
  BOOST_TEST(s.classifier.w_max == 100.0);
  // noise_clf_steps defaults to auto, read as 0; its prior is not divided by n_target.
  BOOST_TEST(s.noise_classifier.train.steps == 0);
  BOOST_TEST(s.noise_classifier.weight_decay == 0.0001);
  BOOST_TEST(s.noise_classifier.w_max == s.classifier.w_max);
  BOOST_TEST(s.noise_clf_auto_max == 25600);
  // Its score-matching term: 0.01 per target point.
  BOOST_TEST(s.noise_clf_score_matching == 0.01 * 100.0);
  BOOST_TEST(s.t_min == 0.001);
  BOOST_TEST(s.sample_steps == 200);
}

BOOST_AUTO_TEST_CASE(auto_steps_and_the_classifiers_prior_follow_the_point) {
  const auto& specs = transfer_params();
  const TransferSettings s =
      read_transfer_settings(test::params_with(specs, {{"clf_steps", "auto"},
                                                       {"n_target", "40"},
                                                       {"clf_weight_decay", "2"},
                                                       {"noise_clf_steps", "300"},
                                                       {"method", "finetune"},
                                                       {"oracle", "ratio"},
                                                       {"target_rotation", "-90"},
                                                       {"conditional", "true"}}));
  BOOST_TEST(s.clf_steps_auto);
  BOOST_TEST(s.classifier.train.steps == 0);
  BOOST_TEST(s.classifier.weight_decay == 2.0 / 40.0);
  BOOST_TEST(s.noise_classifier.train.steps == 300);
  BOOST_TEST(s.noise_clf_score_matching == 0.01 * 40.0);
  BOOST_TEST((s.method == Method::finetune));
  BOOST_TEST((s.oracle == Oracle::ratio));
  BOOST_TEST(s.shift.rotation_deg == -90.0);
  BOOST_TEST(s.conditional);
}

BOOST_AUTO_TEST_CASE(the_source_key_changes_with_the_source_models_parameters_only) {
  const auto& specs = transfer_params();
  const std::string base = read_transfer_settings(default_params(specs)).source_key;
  BOOST_TEST(base.find(";dim=2;") != std::string::npos, base);
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"dim", "3"},
                                                        {"spread", "0.5"},
                                                        {"n_source", "500"},
                                                        {"score_lr", "0.01"},
                                                        {"t_min", "0.01"},
                                                        {"conditional", "true"}})
    BOOST_TEST(read_transfer_settings(test::params_with(specs, {{key, value}})).source_key != base,
               key);
  // What the target, the guidance or the sampler do leaves the source model as it is.
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"n_target", "50"},
                                                        {"target_shift", "1"},
                                                        {"guidance_lr", "0.01"},
                                                        {"method", "finetune"},
                                                        {"sample_steps", "20"}})
    BOOST_TEST(read_transfer_settings(test::params_with(specs, {{key, value}})).source_key == base,
               key);
}

BOOST_AUTO_TEST_CASE(a_bad_value_is_refused_naming_the_key_and_the_value) {
  const auto& specs = transfer_params();
  BOOST_TEST(test::param_error(specs, "target_rotation", "400") ==
             "key 'target_rotation': value '400': out of range [-360, 360]");
  BOOST_TEST(test::param_error(specs, "t_min", "0.6") ==
             "key 't_min': value '0.6': out of range [1e-06, 0.5]");
  BOOST_TEST(test::param_error(specs, "n_target", "1") ==
             "key 'n_target': value '1': out of range [2, 1e+08]");
  BOOST_TEST(test::param_error(specs, "method", "bogus") ==
             "key 'method': value 'bogus': not one of tgdp | target_only | finetune | "
             "source_only | exact_target");
  BOOST_TEST(test::param_error(specs, "clf_steps", "many") ==
             "key 'clf_steps': value 'many': not an integer or auto");
  BOOST_TEST(test::param_error(specs, "clf_folds", "auto") ==
             "key 'clf_folds': value 'auto': not an integer");
  BOOST_TEST(test::param_error(specs, "w_max", "0.5") ==
             "key 'w_max': value '0.5': out of range [1, inf]");
  BOOST_TEST(test::param_error(specs, "guidance_smoothing", "2") ==
             "key 'guidance_smoothing': value '2': not a boolean (true or false)");
}
