// Running the diffsweep binary from tests: wait for it, or start it and kill it mid-run.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace diffsweep::test {

struct ProcessResult {
  int status = -1;  // exit status, or 128 + signal
  std::string out, err;
  long max_rss_kb = 0;  // the process's peak resident memory
};

inline std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Starts `args` with stdout and stderr sent to files; returns the pid.
inline pid_t spawn(const std::vector<std::string>& args, const std::string& out_path,
                   const std::string& err_path) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// `max_rss_kb`, when given, receives the process's peak resident memory.
inline int wait_status(pid_t pid, long* max_rss_kb = nullptr) {
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  if (max_rss_kb) *max_rss_kb = usage.ru_maxrss;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

inline ProcessResult run_process(const std::vector<std::string>& args, const std::string& dir) {
  const std::string out = dir + "/.stdout", err = dir + "/.stderr";
  ProcessResult r;
  r.status = wait_status(spawn(args, out, err), &r.max_rss_kb);
  r.out = read_text(out);
  r.err = read_text(err);
  return r;
}

// A fresh, empty directory for one test.
inline std::string fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("diffsweep-test-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

inline void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

}  // namespace diffsweep::test
