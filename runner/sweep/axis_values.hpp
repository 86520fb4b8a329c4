// The value syntax of a sweep axis: `a, b, c`, `linspace(lo, hi, k)` or `logspace(lo, hi, k)`
// (k points from lo to hi inclusive, evenly spaced or geometric: logspace takes the end values
// themselves, like numpy's geomspace, not their exponents; k = 1 gives lo).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace diffsweep {

// The most values one axis may have: each is held by every rank with its canonical text.
inline constexpr std::size_t max_axis_values = 1'000'000;

// The axis's values as text, in order, each still to be parsed by its parameter's type. Throws
// std::invalid_argument with the reason (the caller adds file, key and value).
std::vector<std::string> expand_axis_values(std::string_view text);

// `s` without leading and trailing blanks (spaces, tabs, line ends).
std::string trim(std::string_view s);

}  // namespace diffsweep
