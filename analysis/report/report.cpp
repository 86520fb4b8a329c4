#include "analysis/report/report.hpp"

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

std::string with_interval(double value, const Interval& in, int digits) {
  std::string s = fmt(value, digits);
  if (in.valid()) s += " [" + fmt(in.lo, digits) + ", " + fmt(in.hi, digits) + "]";
  return s;
}

std::string word_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return out;
}

bool drawn_without_error_bars(const Plot& plot) {
  constexpr std::size_t legend_cap = 12;  // plot.py's LEGEND_CAP
  std::size_t curves = 0;
  std::optional<double> first_x;
  bool several_x = false;
  for (const auto& s : plot.series) {
    if (s.role != "data") continue;
    if (!s.points_only) ++curves;
    for (double x : s.x) {
      if (std::isnan(x)) continue;  // written as an empty cell, which plot.py skips
      if (!first_x) first_x = x;
      several_x = several_x || x != *first_x;
    }
  }
  return curves > legend_cap && several_x;
}

std::string markdown_table(const std::vector<std::string>& header,
                           const std::vector<std::vector<std::string>>& rows) {
  // A "|" inside a cell (|W|/|W0|) would end it: escaped, as markdown allows.
  auto line = [](const std::vector<std::string>& cells) {
    std::string s = "|";
    for (const auto& c : cells) {
      std::string cell;
      for (char ch : c) cell += ch == '|' ? std::string("\\|") : std::string(1, ch);
      s += " " + cell + " |";
    }
    return s + "\n";
  };
  std::string s = line(header);
  s += line(std::vector<std::string>(header.size(), "---"));
  for (const auto& r : rows) s += line(r);
  return s;
}

}  // namespace diffsweep::analysis
