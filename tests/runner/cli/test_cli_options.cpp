// The command line on its own: each command's options land where the runner reads them, and each
// malformed line is an InputError (exit status 2) that says what is wrong.
#define BOOST_TEST_MODULE cli_options
#include <boost/test/unit_test.hpp>
#include <initializer_list>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "runner/cli/cli_options.hpp"

using namespace diffsweep;

namespace {

CliOptions parse(std::initializer_list<const char*> args) {
  std::vector<const char*> argv = {"diffsweep"};
  argv.insert(argv.end(), args);
  return parse_cli(static_cast<int>(argv.size()), argv.data());
}

// The InputError's message, or "" when the line parses.
std::string refusal(std::initializer_list<const char*> args) {
  try {
    parse(args);
  } catch (const InputError& e) {
    BOOST_TEST(e.status() == exit_bad_input);
    return e.what();
  }
  return "";
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_run_with_every_option) {
  const CliOptions o = parse({"s.ini", "n=64", "sweep.seed=3", "-o", "r.h5", "--retry",
                              "failed,diverged", "--reseed", "--only", "n=64", "--shard", "2/4",
                              "--stop-grace", "5", "--lost-after", "12", "-q"});
  BOOST_TEST(static_cast<int>(o.command) == static_cast<int>(Command::run));
  BOOST_TEST(o.sweep_file == "s.ini");
  BOOST_TEST(o.overrides == (std::vector<std::string>{"n=64", "sweep.seed=3"}),
             boost::test_tools::per_element());
  BOOST_TEST(o.output == "r.h5");
  BOOST_TEST(o.retry.count(PointStatus::failed) == 1u);
  BOOST_TEST(o.retry.count(PointStatus::diverged) == 1u);
  BOOST_TEST(o.reseed);
  BOOST_TEST(o.only == "n=64");
  BOOST_REQUIRE(o.shard.has_value());
  BOOST_TEST(o.shard->k == 2u);
  BOOST_TEST(o.shard->n == 4u);
  BOOST_TEST(o.stop_grace_seconds == 5.0);
  BOOST_TEST(o.lost_after_seconds == 12.0);
  BOOST_TEST(o.quiet);
  BOOST_TEST(!o.restart);
}

BOOST_AUTO_TEST_CASE(the_file_commands) {
  const CliOptions status = parse({"status", "r.h5", "--json"});
  BOOST_TEST(static_cast<int>(status.command) == static_cast<int>(Command::status));
  BOOST_TEST(status.files == std::vector<std::string>{"r.h5"}, boost::test_tools::per_element());
  BOOST_TEST(status.json);
  const CliOptions merge = parse({"merge", "out.h5", "a.h5", "b.h5"});
  BOOST_TEST(merge.files.size() == 3u);
  const CliOptions x = parse({"export", "r.h5", "--csv", "-", "--netcdf", "g.nc"});
  BOOST_TEST(x.csv == "-");
  BOOST_TEST(x.netcdf == "g.nc");
  BOOST_TEST(x.series_csv.empty());
}

BOOST_AUTO_TEST_CASE(malformed_lines_say_what_is_wrong) {
  BOOST_TEST(has(refusal({}), "no sweep file given"));
  BOOST_TEST(has(refusal({"s.ini", "notakey"}), "'notakey' is not a KEY=VALUE override"));
  BOOST_TEST(has(refusal({"s.ini", "=3"}), "is not a KEY=VALUE override"));
  BOOST_TEST(has(refusal({"s.ini", "--shard", "5/4"}), "--shard: '5/4' is not K/N"));
  BOOST_TEST(has(refusal({"s.ini", "--shard", "0/4"}), "is not K/N"));
  BOOST_TEST(has(refusal({"s.ini", "--retry", "done"}), "--retry: 'done'"));
  BOOST_TEST(has(refusal({"s.ini", "--reseed"}), "--reseed goes with --retry"));
  BOOST_TEST(has(refusal({"s.ini", "--stop-grace", "-1"}),
                 "--stop-grace: value '-1': not a number of seconds >= 0"));
  BOOST_TEST(has(refusal({"s.ini", "--lost-after", "0"}),
                 "--lost-after: value '0': not a number of seconds above 0"));
  BOOST_TEST(has(refusal({"s.ini", "--bogus"}), "see diffsweep --help"));
  BOOST_TEST(has(refusal({"status"}), "status needs one results file"));
  BOOST_TEST(has(refusal({"status", "a.h5", "b.h5"}), "status needs one results file"));
  BOOST_TEST(has(refusal({"merge", "out.h5"}), "merge needs OUT.h5 and at least one file"));
  BOOST_TEST(has(refusal({"export", "r.h5"}), "export: say what to write"));
  BOOST_TEST(has(refusal({"status", "r.h5", "--csv", "x.csv"}), "are options of export"));
  BOOST_TEST(has(refusal({"merge", "o.h5", "a.h5", "--json"}), "--json is an option of status"));
  // Help, the version and the experiments' docs need no sweep file.
  BOOST_TEST(refusal({"--help"}).empty());
  BOOST_TEST(refusal({"--version"}).empty());
  BOOST_TEST(refusal({"--list-experiments"}).empty());
  BOOST_TEST(parse({"--describe", "transfer"}).describe.value_or("") == "transfer");
}
