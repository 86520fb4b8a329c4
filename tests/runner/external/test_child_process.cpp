#define BOOST_TEST_MODULE child_process
#include <signal.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "runner/external/child_process.hpp"

using namespace diffsweep;
using namespace std::chrono_literals;

namespace {

ChildProcess::Deadline in(std::chrono::milliseconds wait) {
  return std::chrono::steady_clock::now() + wait;
}

// Running, or stopped: not gone and not a zombie waiting to be reaped (a container's first
// process may never reap what is handed to it).
bool alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text;
  std::getline(stat, text);
  const auto end_of_name = text.rfind(") ");
  return end_of_name != std::string::npos && text[end_of_name + 2] != 'Z';
}

}  // namespace

BOOST_AUTO_TEST_CASE(lines_go_both_ways_in_the_directory_given) {
  const auto dir = std::filesystem::temp_directory_path();
  ChildProcess p("echo ready; pwd; while read line; do echo \"got $line\"; done", dir.string());
  std::string line;
  BOOST_TEST((p.read_line(line, in(10s)) == ChildProcess::Outcome::line));
  BOOST_TEST(line == "ready");
  BOOST_TEST((p.read_line(line, in(10s)) == ChildProcess::Outcome::line));
  BOOST_TEST(std::filesystem::path(line) == std::filesystem::canonical(dir));
  // Several requests sent ahead are answered in order.
  p.send("a\nb\n");
  p.send("c\n");
  for (const char* want : {"got a", "got b", "got c"}) {
    BOOST_TEST((p.read_line(line, in(10s)) == ChildProcess::Outcome::line));
    BOOST_TEST(line == want);
  }
}

BOOST_AUTO_TEST_CASE(an_ending_is_told_with_the_last_lines_on_standard_error) {
  ChildProcess p("echo one >&2; echo two >&2; exit 7", ".");
  std::string line;
  BOOST_TEST((p.read_line(line, in(10s)) == ChildProcess::Outcome::closed));
  BOOST_TEST(p.ending() == "exited with status 7");
  BOOST_TEST(p.stderr_tail() == "one | two");
  ChildProcess killed("kill -SEGV $$", ".");
  BOOST_TEST((killed.read_line(line, in(10s)) == ChildProcess::Outcome::closed));
  BOOST_TEST(killed.ending() == "was killed by signal 11 (Segmentation fault)");
}

BOOST_AUTO_TEST_CASE(a_silent_program_times_out_and_its_whole_group_is_killed_and_reaped) {
  // The shell starts a sleep of its own and waits: both must go.
  auto p = std::make_unique<ChildProcess>("sleep 1000 & echo $!; wait", ".");
  std::string line;
  BOOST_TEST((p->read_line(line, in(10s)) == ChildProcess::Outcome::line));
  const pid_t shell = p->pid(), sleeper = std::stoi(line);
  BOOST_TEST((p->read_line(line, in(200ms)) == ChildProcess::Outcome::timed_out));
  p->kill();
  BOOST_TEST(!std::filesystem::exists("/proc/" + std::to_string(shell)));  // reaped, not a zombie
  for (int i = 0; i < 100 && alive(sleeper); ++i) std::this_thread::sleep_for(10ms);
  BOOST_TEST(!alive(sleeper));
}

BOOST_AUTO_TEST_CASE(a_program_that_ignores_the_end_of_its_input_is_ended_by_the_destructor) {
  pid_t pid = 0;
  {
    ChildProcess p("trap '' TERM; while :; do sleep 1; done", ".");
    pid = p.pid();
  }
  BOOST_TEST(!alive(pid));
}

BOOST_AUTO_TEST_CASE(a_program_inherits_no_descriptor_but_its_three_streams) {
  ChildProcess p("ls /proc/self/fd | wc -l", ".");
  std::string line;
  BOOST_TEST((p.read_line(line, in(10s)) == ChildProcess::Outcome::line));
  // ls's own: 0, 1, 2 and the directory it lists.
  BOOST_TEST(std::stoi(line) == 4);
}
