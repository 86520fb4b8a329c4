#include "analysis/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace diffsweep::analysis {

std::string fmt(double value, int digits) {
  if (std::isnan(value)) return "n/a";
  const double magnitude = std::abs(value);
  if (magnitude >= 1 && magnitude < 1e6)
    digits = std::max(digits, static_cast<int>(std::floor(std::log10(magnitude))) + 1);
  char text[32];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return text;
}

std::string interval_text(double lo, double hi) {
  std::string s = "[";
  s.append(fmt(lo)).append(", ").append(fmt(hi)).append("]");
  return s;
}

std::string describe_fit(const PowerLawFit& fit) {
  // Trailing zeros kept ("1.00", not "1") and R^2 to three decimals ("0.999", not "1"): a reader
  // compares these numbers with each other.
  auto keep_zeros = [](double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%#.3g", v);
    return std::string(text);
  };
  char r2[32];
  std::snprintf(r2, sizeof r2, "%.3f", fit.r_squared);
  return "slope " + keep_zeros(fit.slope) + " [" + keep_zeros(fit.slope_lo) + ", " +
         keep_zeros(fit.slope_hi) + "], R^2 " + r2;
}

std::string markdown_table(const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows) {
  auto line = [](const std::vector<std::string>& cells) {
    std::string s = "|";
    for (const auto& c : cells) s += " " + c + " |";
    return s + "\n";
  };
  std::string s = line(header);
  s += line(std::vector<std::string>(header.size(), "---"));
  for (const auto& r : rows) s += line(r);
  return s;
}

}  // namespace diffsweep::analysis
