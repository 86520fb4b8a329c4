// A sweep file problem, always naming the file and, where there is one, the key and the value.
#pragma once

#include <string>

#include "common/errors.hpp"

namespace diffsweep {

// `where` is the file, or "file:LINE". Keys and values are shown printable and bounded (a
// control byte as \xNN, at most 60 characters), so the message is one readable line whatever
// the file held.
class SweepFileError : public InputError {
 public:
  SweepFileError(const std::string& where, const std::string& key, const std::string& value,
                 const std::string& reason)
      : InputError(printable(where, 200) + ": key '" + printable(key, 60) + "': value '" +
                   printable(value, 60) + "': " + printable(reason, 300)) {}
  SweepFileError(const std::string& where, const std::string& reason)
      : InputError(printable(where, 200) + ": " + printable(reason, 300)) {}

  static std::string printable(const std::string& text, std::size_t limit) {
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
};

}  // namespace diffsweep
