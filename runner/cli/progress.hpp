// The progress line on stderr: on a terminal a line redrawn in place (at most 5 times a second,
// cut to the terminal's width so it never wraps); otherwise (a batch job's log) one plain line
// every 10 seconds, so logs stay short. A line left open (a stop, an error) is ended before
// anything else is said.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>

#include "runner/store/point_record.hpp"

namespace diffsweep {

struct ProgressCounts {
  StatusCounts ran;       // the points this run finished, by status
  int busy_workers = -1;  // -1: single process, not shown
  int workers = 0;
};

// The columns a progress line may take: the narrowest terminal a cluster's users work in.
inline constexpr std::size_t progress_columns = 60;

// The line itself: "542/960 points  3 failed  4m51s/point  eta 16h52m  2/2 busy". The rate is
// points per second when at least one finishes each second, else the time per point (a slow
// sweep shows 4m51s/point, never 0.0 points/s), and absent until a point of this run finished;
// failed and diverged appear once there are some. To keep within progress_columns the elapsed
// time, then the busy workers, are left out (the final line keeps the elapsed time first), and
// then the word "points" of the count, which the rate repeats, then a space of each gap: a line
// fits up to 10^5 points with failures in the hundreds (a terminal cuts a longer one to its
// width).
std::string progress_text(std::size_t total, std::size_t already_finished,
                          const ProgressCounts& counts, double elapsed_seconds, bool final_line);

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
