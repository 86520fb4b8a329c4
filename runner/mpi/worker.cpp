#include "runner/mpi/worker.hpp"

#include "runner/mpi/work_batch.hpp"
#include "runner/run/point_execution.hpp"
#include "runner/run/stop_signal.hpp"

namespace diffsweep {

void serve_points(Experiment& experiment, const Sweep& sweep, int rank, bool reseed,
                  mpi::Transport& transport) {
  const std::string host = host_name();
  transport.send(0, mpi::tag_ready, {});
  while (true) {
    const mpi::Message m = transport.receive(0, [] { return true; });
    if (m.tag == mpi::tag_stop) return;
    std::vector<WorkItem> batch;
    try {
      if (m.tag != mpi::tag_work) throw std::runtime_error("unexpected message");
      batch = decode_work(m.bytes);
      for (const auto& w : batch)
        if (w.index >= sweep.size()) throw std::runtime_error("point index out of range");
    } catch (const std::runtime_error& e) {
      throw mpi::MpiError("rank " + std::to_string(rank) + " got a malformed work message (" +
                          e.what() + ")");
    }
    // After a stop signal the rest of the batch is left: rank 0 puts it back as pending.
    std::vector<SweepPoint> points;
    for (const auto& w : batch) points.push_back(sweep.point(w.index, w.attempt, reseed));
    announce_points(experiment, points, sweep.spec.seed);
    std::vector<std::string> records;
    for (const auto& point : points) {
      records.push_back(encode(execute_point(experiment, point, sweep.spec.seed, rank, host)));
      if (stop_requested()) break;
    }
    transport.send(0, mpi::tag_result, encode_records(records));
  }
}

}  // namespace diffsweep
