// SIGINT and SIGTERM ask a running sweep to stop handing out work, keep what finished, and exit so
// that the same command resumes; a second signal ends the process at once. A signal handler can
// only set a flag, so this is the one piece of process-wide state in the runner.
#pragma once

namespace diffsweep {

void install_stop_handlers();
bool stop_requested();

}  // namespace diffsweep
