#include "runner/mpi/worker.hpp"

#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "runner/mpi/work_batch.hpp"
#include "runner/run/point_execution.hpp"
#include "runner/run/stop_signal.hpp"

namespace diffsweep {

namespace {

// One thread that runs one job at a time for the thread that owns it.
class ComputeThread {
 public:
  ComputeThread() : thread_([this] { loop(); }) {}
  ComputeThread(const ComputeThread&) = delete;
  ComputeThread& operator=(const ComputeThread&) = delete;
  ~ComputeThread() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closing_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  // Runs `job` there, calling `meanwhile` here every `period` seconds until it ends; rethrows
  // what the job threw.
  void run(std::function<void()> job, double period, const std::function<void()>& meanwhile) {
    std::unique_lock<std::mutex> lock(mutex_);
    job_ = std::move(job);
    failure_ = nullptr;
    changed_.notify_all();
    const auto step = std::chrono::duration<double>(period);
    while (!changed_.wait_for(lock, step, [this] { return !job_; })) {
      lock.unlock();
      meanwhile();
      lock.lock();
    }
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  void loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      changed_.wait(lock, [this] { return closing_ || job_; });
      if (closing_) return;
      lock.unlock();
      std::exception_ptr failure;
      try {
        job_();
      } catch (...) {
        failure = std::current_exception();
      }
      lock.lock();
      failure_ = failure;
      job_ = nullptr;
      changed_.notify_all();
    }
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::function<void()> job_;
  std::exception_ptr failure_;
  bool closing_ = false;
  std::thread thread_;  // last: started once the rest is ready
};

}  // namespace

void serve_points(Experiment& experiment, const Sweep& sweep, int rank, bool reseed,
                  mpi::Transport& transport, bool heartbeat) {
  const std::string host = host_name();
  std::optional<ComputeThread> compute;
  if (heartbeat) compute.emplace();
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
    std::vector<std::string> records;
    const auto run_batch = [&] {
      std::vector<SweepPoint> points;
      for (const auto& w : batch) points.push_back(sweep.point(w.index, w.attempt, reseed));
      announce_points(experiment, points, sweep.spec.seed);
      for (const auto& point : points) {
        records.push_back(encode(execute_point(experiment, point, sweep.spec.seed, rank, host)));
        if (stop_requested()) break;
      }
    };
    if (compute)
      compute->run(run_batch, mpi::heartbeat_seconds,
                   [&] { transport.send(0, mpi::tag_alive, {}); });
    else
      run_batch();
    transport.send(0, mpi::tag_result, encode_records(records));
  }
}

}  // namespace diffsweep
