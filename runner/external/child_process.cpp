#include "runner/external/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>
#include <vector>

#include "common/printable_text.hpp"

extern char** environ;

namespace diffsweep {

namespace {

constexpr std::size_t kept_stderr_lines = 5;
constexpr std::size_t kept_stderr_chars = 300;

struct Pipe {
  FileDescriptor read, write;
};

Pipe make_pipe() {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    throw ChildProcessError(std::string("cannot make a pipe: ") + std::strerror(errno));
  return {FileDescriptor(fds[0]), FileDescriptor(fds[1])};
}

void set_nonblocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

// The posix_spawn attribute objects, destroyed whatever happens.
struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
  SpawnSetup(const SpawnSetup&) = delete;
  SpawnSetup& operator=(const SpawnSetup&) = delete;
};

std::chrono::milliseconds until(ChildProcess::Deadline deadline) {
  const auto left = deadline - std::chrono::steady_clock::now();
  return std::max(std::chrono::milliseconds(0), std::chrono::ceil<std::chrono::milliseconds>(left));
}

}  // namespace

ChildProcess::ChildProcess(const std::string& command, const std::string& directory) {
  // A program that ends while diffsweep writes to it must cost that point, not diffsweep: the
  // write then fails with EPIPE instead of the signal ending this process.
  signal(SIGPIPE, SIG_IGN);
  Pipe in = make_pipe(), out = make_pipe(), err = make_pipe();
  SpawnSetup setup;
  posix_spawn_file_actions_adddup2(&setup.actions, in.read.get(), 0);
  posix_spawn_file_actions_adddup2(&setup.actions, out.write.get(), 1);
  posix_spawn_file_actions_adddup2(&setup.actions, err.write.get(), 2);
  posix_spawn_file_actions_addclosefrom_np(&setup.actions, 3);
  posix_spawn_file_actions_addchdir_np(&setup.actions, directory.c_str());
  // Ignored signals stay ignored across exec: the program gets the defaults a shell gives it.
  sigset_t defaults, none;
  sigemptyset(&defaults);
  for (int s : {SIGPIPE, SIGINT, SIGTERM, SIGUSR1, SIGHUP, SIGQUIT}) sigaddset(&defaults, s);
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&setup.attributes, &defaults);
  posix_spawnattr_setsigmask(&setup.attributes, &none);
  posix_spawnattr_setpgroup(&setup.attributes, 0);
  posix_spawnattr_setflags(&setup.attributes,
                           POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
  std::vector<char*> argv = {const_cast<char*>("/bin/sh"), const_cast<char*>("-c"),
                             const_cast<char*>(command.c_str()), nullptr};
  if (const int e =
          posix_spawn(&pid_, "/bin/sh", &setup.actions, &setup.attributes, argv.data(), environ))
    throw ChildProcessError("cannot start /bin/sh -c '" + printable(command, 200) + "' in " +
                            directory + ": " + std::strerror(e));
  in_ = std::move(in.write);
  out_ = std::move(out.read);
  err_ = std::move(err.read);
  for (int fd : {in_.get(), out_.get(), err_.get()}) set_nonblocking(fd);
}

ChildProcess::~ChildProcess() {
  if (reaped_) return;
  in_.reset();
  exited(std::chrono::milliseconds(1000));
  kill();
}

bool ChildProcess::exited(std::chrono::milliseconds wait) {
  const Deadline deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    // WNOWAIT: the program stays a zombie, so its process group id cannot be reused before
    // kill() sends the group its signal.
    siginfo_t info{};
    if (waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == pid_)
      return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // Its standard error is read meanwhile: a program blocked on a full pipe would never end.
    if (err_.valid()) read_stderr();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

void ChildProcess::kill() {
  if (reaped_) return;
  ::kill(-pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  reaped_ = true;
  in_.reset();
  out_.reset();
  err_.reset();
}

std::string ChildProcess::ending() {
  if (!exited(std::chrono::milliseconds(1000))) return "closed its standard output";
  // Its last words are in the pipe already; a process it left behind may hold the pipe open.
  while (err_.valid() && read_stderr()) {
  }
  siginfo_t info{};
  waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT);
  if (info.si_code == CLD_EXITED) return "exited with status " + std::to_string(info.si_status);
  return "was killed by signal " + std::to_string(info.si_status) + " (" +
         strsignal(info.si_status) + ")";
}

bool ChildProcess::read_stderr() {
  char buffer[4096];
  const ssize_t n = read(err_.get(), buffer, sizeof buffer);
  if (n == 0) err_.reset();
  if (n <= 0) return false;
  for (ssize_t i = 0; i < n; ++i) {
    if (buffer[i] != '\n') {
      if (err_partial_.size() < kept_stderr_chars) err_partial_ += buffer[i];
      continue;
    }
    if (err_partial_.empty()) continue;
    err_lines_.push_back(std::move(err_partial_));
    err_partial_.clear();
    if (err_lines_.size() > kept_stderr_lines) err_lines_.pop_front();
  }
  return true;
}

std::string ChildProcess::stderr_tail() const {
  std::string tail;
  const auto add = [&](const std::string& l) {
    tail += (tail.empty() ? "" : " | ") + printable(l, kept_stderr_chars);
  };
  for (const auto& l : err_lines_) add(l);
  if (!err_partial_.empty()) add(err_partial_);
  return tail;
}

void ChildProcess::send(std::string_view text) {
  if (!in_.valid()) return;
  if (written_ > 0 && written_ * 2 >= in_buffer_.size()) {
    in_buffer_.erase(0, written_);
    written_ = 0;
  }
  in_buffer_.append(text);
}

bool ChildProcess::write_input() {
  const ssize_t n = write(in_.get(), in_buffer_.data() + written_, in_buffer_.size() - written_);
  if (n > 0) written_ += static_cast<std::size_t>(n);
  // The program closed its input: what it says, or that it ended, is the answer.
  if (n < 0 && errno != EAGAIN && errno != EINTR) in_.reset();
  return n > 0;
}

bool ChildProcess::read_output() {
  char buffer[65536];
  const ssize_t n = read(out_.get(), buffer, sizeof buffer);
  if (n == 0) out_.reset();
  if (n > 0) out_buffer_.append(buffer, static_cast<std::size_t>(n));
  return n >= 0;
}

ChildProcess::Outcome ChildProcess::read_line(std::string& line, Deadline deadline) {
  std::size_t scanned = 0;
  // Replies sent ahead are often waiting already: read before asking poll, one system call less.
  bool polled = false;
  while (true) {
    const auto newline = out_buffer_.find('\n', scanned);
    if (newline != std::string::npos) {
      line.assign(out_buffer_, 0, newline);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      out_buffer_.erase(0, newline + 1);
      return Outcome::line;
    }
    scanned = out_buffer_.size();
    if (out_buffer_.size() > max_line) return Outcome::too_long;
    if (!out_.valid()) return Outcome::closed;
    const bool writing = in_.valid() && written_ < in_buffer_.size();
    if (!polled) {
      polled = true;
      if (writing) write_input();
      if (read_output()) continue;
    }
    pollfd fds[3] = {{out_.get(), POLLIN, 0}, {err_.get(), POLLIN, 0}, {in_.get(), POLLOUT, 0}};
    const int ready = poll(fds, writing ? 3 : 2, static_cast<int>(until(deadline).count()));
    if (ready < 0 && errno != EINTR)
      throw ChildProcessError(std::string("poll: ") + std::strerror(errno));
    if (ready <= 0) {
      if (std::chrono::steady_clock::now() >= deadline) return Outcome::timed_out;
      continue;
    }
    if (writing && fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) write_input();
    if (fds[1].revents & (POLLIN | POLLHUP)) read_stderr();
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) read_output();
  }
}

}  // namespace diffsweep
