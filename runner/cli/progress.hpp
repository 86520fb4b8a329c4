// The progress line on stderr: on a terminal a line redrawn in place (at most 5 times a second,
// cut to the terminal's width so it never wraps); otherwise (a batch job's log) one plain line
// every 10 seconds, so logs stay short. A line left open (a stop, an error) is ended before
// anything else is said.
#pragma once

#include <cstddef>
#include <cstdio>

#include "runner/store/point_record.hpp"

namespace diffsweep {

struct ProgressCounts {
  StatusCounts ran;       // the points this run finished, by status
  int busy_workers = -1;  // -1: single process, not shown
  int workers = 0;
};

class Progress {
 public:
  // `total`: the points this run covers; `already_finished`: how many of them were finished
  // before it started.
  Progress(std::size_t total, std::size_t already_finished, std::FILE* out, bool quiet);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void update(const ProgressCounts& counts);
  void finish(const ProgressCounts& counts);
  // Ends a redrawn line, so a message that follows starts on a line of its own.
  void end_line();

 private:
  void print(const ProgressCounts& counts, bool final_line);
  std::size_t total_, already_;
  std::FILE* out_;
  bool quiet_, tty_;
  bool line_open_ = false;  // a redrawn line without its newline yet
  double start_, last_print_ = -1e9;
};

}  // namespace diffsweep
