// A sweep file problem, always naming the file and, where there is one, the key and the value.
#pragma once

#include <string>

#include "common/errors.hpp"

namespace diffsweep {

class SweepFileError : public InputError {
 public:
  SweepFileError(const std::string& file, const std::string& key, const std::string& value,
                 const std::string& reason)
      : InputError(file + ": key '" + key + "': value '" + value + "': " + reason) {}
  SweepFileError(const std::string& file, const std::string& reason)
      : InputError(file + ": " + reason) {}
};

}  // namespace diffsweep
