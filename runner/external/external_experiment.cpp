#include "runner/external/external_experiment.hpp"

#include <algorithm>
#include <chrono>

#include "common/number_text.hpp"
#include "common/printable_text.hpp"
#include "results_io/results_format.hpp"

namespace diffsweep {

namespace {

ChildProcess::Deadline deadline_after(double seconds) {
  return std::chrono::steady_clock::now() +
         std::chrono::duration_cast<std::chrono::steady_clock::duration>(
             std::chrono::duration<double>(seconds));
}

// How a failure's message starts: with the point, as `diffsweep --dry-run` names it.
std::string point_of(const PointContext& point) {
  return "point " + results::hex_id(point.point_id) + ": ";
}

}  // namespace

ExternalExperiment::ExternalExperiment(ExternalCommand command) : command_(std::move(command)) {
  declaration_ = start();
}

ExternalExperiment::ExternalExperiment(ExternalCommand command, const std::string& declaration)
    : command_(std::move(command)), declaration_(decode_declaration(declaration)) {}

std::string ExternalExperiment::named(const PointContext* point) const {
  return (point ? point_of(*point) : std::string()) + "external program '" +
         printable(command_.command, 100) + "'";
}

void ExternalExperiment::fail(const std::string& what, const PointContext* point) {
  std::string message = named(point);
  if (program_) {
    message += " (pid " + std::to_string(program_->pid()) + ")";
    program_->kill();
  }
  message += " " + what;
  const std::string tail = program_ ? program_->stderr_tail() : "";
  message += tail.empty() ? "; it wrote nothing on standard error"
                          : "; its last lines on standard error: " + tail;
  program_.reset();
  announced_.clear();
  throw ExternalProgramError(message);
}

ExternalDeclaration ExternalExperiment::start() {
  try {
    program_ = std::make_unique<ChildProcess>(command_.command, command_.directory);
  } catch (const ChildProcessError& e) {
    throw ExternalProgramError(e.what());
  }
  std::string line;
  switch (program_->read_line(line, deadline_after(command_.declare_timeout_seconds))) {
    case ChildProcess::Outcome::closed:
      fail(program_->ending() + " before it declared its parameters", nullptr);
    case ChildProcess::Outcome::timed_out:
      fail("declared nothing within the timeout of " +
               display_number(command_.declare_timeout_seconds) +
               " s (sweep.declare_timeout; is its declaration flushed?)",
           nullptr);
    case ChildProcess::Outcome::too_long:
      fail("wrote a first line longer than the protocol allows", nullptr);
    case ChildProcess::Outcome::line:
      break;
  }
  try {
    return decode_declaration(line);
  } catch (const ProtocolError& e) {
    fail(std::string("made no declaration: ") + e.what(), nullptr);
  }
}

void ExternalExperiment::announce(const Params& params, const PointContext& context) {
  // A program still to be started gets its requests one by one, from run().
  if (!program_) return;
  program_->send(encode_request(declaration_.params, params, context));
  announced_.emplace_back(context.point_id, context.seed);
}

PointResult ExternalExperiment::run(const Params& params, const PointContext& context) {
  const bool sent =
      !announced_.empty() && announced_.front() == std::make_pair(context.point_id, context.seed);
  if (sent) {
    announced_.pop_front();
  } else {
    // Points announced but not run (a stop signal, or not announced in order) would answer
    // in this point's place: only a fresh program is in step with the requests again.
    if (!announced_.empty()) program_.reset();
    announced_.clear();
    if (!program_) {
      ExternalDeclaration declared;
      try {
        declared = start();
      } catch (const ExternalProgramError& e) {
        throw ExternalProgramError(point_of(context) + e.what());
      }
      if (declared.text != declaration_.text)
        fail(
            "declared other parameters, metrics or series than it did where the sweep was read "
            "(another version of the program here?)",
            &context);
    }
    program_->send(encode_request(declaration_.params, params, context));
  }
  std::string line;
  switch (program_->read_line(line, deadline_after(command_.timeout_seconds))) {
    case ChildProcess::Outcome::closed:
      fail(program_->ending() + " before it answered", &context);
    case ChildProcess::Outcome::timed_out:
      fail("did not answer within the timeout of " + display_number(command_.timeout_seconds) +
               " s (sweep.timeout)",
           &context);
    case ChildProcess::Outcome::too_long:
      fail("answered with a line longer than " + std::to_string(ChildProcess::max_line >> 20) +
               " MB",
           &context);
    case ChildProcess::Outcome::line:
      break;
  }
  ExternalReply reply;
  try {
    reply = decode_reply(line);
  } catch (const ProtocolError& e) {
    // Its output is out of step with the requests: only a fresh start puts them back in step.
    fail(std::string("answered out of protocol (print to standard error, not standard "
                     "output): ") +
             e.what(),
         &context);
  }
  if (reply.error)
    throw ExternalProgramError(named(&context) +
                               " reported an error: " + printable(*reply.error, 500));
  // Names the program, which the runner's own check of metrics (for every experiment) cannot.
  const auto check_declared = [&](const auto& returned, const std::vector<MetricSpec>& declared,
                                  const char* what) {
    for (const auto& entry : returned)
      if (std::none_of(declared.begin(), declared.end(),
                       [&](const MetricSpec& d) { return d.name == entry.first; }))
        throw ExternalProgramError(named(&context) + " returned undeclared " + what + " '" +
                                   printable(entry.first, 40) + "'");
  };
  check_declared(reply.result.scalars, declaration_.metrics, "metric");
  check_declared(reply.result.series, declaration_.series, "series");
  return std::move(reply.result);
}

}  // namespace diffsweep
