#include "runner/cli/progress.hpp"

#include <unistd.h>

#include <chrono>
#include <string>

#include "runner/run/clock.hpp"

namespace diffsweep {

namespace {

std::string duration_text(double seconds) {
  if (!(seconds >= 0) || seconds > 1e8) return "?";
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ldh%02ldm%02lds", s / 3600, s / 60 % 60, s % 60);
  else if (s >= 60)
    std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%lds", s);
  return buf;
}

}  // namespace

Progress::Progress(std::size_t total, std::size_t already_finished, std::FILE* out, bool quiet)
    : total_(total),
      already_(already_finished),
      out_(out),
      quiet_(quiet),
      tty_(isatty(fileno(out)) != 0),
      start_(now_seconds()) {
  // A log gets its first line after one interval, not a 0/N line at once.
  if (!tty_) last_print_ = start_;
}

void Progress::update(const ProgressCounts& counts) {
  const double now = now_seconds();
  if (quiet_ || now - last_print_ < (tty_ ? 0.2 : 10.0)) return;
  last_print_ = now;
  print(counts, false);
}

void Progress::finish(const ProgressCounts& counts) {
  if (!quiet_) print(counts, true);
}

void Progress::print(const ProgressCounts& c, bool final_line) {
  const double elapsed = now_seconds() - start_;
  const double ran = static_cast<double>(c.statuses.finished() - already_);
  const double rate = elapsed > 0 ? ran / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total_ - c.statuses.finished()) / rate : -1.0;
  char workers[48] = "";
  if (c.busy_workers >= 0)
    std::snprintf(workers, sizeof workers, "  workers %d/%d busy", c.busy_workers, c.workers);
  std::fprintf(out_,
               "%s%zu/%zu points  failed %zu  diverged %zu  %.1f points/s  elapsed %s  eta %s%s%s",
               tty_ ? "\r\033[K" : "", c.statuses.finished(), total_, c.statuses.failed,
               c.statuses.diverged, rate, duration_text(elapsed).c_str(),
               duration_text(eta).c_str(), workers, (tty_ && !final_line) ? "" : "\n");
  std::fflush(out_);
}

}  // namespace diffsweep
