// Every failure the runner reports, each a type with its exit status, so main() has one place
// that turns them into a one-line message and a status.
#pragma once

#include <stdexcept>
#include <string>

namespace diffsweep {

enum ExitStatus : int { exit_ok = 0, exit_error = 1, exit_bad_input = 2, exit_interrupted = 3 };

class RunnerError : public std::runtime_error {
 public:
  RunnerError(const std::string& message, int status)
      : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

// Bad input: a sweep file, a command-line option, or an output that would be clobbered.
class InputError : public RunnerError {
 public:
  explicit InputError(const std::string& message) : RunnerError(message, exit_bad_input) {}
};

// A sweep file problem, always naming the file, the key and the value.
class SweepFileError : public InputError {
 public:
  SweepFileError(const std::string& file, const std::string& key, const std::string& value,
                 const std::string& reason)
      : InputError(file + ": key '" + key + "': value '" + value + "': " + reason) {}
  SweepFileError(const std::string& file, const std::string& reason)
      : InputError(file + ": " + reason) {}
};

// The HDF5 library or the file system refused something.
class StorageError : public RunnerError {
 public:
  explicit StorageError(const std::string& message) : RunnerError(message, exit_error) {}
};

class Interrupted : public RunnerError {
 public:
  explicit Interrupted(const std::string& message) : RunnerError(message, exit_interrupted) {}
};

}  // namespace diffsweep
