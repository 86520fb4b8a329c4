#define BOOST_TEST_MODULE external_protocol
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "runner/external/external_protocol.hpp"

using namespace diffsweep;
using nlohmann::json;

namespace {

const std::string declaration_line =
    R"({"protocol": "diffsweep-external-1", "summary": "a test",
        "params": [{"name": "lr", "type": "real", "default": 0.1, "min": 0, "max": 1, "doc": "step"},
                   {"name": "n", "type": "integer", "default": "64", "min": 1},
                   {"name": "fast", "type": "boolean", "default": true},
                   {"name": "model", "type": "choice", "choices": ["a", "b"], "default": "b"},
                   {"name": "width", "type": "integer"}],
        "metrics": [{"name": "loss", "units": "nats", "doc": "final loss"}],
        "series": [{"name": "curve"}]})";

std::string line_of(const json& j) { return j.dump(); }

json minimal() {
  return {{"protocol", "diffsweep-external-1"}, {"metrics", json::array({{{"name", "m"}}})}};
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_declaration_gives_typed_parameters_metrics_and_series) {
  const ExternalDeclaration d = decode_declaration(declaration_line);
  BOOST_TEST(d.summary == "a test");
  BOOST_REQUIRE(d.params.size() == 5u);
  BOOST_TEST(d.params[0].name == "lr");
  BOOST_TEST((d.params[0].type == ParamType::real));
  BOOST_TEST(d.params[0].default_value == "0.1");
  BOOST_TEST(d.params[0].max == 1.0);
  BOOST_TEST(d.params[0].doc == "step");
  BOOST_TEST((d.params[1].type == ParamType::integer));
  BOOST_TEST(d.params[1].default_value == "64");
  BOOST_TEST(d.params[2].default_value == "true");
  BOOST_TEST((d.params[3].choices == std::vector<std::string>{"a", "b"}));
  BOOST_TEST(d.params[4].default_value.empty());  // optional
  BOOST_REQUIRE(d.metrics.size() == 1u);
  BOOST_TEST(d.metrics[0].units == "nats");
  BOOST_REQUIRE(d.series.size() == 1u);
  BOOST_TEST(d.series[0].name == "curve");
  // The same declaration with its keys in another order is the same declaration.
  const json reordered = json::parse(declaration_line);
  BOOST_TEST(decode_declaration(line_of(reordered)).text == d.text);
}

BOOST_AUTO_TEST_CASE(a_bad_declaration_says_what_is_wrong) {
  const auto refused = [](const std::string& line, const std::string& expected) {
    BOOST_TEST_CONTEXT(line) {
      try {
        decode_declaration(line);
        BOOST_ERROR("accepted");
      } catch (const ProtocolError& e) {
        BOOST_TEST(std::string(e.what()).find(expected) != std::string::npos, e.what());
      }
    }
  };
  refused("Welcome to my trainer", "is not a JSON object: 'Welcome to my trainer'");
  refused("[1, 2]", "is not a JSON object");
  json j = minimal();
  j["protocol"] = "diffsweep-external-2";
  refused(line_of(j), "protocol 'diffsweep-external-2'");
  j = minimal();
  j["parms"] = json::array();
  refused(line_of(j), "unknown key 'parms'");
  j = minimal();
  j["params"] = {{{"name", "a.b"}, {"type", "real"}}};
  refused(line_of(j), "name 'a.b' is not");
  j["params"] = {{{"name", "lr"}, {"type", "float"}}};
  refused(line_of(j), "type 'float'");
  j["params"] = {{{"name", "lr"}, {"type", "real"}, {"default", 2}, {"max", 1}}};
  refused(line_of(j), "parameter 'lr': default '2'");
  j["params"] = {{{"name", "k"}, {"type", "choice"}}};
  refused(line_of(j), "a choice needs 'choices'");
  j["params"] = {{{"name", "m"}, {"type", "real"}}};
  refused(line_of(j), "'m' is declared twice");  // a parameter and a metric share the columns
  j = minimal();
  j["metrics"] = json::array();
  refused(line_of(j), "no metrics and no series");
}

BOOST_AUTO_TEST_CASE(a_request_carries_typed_values_the_seed_and_the_point_id) {
  const ExternalDeclaration d = decode_declaration(declaration_line);
  Params params = default_params(d.params);
  params.set("lr", parse_param_value(d.params[0], "0.30000000000000004"));
  const std::string line = encode_request(d.params, params, {18446744073709551615ULL, 7, 0xab, 2});
  BOOST_TEST(line.back() == '\n');
  BOOST_TEST(std::count(line.begin(), line.end(), '\n') == 1);
  const json j = json::parse(line);
  BOOST_TEST(j["point_id"] == "00000000000000ab");
  BOOST_TEST(j["seed"].get<std::uint64_t>() == 18446744073709551615ULL);
  BOOST_TEST(j["sweep_seed"] == 7);
  BOOST_TEST(j["replicate"] == 2);
  BOOST_TEST(j["params"]["lr"].get<double>() == 0.30000000000000004);  // every bit
  BOOST_TEST(j["params"]["n"].is_number_integer());
  BOOST_TEST(j["params"]["n"] == 64);
  BOOST_TEST(j["params"]["fast"] == true);
  BOOST_TEST(j["params"]["model"] == "b");
  BOOST_TEST(!j["params"].contains("width"));  // unset optional parameters are left out
}

BOOST_AUTO_TEST_CASE(a_reply_gives_metrics_series_non_finite_values_or_an_error) {
  const ExternalReply r = decode_reply(
      R"({"metrics": {"loss": 0.5, "a": null, "b": "inf", "c": "-inf"}, "series": {"curve": [1, 2.5, null]}})");
  BOOST_TEST(!r.error);
  BOOST_TEST(r.result.scalars.at("loss") == 0.5);
  BOOST_TEST(std::isnan(r.result.scalars.at("a")));
  BOOST_TEST(r.result.scalars.at("b") == INFINITY);
  BOOST_TEST(r.result.scalars.at("c") == -INFINITY);
  const auto& curve = r.result.series.at("curve");
  BOOST_REQUIRE(curve.size() == 3u);
  BOOST_TEST(curve[1] == 2.5);
  BOOST_TEST(std::isnan(curve[2]));
  BOOST_TEST(*decode_reply(R"({"error": "out of memory"})").error == "out of memory");
  BOOST_TEST(decode_reply("{}").result.scalars.empty());
}

BOOST_AUTO_TEST_CASE(a_reply_out_of_protocol_is_refused) {
  for (const char* bad : {"epoch 1 loss 0.25", "{\"metrics\": {\"loss\": NaN}}",
                          "{\"metrics\": {\"loss\": \"high\"}}", "{\"metrics\": [1]}",
                          "{\"series\": {\"curve\": 3}}", "{\"result\": 1}", ""})
    BOOST_CHECK_THROW(decode_reply(bad), ProtocolError);
}
