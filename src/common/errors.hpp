// Every failure the programs report, each a type with its exit status, so each main() has one
// place that turns them into a one-line message and a status.
#pragma once

#include <stdexcept>
#include <string>

namespace diffsweep {

// exit_lost_workers: an MPI run lost workers (their node died) and ended without them.
enum ExitStatus : int {
  exit_ok = 0,
  exit_error = 1,
  exit_bad_input = 2,
  exit_interrupted = 3,
  exit_lost_workers = 4
};

class Error : public std::runtime_error {
 public:
  Error(const std::string& message, int status) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

// Bad input: a sweep file, a command-line option, or an output that would be clobbered.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(message, exit_bad_input) {}
};

// The HDF5 library or the file system refused something.
class StorageError : public Error {
 public:
  explicit StorageError(const std::string& message) : Error(message, exit_error) {}
};

// Data a point reads from disk (the Noisy-MNIST digits) is missing or damaged where the point
// runs. On a cluster that depends on the node, so the runner adds the host to the message.
class PointDataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Interrupted : public Error {
 public:
  explicit Interrupted(const std::string& message) : Error(message, exit_interrupted) {}
};

}  // namespace diffsweep
