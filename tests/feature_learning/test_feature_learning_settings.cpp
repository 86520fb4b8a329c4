// The feature_learning experiment's parameters: the declared defaults are the struct's own, each
// key reads into its field, the snr resolves as documented, and a value out of range or not of
// the parameter's kind is refused naming the key and the value.
#define BOOST_TEST_MODULE feature_learning_settings
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "feature_learning/feature_learning_settings.hpp"
#include "tests/support/param_checks.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;

BOOST_AUTO_TEST_CASE(the_declared_defaults_are_the_structs_own) {
  const auto& specs = feature_learning_params();
  BOOST_TEST(test::declaration_problem(specs) == "");
  const FeatureLearningSettings s = read_feature_learning_settings(default_params(specs));
  const FeatureLearningSettings plain;
  BOOST_TEST((s.model == plain.model && s.model == Model::diffusion));
  BOOST_TEST((s.data == plain.data && s.data == DataSource::two_patch));
  BOOST_TEST((s.optimizer == plain.optimizer && s.optimizer == Descent::gd));
  BOOST_TEST(s.digit_pos == plain.digit_pos);
  BOOST_TEST(s.digit_neg == plain.digit_neg);
  BOOST_TEST(s.n_show == plain.n_show);
  BOOST_TEST(s.d == 500);
  BOOST_TEST(s.d == plain.d);
  BOOST_TEST(s.n == 64);
  BOOST_TEST(s.n == plain.n);
  BOOST_TEST(s.sigma_xi == plain.sigma_xi);
  BOOST_TEST(!s.snr.has_value());
  BOOST_TEST(!s.nsnr2.has_value());
  BOOST_TEST(s.m == plain.m);
  BOOST_TEST(s.sigma0 == 0.005);
  BOOST_TEST(s.sigma0 == plain.sigma0);
  BOOST_TEST(s.t == 2.5);
  BOOST_TEST(s.t == plain.t);
  BOOST_TEST(s.n_eps == plain.n_eps);
  BOOST_TEST(s.antithetic == plain.antithetic);
  BOOST_TEST(s.lr == plain.lr);
  BOOST_TEST(s.weight_decay == plain.weight_decay);
  BOOST_TEST(s.iters == plain.iters);
  BOOST_TEST(s.grad_tol == plain.grad_tol);
  BOOST_TEST(s.log_every == plain.log_every);
  BOOST_TEST(s.n_test == plain.n_test);
}

BOOST_AUTO_TEST_CASE(each_key_reads_into_its_field_and_the_snr_resolves_as_documented) {
  const auto& specs = feature_learning_params();
  const FeatureLearningSettings s =
      read_feature_learning_settings(test::params_with(specs, {{"model", "classification"},
                                                               {"data", "noisy_mnist"},
                                                               {"optimizer", "lbfgs"},
                                                               {"digit_pos", "3"},
                                                               {"digit_neg", "8"},
                                                               {"d", "784"},
                                                               {"n", "16"},
                                                               {"nsnr2", "4"},
                                                               {"antithetic", "false"},
                                                               {"iters", "1500"},
                                                               {"t", "0.75"}}));
  BOOST_TEST((s.model == Model::classification));
  BOOST_TEST((s.data == DataSource::noisy_mnist));
  BOOST_TEST((s.optimizer == Descent::lbfgs));
  BOOST_TEST(s.digit_pos == 3);
  BOOST_TEST(s.digit_neg == 8);
  BOOST_TEST(s.d == 784);
  BOOST_TEST(!s.antithetic);
  BOOST_TEST(s.iters == 1500);
  BOOST_TEST(s.t == 0.75);
  BOOST_TEST(s.nsnr2.value_or(0) == 4.0);
  // snr = sqrt(nsnr2 / n).
  BOOST_TEST(s.resolved_snr() == 0.5);
  // Given, snr is used as it is; neither given: nsnr2 = 1.
  BOOST_TEST(
      read_feature_learning_settings(test::params_with(specs, {{"snr", "0.3"}})).resolved_snr() ==
      0.3);
  BOOST_TEST(
      read_feature_learning_settings(test::params_with(specs, {{"n", "25"}})).resolved_snr() ==
      0.2);
}

BOOST_AUTO_TEST_CASE(a_bad_value_is_refused_naming_the_key_and_the_value) {
  const auto& specs = feature_learning_params();
  BOOST_TEST(test::param_error(specs, "d", "2") == "key 'd': value '2': out of range [3, 1e+06]");
  BOOST_TEST(test::param_error(specs, "t", "0") == "key 't': value '0': out of range [1e-06, 50]");
  BOOST_TEST(test::param_error(specs, "digit_pos", "10") ==
             "key 'digit_pos': value '10': out of range [0, 9]");
  BOOST_TEST(test::param_error(specs, "n", "6.5") == "key 'n': value '6.5': not an integer");
  BOOST_TEST(test::param_error(specs, "grad_tol", "2") ==
             "key 'grad_tol': value '2': out of range [0, 1]");
  BOOST_TEST(test::param_error(specs, "model", "regression") ==
             "key 'model': value 'regression': not one of diffusion | classification");
  BOOST_TEST(test::param_error(specs, "optimizer", "adam") ==
             "key 'optimizer': value 'adam': not one of gd | lbfgs");
  BOOST_TEST(test::param_error(specs, "antithetic", "maybe") ==
             "key 'antithetic': value 'maybe': not a boolean (true or false)");
  BOOST_TEST(test::param_error(specs, "sigma_xi", "-1") ==
             "key 'sigma_xi': value '-1': out of range [0, inf]");
  // The ends of a range are in it.
  BOOST_TEST(test::param_error(specs, "d", "3") == "");
  BOOST_TEST(test::param_error(specs, "t", "50") == "");
}
