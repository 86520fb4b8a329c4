// A sweep file problem, always naming the file and, where there is one, the key and the value.
#pragma once

#include <string>

#include "common/errors.hpp"
#include "common/printable_text.hpp"

namespace diffsweep {

// `where` is the file, or "file:LINE". Keys and values are shown printable and bounded (at most
// 60 characters), so the message is one readable line whatever the file held.
class SweepFileError : public InputError {
 public:
  SweepFileError(const std::string& where, const std::string& key, const std::string& value,
                 const std::string& reason)
      : InputError(printable(where, 200) + ": key '" + printable(key, 60) + "': value '" +
                   printable(value, 60) + "': " + printable(reason, 300)) {}
  SweepFileError(const std::string& where, const std::string& reason)
      : InputError(printable(where, 200) + ": " + printable(reason, 300)) {}
};

}  // namespace diffsweep
