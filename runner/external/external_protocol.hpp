// The line protocol an external experiment speaks on its standard input and output, one JSON
// object a line (docs/external-experiments.md): the program's declaration first, then for each
// point diffsweep's request and the program's reply. Encoding and decoding only: no process here.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/experiment.hpp"

namespace diffsweep {

// The value of the declaration's "protocol" key: a program speaks this version or is refused.
inline constexpr std::string_view external_protocol = "diffsweep-external-1";

// A line that does not follow the protocol; the message says what was wrong with it.
class ProtocolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What a program declares on its first line: as much as a built-in experiment declares.
struct ExternalDeclaration {
  std::string summary;
  std::vector<ParamSpec> params;
  std::vector<MetricSpec> metrics;
  std::vector<MetricSpec> series;
  // The declaration re-encoded with its keys sorted: what another rank's program must declare.
  std::string text;
};

ExternalDeclaration decode_declaration(std::string_view line);

// One point's request, ending in a newline: its parameters (typed: reals and integers as
// numbers, booleans as true/false, choices as strings; an unset optional one left out), seed,
// sweep seed, replicate and point id (16 hex digits, as `diffsweep --dry-run` shows it).
std::string encode_request(const std::vector<ParamSpec>& specs, const Params& params,
                           const PointContext& context);

// A point's reply: its metrics and series, or the error the program reports for it.
struct ExternalReply {
  PointResult result;
  std::optional<std::string> error;
};

// Non-finite values, which JSON has no numbers for, come as null or the strings "nan", "inf"
// and "-inf".
ExternalReply decode_reply(std::string_view line);

}  // namespace diffsweep
