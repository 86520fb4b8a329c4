#define BOOST_TEST_MODULE params
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "common/params.hpp"

using namespace diffsweep;

namespace {
ParamSpec real_spec() { return {"lr", ParamType::real, "0.1", 0.0, 1.0, {}, {}, ""}; }
ParamSpec int_spec() { return {"n", ParamType::integer, "8", 1, 1000, {}, std::nullopt, ""}; }
}  // namespace

BOOST_AUTO_TEST_CASE(reals_parse_and_range_check) {
  BOOST_TEST(std::get<double>(parse_param_value(real_spec(), "0.25")) == 0.25);
  BOOST_TEST(std::get<double>(parse_param_value(real_spec(), "1e-3")) == 1e-3);
  BOOST_CHECK_THROW(parse_param_value(real_spec(), "1.5"), ParamError);
  BOOST_CHECK_THROW(parse_param_value(real_spec(), "abc"), ParamError);
  BOOST_CHECK_THROW(parse_param_value(real_spec(), "0.1x"), ParamError);
  BOOST_CHECK_THROW(parse_param_value(real_spec(), "nan"), ParamError);
  BOOST_CHECK_THROW(parse_param_value(real_spec(), ""), ParamError);
}

BOOST_AUTO_TEST_CASE(error_names_key_value_and_reason) {
  try {
    parse_param_value(real_spec(), "7");
    BOOST_FAIL("no throw");
  } catch (const ParamError& e) {
    BOOST_TEST(e.key() == "lr");
    BOOST_TEST(e.value() == "7");
    BOOST_TEST(std::string(e.what()).find("out of range") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(integers_reject_fractions_and_accept_auto_only_when_declared) {
  BOOST_TEST(std::get<double>(parse_param_value(int_spec(), "64")) == 64.0);
  BOOST_CHECK_THROW(parse_param_value(int_spec(), "2.5"), ParamError);
  BOOST_CHECK_THROW(parse_param_value(int_spec(), "auto"), ParamError);
  auto with_auto = int_spec();
  with_auto.auto_value = 0;
  with_auto.min = 0;
  BOOST_TEST(std::get<double>(parse_param_value(with_auto, "auto")) == 0.0);
}

BOOST_AUTO_TEST_CASE(choices_and_booleans) {
  ParamSpec c{"model", ParamType::choice, "diffusion", 0, 0, {"diffusion", "classification"}, {},
              ""};
  BOOST_TEST(std::get<std::string>(parse_param_value(c, "classification")) == "classification");
  BOOST_CHECK_THROW(parse_param_value(c, "regression"), ParamError);
  ParamSpec b{"flag", ParamType::boolean, "false", 0, 1, {}, {}, ""};
  BOOST_TEST(std::get<double>(parse_param_value(b, "true")) == 1.0);
  BOOST_CHECK_THROW(parse_param_value(b, "maybe"), ParamError);
}

BOOST_AUTO_TEST_CASE(canonical_text_is_exact_and_stable) {
  const auto spec = real_spec();
  BOOST_TEST(canonical_text(spec, 0.1) == "0.10000000000000001");
  BOOST_TEST(canonical_text(int_spec(), 64.0) == "64");
  // The same value written two ways has one canonical text.
  BOOST_TEST(canonical_text(spec, parse_param_value(spec, "0.5")) ==
             canonical_text(spec, parse_param_value(spec, "5e-1")));
}

BOOST_AUTO_TEST_CASE(defaults_fill_params_and_optional_ones_stay_unset) {
  std::vector<ParamSpec> specs = {
      real_spec(), int_spec(), {"nsnr2", ParamType::real, "", 0, 1e9, {}, {}, ""}};
  const Params p = default_params(specs);
  BOOST_TEST(p.real("lr") == 0.1);
  BOOST_TEST(p.integer("n") == 8);
  BOOST_TEST(!p.has("nsnr2"));
  BOOST_CHECK_THROW(p.real("nsnr2"), std::out_of_range);
}
