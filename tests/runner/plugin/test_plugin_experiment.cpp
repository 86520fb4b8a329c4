// A C++ experiment from a shared library, loaded in this process: a well-made plugin's
// declaration and points pass through; what a plugin throws fails its point (an announce's when
// its point runs, a throw of something that is no std::exception as one that says so); and each
// library that is no plugin diffsweep can run is refused with why: it does not load, has no entry
// point, another interface version, a declaration diffsweep cannot store, a constructor that
// throws, an entry point that makes nothing.
#define BOOST_TEST_MODULE plugin_experiment
#include <boost/test/unit_test.hpp>
#include <string>

#include "common/experiment_plugin.hpp"
#include "runner/plugin/plugin_experiment.hpp"
#include "tests/support/experiment_points.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {

std::string plugin(const std::string& name) {
  return std::string(DIFFSWEEP_TEST_PLUGIN_DIR) + "/" + name + ".so";
}

std::string refusal(const std::string& path) {
  try {
    PluginExperiment e(path);
  } catch (const PluginError& error) {
    return error.what();
  }
  return "";
}

// The message of what running the point throws; "" if it returns.
std::string run_failure(PluginExperiment& e, const Params& p, const PointContext& c) {
  try {
    e.run(p, c);
  } catch (const std::exception& error) {
    return error.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_well_made_plugin_declares_and_runs_through_the_runner_s_interface) {
  PluginExperiment e(plugin("flawed_plugin_0"));
  BOOST_TEST(e.name() == "flawed");
  BOOST_TEST(e.summary() == "tests' plugin: y = 3 x");
  BOOST_TEST_REQUIRE(e.params().size() == 1u);
  BOOST_TEST(e.params()[0].name == "x");
  BOOST_TEST_REQUIRE(e.metrics().size() == 2u);
  BOOST_TEST(e.metrics()[0].units == "m");
  BOOST_TEST_REQUIRE(e.series().size() == 1u);
  const Params p = test::point_with(e, {}, {{"x", "2.5"}});
  e.announce(p, {1, 2, 3, 4});
  const PointResult r = e.run(p, {1, 2, 3, 4});
  BOOST_TEST(r.scalars.at("y") == 7.5);
  BOOST_TEST(r.scalars.at("rep") == 4.0);
  BOOST_TEST(r.series.at("path") == (std::vector<double>{2.5, 5.0}),
             boost::test_tools::per_element());
  // Its own check across parameters, through validate.
  BOOST_CHECK_THROW(e.validate(test::point_with(e, {}, {{"x", "-1"}})), ParamError);
  BOOST_CHECK_NO_THROW(e.validate(p));
}

// tests/plugin/misbehaving_plugin.cpp: y = x + a normal draw; x = 2 throws a runtime_error, 3 an
// int, 4 throws when announced, 5 returns an undeclared metric.
BOOST_AUTO_TEST_CASE(what_a_plugin_throws_fails_its_point_and_the_next_runs) {
  PluginExperiment e(plugin("misbehaving_plugin"));
  BOOST_TEST(e.name() == "misbehaving");
  const auto at = [&](const char* x) { return test::point_with(e, {}, {{"x", x}}); };
  BOOST_TEST(run_failure(e, at("2"), {1, 0, 2, 0}) == "x = 2 is not allowed here");
  BOOST_TEST(run_failure(e, at("3"), {1, 0, 3, 0}) ==
             "plugin experiment 'misbehaving' threw an exception that is not a std::exception");
  // Announced x = 4 throws then; its point fails when it runs, and only it.
  e.announce(at("4"), {1, 0, 4, 0});
  e.announce(at("1"), {1, 0, 5, 0});
  BOOST_TEST(run_failure(e, at("4"), {1, 0, 4, 0}) == "x = 4 refused when announced");
  const PointResult one = e.run(at("1"), {1, 0, 5, 0});
  BOOST_TEST(one.scalars.count("y") == 1u);
  // The announce's failure was for that point once: run again, it is the plugin's run.
  BOOST_TEST(run_failure(e, at("4"), {1, 0, 4, 0}) == "");
  // Same seed, same draw: y - x is the seed's.
  BOOST_TEST(e.run(at("7"), {1, 0, 6, 0}).scalars.at("y") - 7 == one.scalars.at("y") - 1,
             boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(a_library_that_is_no_runnable_plugin_is_refused_saying_why) {
  const std::string dir = test::fresh_dir("plugin-experiment");
  test::write_text(dir + "/text.so", "not a library\n");
  BOOST_TEST(refusal(dir + "/text.so").starts_with("cannot load it: " + dir + "/text.so: "));
  BOOST_TEST(refusal(dir + "/missing.so").starts_with("cannot load it: "));
  BOOST_TEST(refusal(plugin("no_entry_point_plugin")) ==
             "no entry point: the library does not define 'diffsweep_plugin_v1' "
             "(DIFFSWEEP_PLUGIN(YourExperiment) defines it)");
  BOOST_TEST(refusal(plugin("wrong_version_plugin")) ==
             "built for plugin interface version " + std::to_string(plugin_interface_version + 1) +
                 ", and this diffsweep runs " + std::to_string(plugin_interface_version) +
                 ": rebuild it against this diffsweep's installed headers");
  const auto flaw = [](int n) { return refusal(plugin("flawed_plugin_" + std::to_string(n))); };
  BOOST_TEST(flaw(1) ==
             "its experiment's name 'synthetic' is not 1 to 64 letters, digits or '_' other than "
             "a built-in experiment's or 'external'");
  BOOST_TEST(flaw(2) ==
             "it declares parameter '2x', not 1 to 64 letters, digits or '_' (not starting with a "
             "digit)");
  BOOST_TEST(flaw(3) == "it declares choice parameter 'mode' without choices");
  BOOST_TEST(flaw(4).starts_with("it declares parameter 'rate' with default 'fast': "), flaw(4));
  BOOST_TEST(flaw(5) == "it declares series 'path' twice");
  BOOST_TEST(flaw(6) == "it declares no metrics and no series: a point would have no result");
  BOOST_TEST(flaw(7) ==
             "experiment 'flawed': metric 'seed' has the name of another column of /points");
  BOOST_TEST(flaw(8) == "its experiment's constructor threw: no GPU here");
  BOOST_TEST(flaw(9) ==
             "its experiment's constructor threw an exception that is not a std::exception");
  BOOST_TEST(flaw(10) == "its entry point made no experiment");
  BOOST_TEST(flaw(11) == "diffsweep_plugin_v1() returned null");
}
