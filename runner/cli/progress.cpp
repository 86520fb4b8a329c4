#include "runner/cli/progress.hpp"

#include <sys/ioctl.h>
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

// The terminal's width in columns (80 when it does not say).
std::size_t terminal_width(std::FILE* out) {
  winsize w{};
  if (ioctl(fileno(out), TIOCGWINSZ, &w) == 0 && w.ws_col > 0) return w.ws_col;
  return 80;
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

void Progress::end_line() {
  if (!line_open_) return;
  line_open_ = false;
  std::fputc('\n', out_);
  std::fflush(out_);
}

Progress::~Progress() { end_line(); }

void Progress::print(const ProgressCounts& c, bool final_line) {
  const double elapsed = now_seconds() - start_;
  const std::size_t ran = c.ran.finished(), finished = already_ + ran;
  const double rate = elapsed > 0 ? static_cast<double>(ran) / elapsed : 0.0;
  const double eta =
      rate > 0 && finished <= total_ ? static_cast<double>(total_ - finished) / rate : -1.0;
  char workers[48] = "";
  if (c.busy_workers >= 0)
    std::snprintf(workers, sizeof workers, "  workers %d/%d busy", c.busy_workers, c.workers);
  char line[256];
  std::snprintf(line, sizeof line,
                "%zu/%zu points  failed %zu  diverged %zu  %.1f points/s  elapsed %s  eta %s%s",
                finished, total_, c.ran.failed, c.ran.diverged, rate,
                duration_text(elapsed).c_str(), duration_text(eta).c_str(), workers);
  std::string text = line;
  if (tty_) {
    // One column short of the width: a line that fills it wraps on some terminals.
    const std::size_t width = terminal_width(out_);
    if (text.size() >= width) text.resize(width > 1 ? width - 1 : 0);
    text = "\r\033[K" + text;
  }
  line_open_ = tty_ && !final_line;
  if (!line_open_) text += "\n";
  std::fputs(text.c_str(), out_);
  std::fflush(out_);
}
}  // namespace diffsweep
