// The progress line on stderr: on a terminal a line redrawn in place (at most 5 times a second);
// otherwise (a batch job's log) one plain line every 10 seconds, so logs stay short.
#pragma once

#include <cstddef>
#include <cstdio>

#include "runner/store/point_record.hpp"

namespace diffsweep {

struct ProgressCounts {
  StatusCounts statuses;
  int busy_workers = -1;  // -1: single process, not shown
  int workers = 0;
};

class Progress {
 public:
  Progress(std::size_t total, std::size_t already_finished, std::FILE* out, bool quiet);
  void update(const ProgressCounts& counts);
  void finish(const ProgressCounts& counts);

 private:
  void print(const ProgressCounts& counts, bool final_line);
  std::size_t total_, already_;
  std::FILE* out_;
  bool quiet_, tty_;
  double start_, last_print_ = -1e9;
};

}  // namespace diffsweep
