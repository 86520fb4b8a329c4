#include "runner/sweep/axis_values.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "common/number_text.hpp"

namespace diffsweep {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

namespace {

std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    parts.push_back(trim(text.substr(start, comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return parts;
}

double number(const std::string& s, const char* what) {
  const auto v = parse_decimal(s);
  if (!v || !std::isfinite(*v))
    throw std::invalid_argument(std::string(what) + " '" + s + "' is not a finite number");
  return *v;
}

// 15 significant digits: drops the last-bit noise of the arithmetic (logspace(0.1, 10, 3) gives
// 1, not 1.0000000000000004) while keeping every value a user could mean.
std::string exact_text(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

std::vector<std::string> spaced(const std::string& fn, std::string_view args) {
  const auto parts = split_commas(args);
  if (parts.size() != 3) throw std::invalid_argument(fn + " takes three arguments (lo, hi, k)");
  const double lo = number(parts[0], "lo"), hi = number(parts[1], "hi");
  const double kd = number(parts[2], "k");
  if (kd < 1 || kd != std::floor(kd))
    throw std::invalid_argument(fn + " needs a whole number of points k >= 1");
  if (kd > static_cast<double>(max_axis_values))
    throw std::invalid_argument(fn + " asks for more than " + std::to_string(max_axis_values) +
                                " values (the most one axis may have)");
  const auto k = static_cast<long>(kd);
  const bool geometric = fn == "logspace";
  if (geometric && (lo <= 0 || hi <= 0))
    throw std::invalid_argument("logspace needs lo > 0 and hi > 0");
  std::vector<std::string> out;
  for (long i = 0; i < k; ++i) {
    const double f = k == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(k - 1);
    // The ends are exactly lo and hi, not lo + (hi - lo) * 1 rounded.
    // lo (1 - f) + hi f, not lo + f (hi - lo): hi - lo overflows for ends near the largest
    // double.
    double v = geometric ? std::pow(10.0, std::log10(lo) * (1 - f) + std::log10(hi) * f)
                         : lo * (1 - f) + hi * f;
    if (i == k - 1) v = hi;
    if (i == 0) v = lo;  // and k = 1 gives lo, as numpy's linspace does
    if (!std::isfinite(v)) throw std::invalid_argument(fn + " gives a value that is not finite");
    out.push_back(exact_text(v));
  }
  return out;
}

}  // namespace

std::vector<std::string> expand_axis_values(std::string_view raw) {
  const std::string text = trim(raw);
  if (text.empty()) throw std::invalid_argument("empty axis");
  for (const char* fn : {"linspace", "logspace"}) {
    const std::string name(fn);
    if (text.rfind(name, 0) != 0) continue;
    const auto open = text.find_first_not_of(" \t", name.size());  // `linspace (` too
    if (open == std::string::npos || text[open] != '(') continue;
    if (text.back() != ')') throw std::invalid_argument(name + "( has no closing )");
    return spaced(name, std::string_view(text).substr(open + 1, text.size() - open - 2));
  }
  // Counted before anything is split or parsed, so a huge axis is refused at once.
  if (static_cast<std::size_t>(std::count(text.begin(), text.end(), ',')) >= max_axis_values)
    throw std::invalid_argument("more than " + std::to_string(max_axis_values) +
                                " values (the most one axis may have)");
  auto values = split_commas(text);
  for (const auto& v : values)
    if (v.empty()) throw std::invalid_argument("empty element in the list");
  return values;
}

}  // namespace diffsweep
