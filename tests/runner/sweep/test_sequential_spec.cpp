#define BOOST_TEST_MODULE sequential_spec
#include <boost/test/unit_test.hpp>

#include "runner/run/sequential_rounds.hpp"
#include "runner/sweep/sequential_spec.hpp"
#include "runner/sweep/sweep_expansion.hpp"
#include "runner/sweep/sweep_file_error.hpp"
#include "synthetic/synthetic_experiment.hpp"

using namespace diffsweep;

namespace {

const std::string base =
    "[sweep]\nexperiment = synthetic\nseed = 4\n[axes]\ny = 1, 2, 4\nexponent = 1, 2, 3\n"
    "[sequential]\naxis = exponent\nmetric = value\n";

std::string error_of(const std::string& text) {
  SyntheticExperiment e;
  try {
    expand_sweep(parse_sweep_text("s.ini", text), e);
  } catch (const SweepFileError& err) {
    return err.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_section_sets_the_rule_and_the_replicates_are_its_budget) {
  SyntheticExperiment e;
  const Sweep s = expand_sweep(
      parse_sweep_text("s.ini", base + "margin = 10%\nreference = 2\nbudget = 24\nstart = 3\n"), e);
  BOOST_REQUIRE(s.sequential.has_value());
  BOOST_TEST(s.sequential->axis == "exponent");
  BOOST_TEST(s.sequential->reference == "2");
  BOOST_TEST(s.sequential->settings.relative_margin);
  BOOST_TEST(s.sequential->settings.margin == 0.1);
  BOOST_TEST(!s.sequential->settings.higher_is_better);
  BOOST_TEST(s.spec.replicates == 24);
  BOOST_TEST(s.size() == 9u * 24u);
  // One setting per y, each comparing its three exponents, in file order.
  BOOST_REQUIRE(s.sequential_settings.size() == 3u);
  for (std::size_t g = 0; g < 3; ++g) {
    const auto& rows = s.sequential_settings[g];
    BOOST_REQUIRE(rows.size() == 3u);
    BOOST_TEST(rows[0].value == "1");
    BOOST_TEST(rows[2].value == "3");
    for (const auto& row : rows) {
      BOOST_TEST(s.replicate(row.first) == 0);
      BOOST_TEST(std::get<double>(*s.value(row.first, "y")) ==
                 std::get<double>(*s.value(rows[0].first, "y")));
    }
  }
  const Sweep absolute =
      expand_sweep(parse_sweep_text("s.ini", base + "margin = 0.02\nbetter = higher\n"), e);
  BOOST_TEST(!absolute.sequential->settings.relative_margin);
  BOOST_TEST(absolute.sequential->settings.margin == 0.02);
  BOOST_TEST(absolute.sequential->settings.higher_is_better);
  BOOST_TEST(absolute.spec.replicates == 40);  // the default budget
}

BOOST_AUTO_TEST_CASE(cases_compare_rows_of_every_case_in_one_setting) {
  SyntheticExperiment e;
  const Sweep s =
      expand_sweep(parse_sweep_text("s.ini",
                                    "[sweep]\nexperiment = synthetic\nseed = 4\n[axes]\ny = 1, 2\n"
                                    "[case.a]\nexponent = 1\n[case.b]\nexponent = 2, 3\n"
                                    "[sequential]\naxis = exponent\nmetric = value\nmargin = 1%\n"
                                    "reference = 1\nbudget = 8\nstart = 2\n"),
                   e);
  BOOST_REQUIRE(s.sequential_settings.size() == 2u);
  for (const auto& rows : s.sequential_settings) BOOST_TEST(rows.size() == 3u);
}

BOOST_AUTO_TEST_CASE(axis_case_compares_the_cases_within_each_setting_of_the_shared_axes) {
  SyntheticExperiment e;
  // Case b varies two parameters at once and case c has an axis of its own: as rows of one
  // comparison they are told apart by case name and own axis, not by one parameter.
  const std::string text =
      "[sweep]\nexperiment = synthetic\nseed = 4\n[axes]\ny = 1, 2\n"
      "[case.a]\nexponent = 1\n[case.b]\nexponent = 2\nnoise = 0.5\n"
      "[case.c]\nexponent = 3\nnoise = 0, 1\n"
      "[sequential]\naxis = case\nmetric = value\nmargin = 1%\nbudget = 8\nstart = 2\n";
  const Sweep s = expand_sweep(parse_sweep_text("s.ini", text + "reference = a, b\n"), e);
  BOOST_TEST(s.sequential->references == (std::vector<std::string>{"a", "b"}));
  BOOST_REQUIRE(s.sequential_settings.size() == 2u);
  for (const auto& rows : s.sequential_settings) {
    BOOST_REQUIRE(rows.size() == 4u);
    BOOST_TEST(rows[0].value == "a");
    BOOST_TEST(rows[1].value == "b");
    BOOST_TEST(rows[2].value == "c (noise=0)");
    BOOST_TEST(rows[3].value == "c (noise=1)");
    for (const auto& row : rows)
      BOOST_TEST(std::get<double>(*s.value(row.first, "y")) ==
                 std::get<double>(*s.value(rows[0].first, "y")));
    // Each reference against each row that is not one: a-c0, a-c1, b-c0, b-c1.
    const auto pairs = comparison_pairs(*s.sequential, rows);
    BOOST_REQUIRE(pairs.size() == 4u);
    BOOST_TEST(rows[pairs[0].a].value == "a");
    BOOST_TEST(rows[pairs[0].b].value == "c (noise=0)");
    BOOST_TEST(rows[pairs[3].a].value == "b");
    BOOST_TEST(rows[pairs[3].b].value == "c (noise=1)");
  }
  BOOST_TEST(error_of(text + "reference = a, d\n") ==
             "s.ini:20: key 'sequential.reference': value 'd': not the name of a [case.NAME] row");
  BOOST_TEST(error_of(base + "margin = 1%\n").empty());
  BOOST_TEST(error_of("[sweep]\nexperiment = synthetic\nseed = 4\n[axes]\nexponent = 1, 2\n"
                      "[sequential]\naxis = case\nmetric = value\nmargin = 1%\n") ==
             "s.ini:7: key 'sequential.axis': value 'case': the sweep has no [case.NAME] sections "
             "to compare");
}

BOOST_AUTO_TEST_CASE(bad_sections_name_the_file_key_and_value) {
  BOOST_TEST(error_of(base) ==
             "s.ini: key 'sequential.margin': value '': missing ([sequential] needs axis, metric "
             "and margin)");
  BOOST_TEST(error_of(base + "margin = 1%\nlooks = 3\n") ==
             "s.ini:11: key 'sequential.looks': value '3': unknown key (known: axis, reference, "
             "metric, better, margin, start, budget, growth, confidence)");
  BOOST_TEST(error_of(base + "margin = 1%\ngrowth = 1\n")
                 .find("s.ini:11: key 'sequential.growth': value '1': ") == 0);
  BOOST_TEST(error_of(base + "margin = 1%\nbetter = smaller\n") ==
             "s.ini:11: key 'sequential.better': value 'smaller': lower or higher");
  BOOST_TEST(error_of(base + "margin = 1%\nreference = 7\n") ==
             "s.ini:11: key 'sequential.reference': value '7': not a value of the axis exponent");
  BOOST_TEST(error_of("[sweep]\nexperiment = synthetic\nseed = 4\n[axes]\nexponent = 1, 2\n"
                      "[sequential]\naxis = exponent\nmetric = speed\nmargin = 1%\n") ==
             "s.ini:8: key 'sequential.metric': value 'speed': not a metric of synthetic");
  BOOST_TEST(error_of("[sweep]\nexperiment = synthetic\nseed = 4\n[axes]\ny = 1, 2\n"
                      "[sequential]\naxis = exponent\nmetric = value\nmargin = 1%\n")
                 .find("key 'sequential.axis': value 'exponent': not an axis of the sweep") !=
             std::string::npos);
  BOOST_TEST(error_of("[sweep]\nexperiment = synthetic\nseed = 4\nreplicates = 5\n[axes]\n"
                      "exponent = 1, 2\n[sequential]\naxis = exponent\nmetric = value\n"
                      "margin = 1%\n")
                 .find("s.ini:4: key 'sweep.replicates': value '5': a [sequential] sweep's "
                       "replicates are its budget") == 0);
}
