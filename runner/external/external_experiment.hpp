// An experiment that is another program: `experiment = external` with `command = ...` in a sweep
// file's [sweep]. The program declares its parameters, metrics and series on its first line of
// output, then answers one request per point (external_protocol.hpp). Each process that runs
// points starts it once and keeps it for every point; a point it crashes on, times out on or
// answers out of protocol fails with what the program last wrote on standard error, and the
// next point starts it afresh. The program is another process: nothing it does reaches the
// results file but the replies diffsweep checks.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "common/experiment.hpp"
#include "runner/external/child_process.hpp"
#include "runner/external/external_protocol.hpp"

namespace diffsweep {

// A program that did not start, declare itself or answer a point as the protocol asks; the
// message names the program (and the point) and ends with its last lines on standard error.
class ExternalProgramError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// How a sweep file runs its program.
struct ExternalCommand {
  std::string command;            // run by /bin/sh -c
  std::string directory;          // its working directory: the sweep file's
  double timeout_seconds = 3600;  // for each point
  // For its declaration. Apart from the points' timeout, which is set for the longest point (an
  // hour by default): a program that never declares (a declaration left unflushed in a buffer)
  // is found out in minutes, while imports on a cold shared file system still have time.
  double declare_timeout_seconds = 300;
};

class ExternalExperiment : public Experiment {
 public:
  // Starts the program and reads its declaration; the program is kept for run().
  explicit ExternalExperiment(ExternalCommand command);
  // From the declaration another process's program made (rank 0's, for a worker): the program
  // starts at the first point, and must declare the same.
  ExternalExperiment(ExternalCommand command, const std::string& declaration);

  std::string_view name() const override { return "external"; }
  std::string_view summary() const override { return declaration_.summary; }
  const std::vector<ParamSpec>& params() const override { return declaration_.params; }
  const std::vector<MetricSpec>& metrics() const override { return declaration_.metrics; }
  std::vector<MetricSpec> series() const override { return declaration_.series; }
  // Sends the point's request at once, so the program works through the requests of a batch
  // while diffsweep reads and stores the replies before them.
  void announce(const Params& params, const PointContext& context) override;
  PointResult run(const Params& params, const PointContext& context) override;

  const ExternalDeclaration& declaration() const { return declaration_; }
  // Ends the program now: this process will run no point (MPI's rank 0).
  void end_program() { program_.reset(); }

 private:
  // Starts the program and reads its declaration.
  ExternalDeclaration start();
  // "external program 'COMMAND'", after "point ID: " when there is one.
  std::string named(const PointContext* point) const;
  // Ends the program and throws ExternalProgramError saying what it did (and on which point).
  [[noreturn]] void fail(const std::string& what, const PointContext* point);

  ExternalCommand command_;
  ExternalDeclaration declaration_;
  std::unique_ptr<ChildProcess> program_;
  // The points whose requests the program has and has not answered yet, in order: id and seed.
  std::deque<std::pair<std::uint64_t, std::uint64_t>> announced_;
};

}  // namespace diffsweep
