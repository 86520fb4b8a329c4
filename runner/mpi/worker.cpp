#include "runner/mpi/worker.hpp"

#include <cstring>

#include "runner/mpi/mpi_session.hpp"
#include "runner/run/point_execution.hpp"

namespace diffsweep {

void serve_points(Experiment& experiment, const Sweep& sweep, int rank) {
  mpi::send(0, mpi::tag_ready, {});
  while (true) {
    const mpi::Message m = mpi::wait_for_message(0, [] { return true; });
    if (m.tag == mpi::tag_stop) return;
    std::uint64_t index = sweep.points.size();
    if (m.tag == mpi::tag_work && m.bytes.size() == sizeof index)
      std::memcpy(&index, m.bytes.data(), sizeof index);
    if (index >= sweep.points.size())
      throw mpi::MpiError("rank " + std::to_string(rank) + " got a malformed work message");
    const PointRecord record =
        execute_point(experiment, sweep.points[index], sweep.spec.seed, rank);
    mpi::send(0, mpi::tag_result, encode(record));
  }
}

}  // namespace diffsweep
