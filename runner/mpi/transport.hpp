// How rank 0 and the workers exchange messages: the protocol's tags and messages, and the one
// interface both sides send and receive through. A run uses MPI (MpiTransport, mpi_session.hpp);
// the tests use in-process queues, so the coordinator's batching, rounds and stops are tested
// without mpirun.
#pragma once

#include <functional>
#include <string>

#include "common/errors.hpp"

namespace diffsweep::mpi {

// A broken protocol: a malformed or unexpected message, or a failed MPI call.
class MpiError : public Error {
 public:
  explicit MpiError(const std::string& message) : Error("MPI: " + message, exit_error) {}
};

// `alive`: a worker's heartbeat while it computes a batch (worker.hpp).
enum Tag : int { tag_ready = 1, tag_result = 2, tag_work = 3, tag_stop = 4, tag_alive = 5 };

// How often a computing worker says it is alive. Rank 0 takes a worker that has held a batch
// without a word for much longer (--lost-after) as lost with its node.
constexpr double heartbeat_seconds = 1.0;

struct Message {
  int source = -1;
  int tag = 0;  // 0: no message (the wait gave up)
  std::string bytes;
};

// receive's source for "from any rank".
constexpr int any_source = -1;

class Transport {
 public:
  virtual ~Transport() = default;
  // Waits for the next message from `source` (or any_source). `keep_waiting` is called between
  // looks; when it returns false the wait gives up and returns a Message with tag 0.
  virtual Message receive(int source, const std::function<bool()>& keep_waiting) = 0;
  virtual void send(int destination, int tag, const std::string& bytes) = 0;
};

}  // namespace diffsweep::mpi
