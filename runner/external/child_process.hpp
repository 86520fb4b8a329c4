// A program started with `/bin/sh -c COMMAND`, its standard input, output and error piped to this
// process: what an external experiment runs. It owns the program: the destructor ends it and
// reaps it, so no program outlives its owner's interest in it and no descriptor leaks.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <deque>
#include <stdexcept>
#include <string>
#include <string_view>

#include "common/file_descriptor.hpp"

namespace diffsweep {

// The program could not be started at all (no /bin/sh, no such directory, no processes left).
class ChildProcessError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ChildProcess {
 public:
  using Deadline = std::chrono::steady_clock::time_point;
  enum class Outcome { line, closed, timed_out, too_long };

  // Starts the program in `directory`. It runs in a process group of its own, so a Ctrl-C meant
  // for diffsweep (which finishes its running point before it stops) does not kill the point
  // under it; it inherits no descriptor but the three pipes (the journal's lock among them would
  // outlive diffsweep in a program that hangs).
  ChildProcess(const std::string& command, const std::string& directory);
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Closes its input, which a program speaking the protocol takes as the end, gives it a second
  // to go, then kills what is left of its process group and reaps it.
  ~ChildProcess();

  pid_t pid() const { return pid_; }

  // Queues `text` for the program's standard input: it is written while read_line waits, so
  // requests sent ahead never block this process on a program busy with an earlier one.
  void send(std::string_view text);

  // Reads the program's next line of output (without the newline) into `line`, writing what is
  // queued for it and reading its standard error meanwhile, until `deadline`. `closed`: the
  // program closed its output (it ended, most likely); `too_long`: a line beyond `max_line`.
  Outcome read_line(std::string& line, Deadline deadline);

  // After `closed`: how the program ended ("exited with status 1", "was killed by signal 9"),
  // waiting for it a second at most, its last words on standard error read meanwhile.
  std::string ending();

  // Ends the program and its process group at once, and reaps it.
  void kill();

  // Its last lines on standard error, oldest first, joined by " | ", bounded; "" if none.
  std::string stderr_tail() const;

  static constexpr std::size_t max_line = std::size_t{256} << 20;

 private:
  bool read_stderr();  // what its standard error holds; false if nothing (closing it at its end)
  bool write_input();  // what is queued, as much as the pipe takes; true if it took some
  bool read_output();  // what its output holds; false if nothing was there yet
  bool exited(std::chrono::milliseconds wait);

  pid_t pid_ = -1;
  bool reaped_ = false;
  FileDescriptor in_, out_, err_;
  std::string out_buffer_;
  std::string in_buffer_;  // queued for its input; in_buffer_[0, written_) is written
  std::size_t written_ = 0;
  std::string err_partial_;
  std::deque<std::string> err_lines_;
};

}  // namespace diffsweep
