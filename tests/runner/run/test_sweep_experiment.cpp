// The experiment a sweep file names: a built-in one by name; `external` with the command it runs
// from the sweep file's folder (or from another rank's declaration, starting nothing); a plugin
// resolved against that folder; and each mistake refused naming the file, line and key.
#define BOOST_TEST_MODULE sweep_experiment
#include <boost/test/unit_test.hpp>
#include <string>

#include "runner/external/external_experiment.hpp"
#include "runner/run/sweep_experiment.hpp"
#include "runner/sweep/sweep_file.hpp"
#include "runner/sweep/sweep_file_error.hpp"
#include "tests/support/experiment_points.hpp"

using namespace diffsweep;

namespace {

// A sweep file in tests/external, beside the tests' program, whose [sweep] holds `sweep_lines`.
SweepSpec spec_of(const std::string& sweep_lines, const std::string& folder = "/tests/external") {
  return parse_sweep_text(std::string(DIFFSWEEP_SOURCE_DIR) + folder + "/s.ini",
                          "[sweep]\nseed = 1\n" + sweep_lines + "[axes]\nx = 1, 2\n");
}

std::string refusal(const SweepSpec& spec, const std::string& declaration = {}) {
  try {
    make_sweep_experiment(spec, declaration);
  } catch (const SweepFileError& e) {
    return e.what();
  }
  return "";
}

const std::string file = std::string(DIFFSWEEP_SOURCE_DIR) + "/tests/external/s.ini";

}  // namespace

BOOST_AUTO_TEST_CASE(a_built_in_experiment_is_made_by_name_and_an_unknown_one_refused) {
  const auto e = make_sweep_experiment(spec_of("experiment = synthetic\n"));
  BOOST_TEST(e->name() == "synthetic");
  BOOST_TEST(declaration_of(*e) == "");
  BOOST_TEST(!plugin_location(spec_of("experiment = synthetic\n")));
  const std::string unknown = refusal(spec_of("experiment = synthetc\n"));
  BOOST_TEST(unknown.starts_with(file + ":3: key 'sweep.experiment': value 'synthetc': unknown "
                                        "experiment (known: "),
             unknown);
  BOOST_TEST(unknown.find("synthetic, ") != std::string::npos);
  BOOST_TEST(unknown.ends_with("external, plugin:PATH)"), unknown);
  // An external program's keys belong to experiment = external only.
  BOOST_TEST(refusal(spec_of("experiment = synthetic\ncommand = ./run.sh\n")) ==
             file + ":4: key 'sweep.command': value './run.sh': only for experiment = external");
  BOOST_TEST(refusal(spec_of("experiment = synthetic\ntimeout = 5\n")) ==
             file + ":4: key 'sweep.timeout': value '': only for experiment = external");
}

BOOST_AUTO_TEST_CASE(an_external_program_runs_from_the_sweep_file_s_folder) {
  // test_program.py is named without a folder: found in tests/external, the file's.
  const SweepSpec spec =
      spec_of("experiment = external\ncommand = /usr/bin/python3 test_program.py\n");
  const auto e = make_sweep_experiment(spec);
  BOOST_TEST(e->name() == "external");
  BOOST_TEST(e->params().size() == 11u);
  const std::string declared = declaration_of(*e);
  BOOST_TEST(declared == dynamic_cast<const ExternalExperiment&>(*e).declaration().text);
  BOOST_TEST(!declared.empty());
  const Params p = test::point_with(*e, {}, {{"x", "4"}});
  const PointResult first = e->run(p, {1, 1, 1, 0});
  BOOST_TEST(first.scalars.at("y") == 8.0);
  // A process that runs no point ends the program; a point then starts it afresh.
  release_program(*e);
  const PointResult second = e->run(p, {1, 1, 2, 0});
  BOOST_TEST(second.scalars.at("y") == 8.0);
  BOOST_TEST(second.scalars.at("pid") != first.scalars.at("pid"));

  // Given another rank's declaration, nothing starts: this command would fail if it ran.
  const auto worker =
      make_sweep_experiment(spec_of("experiment = external\ncommand = exit 1\n"), declared);
  BOOST_TEST(worker->params().size() == 11u);
  BOOST_TEST(declaration_of(*worker) == declared);
}

BOOST_AUTO_TEST_CASE(an_external_program_that_fails_to_declare_is_refused_as_the_command) {
  BOOST_TEST(refusal(spec_of("experiment = external\n")) ==
             file +
                 ":3: key 'sweep.command': value '': missing: experiment = external runs the "
                 "command it names");
  const std::string died =
      refusal(spec_of("experiment = external\ncommand = sh exits_at_handshake.sh\n"));
  BOOST_TEST(died.starts_with(file + ":4: key 'sweep.command': value 'sh exits_at_handshake.sh': "
                                     "external program 'sh exits_at_handshake.sh' (pid "),
             died);
  BOOST_TEST(died.find("before it declared its parameters") != std::string::npos, died);
}

BOOST_AUTO_TEST_CASE(a_plugin_s_path_is_resolved_against_the_sweep_file_s_folder) {
  const auto at = [](const std::string& experiment) {
    return plugin_location(
        parse_sweep_text("/data/sweeps/s.ini",
                         "[sweep]\nseed = 1\nexperiment = " + experiment + "\n[axes]\nx = 1\n"));
  };
  BOOST_TEST(at("plugin:lib/p.so")->given == "lib/p.so");
  BOOST_TEST(at("plugin:lib/p.so")->resolved == "/data/sweeps/lib/p.so");
  BOOST_TEST(at("plugin:../build/./p.so")->resolved == "/data/build/p.so");
  BOOST_TEST(at("plugin:/opt/p.so")->resolved == "/opt/p.so");
  BOOST_TEST(!at("synthetic"));

  // The tests' plugins, from a sweep file in their folder and from one in its parent.
  const std::string dir = DIFFSWEEP_TEST_PLUGIN_DIR;
  const auto in = [&](const std::string& folder, const std::string& experiment) {
    return parse_sweep_text(folder + "/s.ini",
                            "[sweep]\nseed = 1\nexperiment = " + experiment + "\n[axes]\nx = 1\n");
  };
  const auto plugin = make_sweep_experiment(in(dir, "plugin:flawed_plugin_0.so"));
  BOOST_TEST(plugin->name() == "flawed");
  BOOST_TEST(declaration_of(*plugin) == "");
  BOOST_TEST(
      make_sweep_experiment(in(dir + "/..", "plugin:unit-plugins/flawed_plugin_0.so"))->name() ==
      "flawed");
  const auto refused = [&](const std::string& experiment) { return refusal(in(dir, experiment)); };
  const std::string where = dir + "/s.ini:3: key 'sweep.experiment': value '";
  BOOST_TEST(refused("plugin:") == where + "plugin:': no path after 'plugin:'");
  BOOST_TEST(refused("plugin:missing.so") ==
             where + "plugin:missing.so': no such file: " + dir + "/missing.so");
  BOOST_TEST(refused("plugin:flawed_plugin_8.so") ==
             where + "plugin:flawed_plugin_8.so': its experiment's constructor threw: no GPU here");
}
