// Numbers as text: the one syntax sweep files and parameter values use, and how numbers are shown
// to a person.
//
// Read: plain decimals only ("3", "-0.5", "1e-4", "2.5E3"), and for reals also "inf", "+inf" and
// "-inf". Not accepted: hex, "nan", spaces, a trailing unit, or a value too large for a double
// (strtod would take the first three and round the last to infinity).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace diffsweep {

// A decimal or an infinity; nullopt for anything else.
std::optional<double> parse_decimal(std::string_view text);

// Digits only (no sign), at most `max`; nullopt for anything else.
std::optional<std::uint64_t> parse_whole_number(std::string_view text, std::uint64_t max);

// For people (summary table, --dry-run, report labels): whole numbers in full ("20000", not
// "2e+04"), others with 4 significant digits, NaN as "-". Files and ids use canonical_text, which
// is exact.
std::string display_number(double value);

// The shortest text that reads back as exactly `value` ("0.1", "1e-300"); "nan", "inf", "-inf".
// For files (CSV exports, attributes shown as text).
std::string exact_number(double value);

}  // namespace diffsweep
