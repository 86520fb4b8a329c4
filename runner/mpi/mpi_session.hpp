// The one place diffsweep touches MPI: RAII for MPI_Init/MPI_Finalize, every failed call turned
// into an MpiError, and waiting for a message without spinning a core.
#pragma once

#include <mpi.h>

#include <functional>
#include <string>

#include "common/errors.hpp"
#include "runner/mpi/transport.hpp"

namespace diffsweep::mpi {

// Throws MpiError with MPI's own text for `code` when it is not MPI_SUCCESS.
void check(int code, const char* what);

// True when this process was started by an MPI launcher (mpirun, srun --mpi=pmix): only then is
// MPI initialised. A plain `diffsweep` runs as a single process without touching MPI.
bool launched_by_mpi();

// A launcher that does not fit the library: a process the launcher said is one of N that would
// run as its own one-process sweep. Status 2, before any output is touched; only the first of
// the N processes says why (the message is empty for the others, which exit quietly).
class LauncherError : public Error {
 public:
  explicit LauncherError(const std::string& message) : Error(message, exit_bad_input) {}
};

// Before MPI_Init: refuses a launcher of another MPI library (MPICH's mpiexec for an Open MPI
// build and the reverse) and srun starting several copies without an MPI plugin.
void check_launcher();
// After MPI_Init: refuses a world of one when the launcher started several processes.
void check_world_size(int size);

class Session {
 public:
  Session(int& argc, char**& argv);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session();
  int rank() const { return rank_; }
  int size() const { return size_; }
  // Whether this process may run a second thread that never calls MPI (MPI_THREAD_FUNNELED,
  // which MPI is asked for): rank 0's background snapshots.
  bool second_thread_allowed() const { return second_thread_allowed_; }

 private:
  int rank_ = 0, size_ = 1;
  bool second_thread_allowed_ = false;
};

// Waits for the next message from `source` (or MPI_ANY_SOURCE). Open MPI's blocking receive
// busy-polls; this probes, and after a 1 ms spin sleeps with a backoff up to 0.5 ms, so an idle
// rank costs almost no CPU while a busy exchange still answers within microseconds.
// `keep_waiting` is called between probes; when it returns false the wait gives up and returns a
// Message with tag 0.
Message wait_for_message(int source, const std::function<bool()>& keep_waiting);

void send(int destination, int tag, const std::string& bytes);

// The protocol over MPI_COMM_WORLD.
class MpiTransport final : public Transport {
 public:
  Message receive(int source, const std::function<bool()>& keep_waiting) override {
    return wait_for_message(source == any_source ? MPI_ANY_SOURCE : source, keep_waiting);
  }
  void send(int destination, int tag, const std::string& bytes) override {
    mpi::send(destination, tag, bytes);
  }
};

std::string library_version();

}  // namespace diffsweep::mpi
