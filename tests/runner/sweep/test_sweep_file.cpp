#define BOOST_TEST_MODULE sweep_file
#include <boost/test/unit_test.hpp>

#include "common/errors.hpp"
#include "runner/sweep/sweep_expansion.hpp"
#include "runner/sweep/sweep_file.hpp"
#include "synthetic/synthetic_experiment.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;

namespace {

// Reads and expands `text` as a synthetic sweep; returns the error message, or "" if none.
std::string error_of(const std::string& text) {
  static const std::string dir = test::fresh_dir("sweep-file");
  const std::string path = dir + "/bad.ini";
  test::write_text(path, text);
  try {
    SyntheticExperiment e;
    expand_sweep(read_sweep_file(path), e);
  } catch (const InputError& err) {
    BOOST_TEST(err.status() == 2);
    return err.what();
  }
  return "";
}

const std::string head = "[sweep]\nexperiment = synthetic\nseed = 3\n";

void expect_error(const std::string& text, const std::string& key, const std::string& value,
                  const std::string& reason) {
  const std::string message = error_of(text);
  BOOST_TEST_CONTEXT(message) {
    BOOST_TEST(message.find("bad.ini") != std::string::npos);
    BOOST_TEST(message.find("'" + key + "'") != std::string::npos);
    BOOST_TEST(message.find("'" + value + "'") != std::string::npos);
    BOOST_TEST(message.find(reason) != std::string::npos);
    BOOST_TEST(message.find('\n') == std::string::npos);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_good_file_reads_all_sections) {
  const std::string dir = test::fresh_dir("sweep-good");
  test::write_text(dir + "/good.ini", head +
                                          "name = demo\nreplicates = 4\n[fixed]\ny = 2\n"
                                          "# a comment\n[axes]\nx = 1, 2\nexponent = 0.5\n");
  const SweepSpec s = read_sweep_file(dir + "/good.ini");
  BOOST_TEST(s.experiment == "synthetic");
  BOOST_TEST(s.name == "demo");
  BOOST_TEST(s.seed == 3u);
  BOOST_TEST(s.replicates == 4);
  BOOST_TEST(s.fixed.size() == 1u);
  BOOST_TEST(s.axes.size() == 2u);
  BOOST_TEST(s.axes[0].first == "x");
  BOOST_TEST(s.axes[0].second == "1, 2");
}

BOOST_AUTO_TEST_CASE(name_defaults_to_the_file_stem) {
  const std::string dir = test::fresh_dir("sweep-stem");
  test::write_text(dir + "/my_sweep.ini", head);
  BOOST_TEST(read_sweep_file(dir + "/my_sweep.ini").name == "my_sweep");
}

BOOST_AUTO_TEST_CASE(unknown_keys_are_named) {
  expect_error(head + "[axes]\nwidth = 1, 2\n", "axes.width", "1, 2", "unknown parameter");
  expect_error(head + "[fixed]\nwidth = 3\n", "fixed.width", "3", "unknown parameter");
  expect_error(head + "colour = red\n", "sweep.colour", "red", "unknown key");
  expect_error(head + "[extras]\nx = 1\n", "extras.x", "1", "unknown section");
}

BOOST_AUTO_TEST_CASE(malformed_numbers_and_ranges_are_named) {
  expect_error(head + "[fixed]\nx = 1.2.3\n", "fixed.x", "1.2.3", "not a number");
  expect_error(head + "[axes]\nx = 1, two\n", "axes.x", "two", "not a number");
  expect_error(head + "[axes]\nx = linspace(0, 1)\n", "axes.x", "linspace(0, 1)",
               "three arguments");
  expect_error(head + "[axes]\nx = logspace(0, 1, 4)\n", "axes.x", "logspace(0, 1, 4)", "lo > 0");
  expect_error(head + "[fixed]\nsleep_ms = 2.5\n", "fixed.sleep_ms", "2.5", "not an integer");
  expect_error("[sweep]\nexperiment = synthetic\nseed = -4\n", "sweep.seed", "-4", "whole number");
  expect_error(head + "replicates = 0\n", "sweep.replicates", "0", "whole number");
}

BOOST_AUTO_TEST_CASE(seeds_names_and_sizes_that_cannot_be_kept) {
  expect_error("[sweep]\nexperiment = synthetic\nseed = 9223372036854775808\n", "sweep.seed",
               "9223372036854775808", "whole number from 0 to 9223372036854775807");
  expect_error(head + "name =\n", "sweep.name", "", "not a usable name");
  expect_error(head + "name = ../x\n", "sweep.name", "../x", "not a usable name");
  expect_error(head + "replicates = 999999\n[axes]\nx = linspace(1, 100, 1000)\n",
               "sweep.replicates", "999999", "more than 100000000 points");
  expect_error(head + "[axes]\nx = linspace(0x1, 2, 3)\n", "axes.x", "linspace(0x1, 2, 3)",
               "not a finite number");
}

BOOST_AUTO_TEST_CASE(values_out_of_range_are_named) {
  expect_error(head + "[fixed]\nnoise = -1\n", "fixed.noise", "-1", "out of range");
  expect_error(head + "[axes]\nsleep_ms = 0, -5\n", "axes.sleep_ms", "-5", "out of range");
}

BOOST_AUTO_TEST_CASE(empty_axes_are_named) {
  expect_error(head + "[axes]\nx =\n", "axes.x", "", "empty axis");
  expect_error(head + "[axes]\nx = 1,,2\n", "axes.x", "1,,2", "empty element");
}

BOOST_AUTO_TEST_CASE(duplicated_keys_are_named) {
  expect_error(head + "[axes]\nx = 1\nx = 2\n", "axes.x", "2", "duplicated key");
  expect_error(head + "[fixed]\nx = 1\n[axes]\nx = 2, 3\n", "axes.x", "2, 3", "duplicated key");
  expect_error(head + "seed = 4\n", "sweep.seed", "4", "duplicated key");
  expect_error(head + "[axes]\nx = 1, 2, 1\n", "axes.x", "1, 2, 1", "appears twice");
}

BOOST_AUTO_TEST_CASE(missing_required_keys_and_bad_syntax) {
  expect_error("[sweep]\nseed = 1\n", "sweep.experiment", "", "missing");
  expect_error("[sweep]\nexperiment = synthetic\n", "sweep.seed", "", "missing");
  const std::string message = error_of(head + "this line has no equals sign\n");
  BOOST_TEST(message.find("bad.ini") != std::string::npos);
  BOOST_TEST(!message.empty());
}

BOOST_AUTO_TEST_CASE(case_sections_read_in_file_order) {
  const SweepSpec s = parse_sweep_text(
      "cases.ini",
      head + "[axes]\nx = 1, 2\n[case.b]\nexponent = 2\nnoise = 0.1\n[case.a]\nexponent = 3\n");
  BOOST_TEST(s.cases.size() == 2u);
  BOOST_TEST(s.cases[0].name == "b");
  BOOST_TEST(s.cases[0].axes.size() == 2u);
  BOOST_TEST(s.cases[1].name == "a");
  BOOST_TEST(s.cases[1].axes[0].second == "3");
}

BOOST_AUTO_TEST_CASE(bad_cases_are_named) {
  expect_error(head + "[axes]\nx = 1\n[case.a]\nx = 2\n", "case.a.x", "2", "given in [axes]");
  expect_error(head + "[case.a]\nx = 2\n[axes]\nx = 1\n", "axes.x", "1", "given in a [case.NAME]");
  expect_error(head + "[case.a]\nbogus = 2\n", "case.a.bogus", "2", "unknown parameter");
  expect_error(head + "[case.a]\nx = 1, oops\n", "case.a.x", "oops", "");
  expect_error(head + "[case.a]\nx = 1, 2\n[case.b]\nx = 2, 3\n", "case.b", "",
               "repeats points of case 'a'");
  expect_error(head + "[case]\nx = 1\n", "case.x", "1", "needs a name");
}
