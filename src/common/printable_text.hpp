// Text from a file shown in a one-line message: whatever the file held (a control byte, a
// megabyte value), the line stays readable and bounded.
#pragma once

#include <string>

namespace diffsweep {

// Control bytes as \xNN; beyond `limit` characters cut with "... (N bytes)".
inline std::string printable(const std::string& text, std::size_t limit) {
  std::string out;
  for (unsigned char c : text) {
    if (out.size() >= limit) {
      out += "... (" + std::to_string(text.size()) + " bytes)";
      break;
    }
    if (c < 0x20 || c == 0x7f) {
      static const char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace diffsweep
