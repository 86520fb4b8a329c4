// An external program as an experiment (tests/external/test_program.py: y = 2 x, a series y / k,
// and each way of misbehaving at a chosen x): its declaration read at start or taken from another
// process's; points answered by one kept program, also when announced ahead; a reported error
// fails its point and keeps the program; a crash, garbage or a hang fails its point naming it, and
// the next point gets a fresh program; requests announced but not run are not answered in
// another point's place.
#define BOOST_TEST_MODULE external_experiment
#include <boost/test/unit_test.hpp>
#include <string>

#include "results_io/results_format.hpp"
#include "runner/external/external_experiment.hpp"
#include "tests/support/experiment_points.hpp"

using namespace diffsweep;

namespace {

const std::string program_dir = std::string(DIFFSWEEP_SOURCE_DIR) + "/tests/external";

ExternalCommand test_program(double timeout_seconds = 600) {
  ExternalCommand c{"/usr/bin/python3 test_program.py", program_dir};
  c.timeout_seconds = timeout_seconds;
  return c;
}

PointContext context(std::uint64_t id, std::uint64_t seed = 1) { return {seed, 9, id, 0}; }

Params at(const Experiment& e, const char* x, test::Overrides kv = {}) {
  return test::point_with(e, {{"x", x}}, kv);
}

// The message of the ExternalProgramError that running the point throws; "" if none.
std::string failure(ExternalExperiment& e, const Params& p, const PointContext& c) {
  try {
    e.run(p, c);
  } catch (const ExternalProgramError& error) {
    return error.what();
  }
  return "";
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(its_declaration_is_read_and_its_points_answered_by_one_program) {
  ExternalExperiment e(test_program());
  BOOST_TEST(e.name() == "external");
  BOOST_TEST(e.summary() == "tests' program: y = 2 x + noise, misbehaving where told");
  BOOST_TEST_REQUIRE(e.params().size() == 11u);
  BOOST_TEST(e.params()[0].name == "x");
  BOOST_TEST(e.params()[0].max == 100.0);
  BOOST_TEST(e.params()[3].choices == (std::vector<std::string>{"plain", "squared"}),
             boost::test_tools::per_element());
  BOOST_TEST_REQUIRE(e.metrics().size() == 3u);
  BOOST_TEST(e.metrics()[0].name == "y");
  BOOST_TEST(e.metrics()[0].units == "m");
  BOOST_TEST_REQUIRE(e.series().size() == 1u);
  BOOST_TEST(e.series()[0].name == "trace");

  const PointResult r = e.run(at(e, "1.5", {{"steps", "4"}}), context(1));
  BOOST_TEST(r.scalars.at("y") == 3.0);
  BOOST_TEST(r.series.at("trace") == (std::vector<double>{3.0, 1.5, 1.0, 0.75}),
             boost::test_tools::per_element());
  const PointResult squared = e.run(at(e, "3", {{"mode", "squared"}}), context(2));
  BOOST_TEST(squared.scalars.at("y") == 9.0);
  // The same program answered both.
  BOOST_TEST(squared.scalars.at("pid") == r.scalars.at("pid"));
}

BOOST_AUTO_TEST_CASE(points_announced_ahead_are_answered_in_order_and_out_of_order_restarts) {
  ExternalExperiment e(test_program());
  for (int i = 1; i <= 3; ++i) e.announce(at(e, std::to_string(i).c_str()), context(i));
  double pid = 0;
  for (int i = 1; i <= 3; ++i) {
    const PointResult r = e.run(at(e, std::to_string(i).c_str()), context(i));
    BOOST_TEST(r.scalars.at("y") == 2.0 * i);
    if (i > 1) BOOST_TEST(r.scalars.at("pid") == pid);
    pid = r.scalars.at("pid");
  }
  // Points 4 and 5 announced, 5 run first (a stop, say): 4's answer must not be taken for 5's.
  e.announce(at(e, "4"), context(4));
  e.announce(at(e, "5"), context(5));
  const PointResult five = e.run(at(e, "5"), context(5));
  BOOST_TEST(five.scalars.at("y") == 10.0);
  BOOST_TEST(five.scalars.at("pid") != pid);
  BOOST_TEST(e.run(at(e, "4"), context(4)).scalars.at("y") == 8.0);
}

BOOST_AUTO_TEST_CASE(a_reported_error_fails_its_point_and_the_program_goes_on) {
  ExternalExperiment e(test_program());
  const double pid = e.run(at(e, "1"), context(1)).scalars.at("pid");
  const std::string message = failure(e, at(e, "2", {{"error_at", "2"}}), context(2));
  BOOST_TEST(message == "point " + results::hex_id(2) +
                            ": external program '/usr/bin/python3 test_program.py' reported an "
                            "error: x = 2.0 is not allowed here");
  BOOST_TEST(e.run(at(e, "3"), context(3)).scalars.at("pid") == pid);
  const std::string undeclared = failure(e, at(e, "4", {{"undeclared_at", "4"}}), context(4));
  BOOST_TEST(has(undeclared, "returned undeclared metric 'z'"), undeclared);
}

BOOST_AUTO_TEST_CASE(a_crash_or_garbage_fails_its_point_and_the_next_starts_afresh) {
  ExternalExperiment e(test_program());
  double pid = e.run(at(e, "1"), context(1)).scalars.at("pid");
  const std::string crashed = failure(e, at(e, "2", {{"crash_at", "2"}}), context(2));
  BOOST_TEST(crashed.starts_with("point " + results::hex_id(2) +
                                 ": external program '/usr/bin/python3 test_program.py' (pid "),
             crashed);
  BOOST_TEST(has(crashed, "before it answered"), crashed);
  PointResult next = e.run(at(e, "3"), context(3));
  BOOST_TEST(next.scalars.at("y") == 6.0);
  BOOST_TEST(next.scalars.at("pid") != pid);
  pid = next.scalars.at("pid");

  const std::string garbage = failure(e, at(e, "4", {{"garbage_at", "4"}}), context(4));
  BOOST_TEST(has(garbage, "answered out of protocol"), garbage);
  next = e.run(at(e, "5"), context(5));
  BOOST_TEST(next.scalars.at("y") == 10.0);
  BOOST_TEST(next.scalars.at("pid") != pid);
}

// A program that never answers (it sleeps for a day at hang_at): the point's timeout ends it. Its
// only point is the one that hangs, so the short timeout races against nothing.
BOOST_AUTO_TEST_CASE(a_program_that_never_answers_fails_its_point_at_the_timeout) {
  ExternalExperiment e(test_program(0.5));
  const std::string hung = failure(e, at(e, "6", {{"hang_at", "6"}}), context(6));
  BOOST_TEST(has(hung, "did not answer within the timeout of 0.5 s (sweep.timeout)"), hung);
}

// A worker takes rank 0's declaration: its program starts at the first point and must declare
// the same.
BOOST_AUTO_TEST_CASE(a_declaration_from_another_process_starts_the_program_at_the_first_point) {
  std::string declared;
  {
    ExternalExperiment first(test_program());
    declared = first.declaration().text;
  }
  ExternalExperiment worker(test_program(), declared);
  BOOST_TEST(worker.params().size() == 11u);
  BOOST_TEST(worker.declaration().text == declared);
  BOOST_TEST(worker.run(at(worker, "2.5"), context(1)).scalars.at("y") == 5.0);

  // Another declaration than the program's own: the program is another version.
  const std::string other =
      std::string(declared).replace(declared.find("noise's scale"), 13, "noise's width");
  ExternalExperiment stale(test_program(), other);
  const std::string message = failure(stale, at(stale, "1"), context(3));
  BOOST_TEST(has(message,
                 "declared other parameters, metrics or series than it did where the "
                 "sweep was read"),
             message);
}

BOOST_AUTO_TEST_CASE(a_program_that_does_not_declare_itself_is_refused_naming_it) {
  const auto refusal = [](const std::string& command) {
    try {
      ExternalExperiment e(ExternalCommand{command, program_dir});
    } catch (const ExternalProgramError& error) {
      return std::string(error.what());
    }
    return std::string();
  };
  const std::string died = refusal("sh exits_at_handshake.sh");
  BOOST_TEST(died.starts_with("external program 'sh exits_at_handshake.sh' (pid "), died);
  BOOST_TEST(has(died, "before it declared its parameters"), died);
  const std::string banner = refusal("sh garbage_declaration.sh");
  BOOST_TEST(has(banner, "made no declaration: "), banner);
}
