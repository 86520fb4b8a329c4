// The synthetic experiment's names as the results file holds them: the experiment declares and
// writes them with these, and the analysis reads them with the same.
#pragma once

namespace diffsweep::synthetic::names {

namespace param {
inline constexpr const char* x = "x";
inline constexpr const char* y = "y";
inline constexpr const char* exponent = "exponent";
}  // namespace param

namespace metric {
inline constexpr const char* value = "value";
}  // namespace metric

}  // namespace diffsweep::synthetic::names
