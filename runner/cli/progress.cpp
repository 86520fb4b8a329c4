#include "runner/cli/progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runner/run/clock.hpp"

namespace diffsweep {

namespace {

std::string duration_text(double seconds) {
  if (!(seconds >= 0) || seconds > 1e8) return "?";
  const long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, s / 60 % 60);
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

std::string rate_text(std::size_t ran, double elapsed) {
  if (ran == 0 || !(elapsed > 0)) return "";
  const double rate = static_cast<double>(ran) / elapsed;
  char buf[32];
  if (const double per_point = elapsed / static_cast<double>(ran); per_point >= 60)
    return duration_text(per_point) + "/point";
  else if (rate < 1.0) {
    std::snprintf(buf, sizeof buf, "%.1fs/point", per_point);
    return buf;
  }
  std::snprintf(buf, sizeof buf, rate < 100 ? "%.1f points/s" : "%.0f points/s", rate);
  return buf;
}

}  // namespace

std::string progress_text(std::size_t total, std::size_t already_finished, const ProgressCounts& c,
                          double elapsed, bool final_line) {
  const std::size_t ran = c.ran.finished(), finished = already_finished + ran;
  const double rate = elapsed > 0 ? static_cast<double>(ran) / elapsed : 0.0;
  const double eta =
      rate > 0 && finished <= total ? static_cast<double>(total - finished) / rate : -1.0;
  std::vector<std::string> parts = {std::to_string(finished) + "/" + std::to_string(total) +
                                    " points"};
  if (c.ran.failed > 0) parts.push_back(std::to_string(c.ran.failed) + " failed");
  if (c.ran.diverged > 0) parts.push_back(std::to_string(c.ran.diverged) + " diverged");
  if (std::string r = rate_text(ran, elapsed); !r.empty()) parts.push_back(std::move(r));
  if (!final_line) parts.push_back("eta " + duration_text(eta));
  // Optional parts, the last left out first.
  std::vector<std::string> optional;
  if (c.busy_workers >= 0)
    optional.push_back(std::to_string(c.busy_workers) + "/" + std::to_string(c.workers) + " busy");
  optional.push_back(duration_text(elapsed) + " elapsed");
  if (final_line) std::swap(optional.front(), optional.back());
  const auto join = [](const std::vector<std::string>& p, const char* gap = "  ") {
    std::string out;
    for (const auto& s : p) out += (out.empty() ? "" : gap) + s;
    return out;
  };
  // The rate names the unit: a line still too long drops it from the count.
  if (join(parts).size() > progress_columns && parts.size() > 1 && ran > 0)
    parts.front().resize(parts.front().size() - std::string_view(" points").size());
  for (const std::string& part : optional) {
    std::vector<std::string> longer = parts;
    longer.push_back(part);
    if (join(longer).size() > progress_columns) break;
    parts = std::move(longer);
  }
  return join(parts).size() > progress_columns ? join(parts, " ") : join(parts);
}

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
  std::string text = progress_text(total_, already_, c, now_seconds() - start_, final_line);
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
