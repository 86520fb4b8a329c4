// The stop signals, each tried in a child process (the flag and the handlers are the process's):
// SIGINT, SIGTERM and SIGUSR1 set the flag and let the process go on; a second one ends it at
// once, by that signal; without the handlers nothing is requested.
#define BOOST_TEST_MODULE stop_signal
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <csignal>
#include <vector>

#include "runner/run/stop_signal.hpp"

using namespace diffsweep;

namespace {

// Runs `body` in a child; its exit status, or 128 + the signal that ended it.
template <class F>
int in_child(F body) {
  const pid_t pid = fork();
  if (pid == 0) _exit(body());
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

BOOST_AUTO_TEST_CASE(nothing_is_requested_before_a_signal) {
  BOOST_TEST(!stop_requested());
  BOOST_TEST(in_child([] {
               install_stop_handlers();
               return stop_requested() ? 1 : 0;
             }) == 0);
}

// Exit 0: not stopped before, stopped after, and still running.
BOOST_AUTO_TEST_CASE(a_first_signal_sets_the_flag_and_the_process_goes_on) {
  for (int signal : {SIGINT, SIGTERM, SIGUSR1}) {
    BOOST_TEST_CONTEXT("signal " << signal) {
      BOOST_TEST(in_child([signal] {
                   install_stop_handlers();
                   if (stop_requested()) return 1;
                   std::raise(signal);
                   return stop_requested() ? 0 : 2;
                 }) == 0);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_second_signal_ends_the_process_by_it) {
  const std::vector<std::pair<int, int>> pairs = {
      {SIGINT, SIGINT}, {SIGTERM, SIGTERM}, {SIGTERM, SIGINT}, {SIGUSR1, SIGTERM}};
  for (const auto& [first, second] : pairs) {
    BOOST_TEST_CONTEXT("signals " << first << " then " << second) {
      BOOST_TEST(in_child([first, second] {
                   install_stop_handlers();
                   std::raise(first);
                   if (!stop_requested()) return 1;
                   std::raise(second);
                   return 3;  // survived the second signal
                 }) == 128 + second);
    }
  }
}
