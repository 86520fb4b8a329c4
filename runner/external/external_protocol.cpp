#include "runner/external/external_protocol.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "common/printable_text.hpp"
#include "results_io/results_format.hpp"

namespace diffsweep {

namespace {

using nlohmann::json;

json parse_object(std::string_view line, const char* what) {
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw ProtocolError(std::string(what) + " is not a JSON object: '" +
                        printable(std::string(line), 80) + "'");
  return j;
}

void only_keys(const json& object, std::initializer_list<const char*> known,
               const std::string& in) {
  for (const auto& [key, value] : object.items())
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; })) {
      std::string list;
      for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      throw ProtocolError(in + ": unknown key '" + printable(key, 40) + "' (known: " + list + ")");
    }
}

std::string text_of(const json& object, const char* key, const std::string& in) {
  if (!object.contains(key)) return {};
  const json& v = object.at(key);
  if (!v.is_string()) throw ProtocolError(in + ": '" + key + "' is not a string");
  return v.get<std::string>();
}

std::string name_of(const json& entry, const std::string& in, std::set<std::string>& seen) {
  const std::string name = text_of(entry, "name", in);
  if (!results::usable_column_name(name))
    throw ProtocolError(in + ": name '" + printable(name, 40) +
                        "' is not 1 to 64 letters, digits or '_' (not starting with a digit)");
  if (!seen.insert(name).second) throw ProtocolError(in + ": '" + name + "' is declared twice");
  return name;
}

double bound_of(const json& entry, const char* key, double otherwise, const std::string& in) {
  if (!entry.contains(key)) return otherwise;
  if (!entry.at(key).is_number()) throw ProtocolError(in + ": '" + key + "' is not a number");
  return entry.at(key).get<double>();
}

ParamSpec param_of(const json& entry, std::set<std::string>& seen) {
  if (!entry.is_object()) throw ProtocolError("declaration: a parameter is not an object");
  ParamSpec p;
  p.name = name_of(entry, "declaration: parameter", seen);
  const std::string in = "declaration: parameter '" + p.name + "'";
  only_keys(entry, {"name", "type", "default", "min", "max", "choices", "doc"}, in);
  const std::string type = text_of(entry, "type", in);
  if (type == "real")
    p.type = ParamType::real;
  else if (type == "integer")
    p.type = ParamType::integer;
  else if (type == "boolean")
    p.type = ParamType::boolean;
  else if (type == "choice")
    p.type = ParamType::choice;
  else
    throw ProtocolError(in + ": type '" + printable(type, 40) +
                        "' (known: real, integer, boolean, choice)");
  p.min = bound_of(entry, "min", -std::numeric_limits<double>::infinity(), in);
  p.max = bound_of(entry, "max", std::numeric_limits<double>::infinity(), in);
  if (entry.contains("choices")) {
    const json& c = entry.at("choices");
    if (!c.is_array() || c.empty() ||
        !std::all_of(c.begin(), c.end(), [](const json& v) { return v.is_string(); }))
      throw ProtocolError(in + ": 'choices' is not a list of strings");
    for (const auto& v : c) p.choices.push_back(v.get<std::string>());
  }
  if (p.type == ParamType::choice && p.choices.empty())
    throw ProtocolError(in + ": a choice needs 'choices'");
  if (entry.contains("default") && !entry.at("default").is_null()) {
    const json& d = entry.at("default");
    p.default_value = d.is_string() ? d.get<std::string>() : d.dump();
    try {
      parse_param_value(p, p.default_value);
    } catch (const ParamError& e) {
      throw ProtocolError(in + ": default '" + printable(p.default_value, 40) + "': " + e.reason());
    }
  }
  p.doc = text_of(entry, "doc", in);
  return p;
}

MetricSpec metric_of(const json& entry, const char* role, std::set<std::string>& seen) {
  const std::string in = std::string("declaration: ") + role;
  if (!entry.is_object()) throw ProtocolError(in + " is not an object");
  const std::string name = name_of(entry, in, seen);
  only_keys(entry, {"name", "units", "doc"}, in + " '" + name + "'");
  return {name, text_of(entry, "doc", in), text_of(entry, "units", in)};
}

const json& list_of(const json& object, const char* key) {
  static const json empty = json::array();
  if (!object.contains(key)) return empty;
  if (!object.at(key).is_array())
    throw ProtocolError(std::string("declaration: '") + key + "' is not a list");
  return object.at(key);
}

double number_of(const json& v, const std::string& what) {
  if (v.is_number()) return v.get<double>();
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (s == "inf") return std::numeric_limits<double>::infinity();
    if (s == "-inf") return -std::numeric_limits<double>::infinity();
  }
  throw ProtocolError("reply: " + what + " is " + printable(v.dump(), 40) +
                      ", not a number (or null, \"nan\", \"inf\", \"-inf\")");
}

}  // namespace

ExternalDeclaration decode_declaration(std::string_view line) {
  const json j = parse_object(line, "declaration");
  only_keys(j, {"protocol", "summary", "params", "metrics", "series"}, "declaration");
  const std::string protocol = text_of(j, "protocol", "declaration");
  if (protocol != external_protocol)
    throw ProtocolError("declaration: protocol '" + printable(protocol, 40) + "', not '" +
                        std::string(external_protocol) + "'");
  ExternalDeclaration d;
  d.summary = text_of(j, "summary", "declaration");
  // Parameters and metrics share the results file's columns, so one set of names.
  std::set<std::string> columns, series;
  for (const auto& p : list_of(j, "params")) d.params.push_back(param_of(p, columns));
  for (const auto& m : list_of(j, "metrics")) d.metrics.push_back(metric_of(m, "metric", columns));
  for (const auto& s : list_of(j, "series")) d.series.push_back(metric_of(s, "series", series));
  if (d.metrics.empty() && d.series.empty())
    throw ProtocolError("declaration: no metrics and no series: a point would have no result");
  d.text = j.dump();
  return d;
}

std::string encode_request(const std::vector<ParamSpec>& specs, const Params& params,
                           const PointContext& context) {
  json values = json::object();
  for (const auto& [name, value] : params.values()) {
    const ParamSpec& spec = *find_spec(specs, name);
    switch (spec.type) {
      case ParamType::real:
        values[name] = std::get<double>(value);
        break;
      case ParamType::integer:
        values[name] = static_cast<std::int64_t>(std::get<double>(value));
        break;
      case ParamType::boolean:
        values[name] = std::get<double>(value) != 0;
        break;
      case ParamType::choice:
        values[name] = std::get<std::string>(value);
        break;
    }
  }
  const json request = {{"point_id", results::hex_id(context.point_id)},
                        {"seed", context.seed},
                        {"sweep_seed", context.sweep_seed},
                        {"replicate", context.replicate},
                        {"params", std::move(values)}};
  return request.dump() + "\n";
}

ExternalReply decode_reply(std::string_view line) {
  const json j = parse_object(line, "reply");
  only_keys(j, {"metrics", "series", "error"}, "reply");
  ExternalReply reply;
  if (j.contains("error")) {
    reply.error =
        j.at("error").is_string() ? j.at("error").get<std::string>() : j.at("error").dump();
    return reply;
  }
  if (j.contains("metrics")) {
    if (!j.at("metrics").is_object()) throw ProtocolError("reply: 'metrics' is not an object");
    for (const auto& [name, value] : j.at("metrics").items())
      reply.result.scalars[name] = number_of(value, "metric '" + printable(name, 40) + "'");
  }
  if (j.contains("series")) {
    if (!j.at("series").is_object()) throw ProtocolError("reply: 'series' is not an object");
    for (const auto& [name, values] : j.at("series").items()) {
      const std::string what = "series '" + printable(name, 40) + "'";
      if (!values.is_array()) throw ProtocolError("reply: " + what + " is not a list");
      auto& out = reply.result.series[name];
      out.reserve(values.size());
      for (const auto& v : values) out.push_back(number_of(v, "a value of " + what));
    }
  }
  return reply;
}

}  // namespace diffsweep
