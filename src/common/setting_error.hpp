// Settings a pure rule cannot use (an adaptive sweep's search or stopping rule): the error names
// the setting at fault, so a sweep file's reader can name its key and value.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace diffsweep {

class SettingError : public std::invalid_argument {
 public:
  SettingError(std::string setting, const std::string& reason)
      : std::invalid_argument(reason), setting_(std::move(setting)) {}
  const std::string& setting() const { return setting_; }

 private:
  std::string setting_;
};

}  // namespace diffsweep
