// How the runner shows numbers and parameter values to a person (summary table, --dry-run):
// whole numbers in full ("20000", not "2e+04"), others with 4 significant digits. Files and ids
// use canonical_text instead, which is exact.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>
#include <variant>

#include "common/params.hpp"

namespace diffsweep {

inline std::string display_number(double v) {
  if (std::isnan(v)) return "-";
  char buf[32];
  if (v == std::floor(v) && std::fabs(v) < 1e15)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

inline std::string display_value(const ParamValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return display_number(std::get<double>(v));
}

}  // namespace diffsweep
