#include "runner/run/stop_signal.hpp"

#include <csignal>

namespace diffsweep {

namespace {
volatile std::sig_atomic_t stop_flag = 0;
// The first signal asks for a clean stop; a second one (an impatient Ctrl-C while a long point
// runs) ends the process at once, which loses nothing that finished: the journal has it.
extern "C" void on_stop_signal(int signal) {
  if (stop_flag) {
    std::signal(signal, SIG_DFL);
    std::raise(signal);
  }
  stop_flag = 1;
}
}  // namespace

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  // mpirun passes SIGUSR1 on to every rank at once, where it holds back SIGTERM for
  // odls_base_sigkill_timeout: SIGUSR1 is the stop signal that reaches the ranks of a long sweep.
  sigaction(SIGUSR1, &action, nullptr);
}

bool stop_requested() { return stop_flag != 0; }

}  // namespace diffsweep
