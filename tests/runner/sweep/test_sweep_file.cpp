#define BOOST_TEST_MODULE sweep_file
#include <boost/test/unit_test.hpp>
#include <chrono>

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

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
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

// A section with no keys is checked by its name too: a misspelt [axis] with its keys commented
// out, or a stray [bogus], is refused as one with keys would be, at the section's line.
BOOST_AUTO_TEST_CASE(an_unknown_empty_section_is_refused_at_its_line) {
  const std::string known = "(known: sweep, fixed, axes, case.NAME, refine, sequential)";
  for (const std::string& tail : {std::string("[bogus]\n"), std::string("[bogus]\n# x = 1\n"),
                                  std::string("[bogus]\n[axes]\nx = 1, 2\n")}) {
    const std::string message = error_of(head + tail);
    BOOST_TEST(ends_with(message, "/bad.ini:4: unknown section [bogus] " + known), message);
  }
  // The message a section with keys gets names the same section and known sections.
  BOOST_TEST(error_of(head + "[bogus]\nx = 1\n").find("unknown section [bogus] " + known) !=
             std::string::npos);
  // Known sections may be empty.
  for (const char* tail :
       {"[fixed]\n", "[axes]\n", "[case.a]\n[axes]\nx = 1\n", "[refine]\n", "[sequential]\n"})
    BOOST_TEST(error_of(head + tail).find("unknown section") == std::string::npos, tail);
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

BOOST_AUTO_TEST_CASE(a_byte_order_mark_and_semicolon_comments_are_read) {
  const std::string dir = test::fresh_dir("sweep-bom");
  test::write_text(dir + "/bom.ini", "\xEF\xBB\xBF; a comment\n" + head +
                                         "  ; indented comment\n[axes]\nx = 1, 2  # inline\n");
  const SweepSpec s = read_sweep_file(dir + "/bom.ini");
  BOOST_TEST(s.experiment == "synthetic");
  BOOST_TEST(s.axes.at(0).second == "1, 2");
}

BOOST_AUTO_TEST_CASE(errors_name_the_line_and_stay_one_printable_bounded_line) {
  // The line of the key.
  BOOST_TEST(error_of(head + "[axes]\nx = 1, two\n").find("bad.ini:5: key 'axes.x'") !=
             std::string::npos);
  BOOST_TEST(error_of(head + "[fixed]\nnoise = -1\n").find("bad.ini:5:") != std::string::npos);
  // A megabyte value and raw bytes: shown short and escaped.
  const std::string message =
      error_of(head + "[axes]\nx = " + std::string(500000, '7') + "z\x01\n");
  BOOST_TEST(message.size() < 600u, message.size());
  BOOST_TEST(message.find("(500002 bytes)") != std::string::npos, message);
  const std::string binary = error_of(head +
                                      "name = a\x01"
                                      "b\n");
  BOOST_TEST(binary.find("\\x01") != std::string::npos, binary);
  for (char c : binary) BOOST_TEST((static_cast<unsigned char>(c) >= 0x20));
}

BOOST_AUTO_TEST_CASE(names_that_are_not_file_names_are_refused) {
  expect_error(head + "name = " + std::string(300, 'a') + "\n", "sweep.name",
               std::string(60, 'a') + "... (300 bytes)", "not a usable name");
  expect_error(head + "name = a b\n", "sweep.name", "a b", "not a usable name");
  BOOST_TEST(error_of(head + std::string("name = a\0b\n", 11)).find("NUL byte") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(spaced_values_near_the_largest_double_stay_finite) {
  SyntheticExperiment e;
  SweepSpec s = parse_sweep_text("wide.ini", head + "[axes]\nx = linspace(1e308, -1e308, 3)\n");
  const Sweep sweep = expand_sweep(s, e);
  BOOST_TEST(sweep.point(1).params.real("x") == 0.0);
  BOOST_TEST(sweep.point(2).params.real("x") == -1e308);
}

BOOST_AUTO_TEST_CASE(a_huge_axis_is_refused_at_once) {
  const auto start = std::chrono::steady_clock::now();
  std::string values = "1";
  for (int i = 2; i <= 2'000'000; ++i) (values += ',') += std::to_string(i);
  const std::string message = error_of(head + "[axes]\nx = " + values + "\n");
  BOOST_TEST(message.find("key 'axes.x'") != std::string::npos, message);
  BOOST_TEST(message.find("more than 1000000 values") != std::string::npos, message);
  BOOST_TEST(error_of(head + "[axes]\nx = linspace(1, 2, 10000000)\n").find("more than 1000000") !=
             std::string::npos);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(seconds < 5.0);
}
