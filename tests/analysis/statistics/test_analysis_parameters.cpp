// The analysis parameters as the command line writes them and the report reads them: each one's
// name, default and range, and the table that marks which differ from their default.
#define BOOST_TEST_MODULE analysis_parameters
#include <boost/test/unit_test.hpp>
#include <set>

#include "analysis/statistics/analysis_parameters.hpp"
#include "common/errors.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

const ParameterSpec& spec(const std::string& name) {
  for (const auto& s : parameter_specs())
    if (s.name == name) return s;
  BOOST_FAIL("no parameter " + name);
  throw;
}

// The message `text` is refused with as the value of `name`; empty when accepted.
std::string error_of(const std::string& name, const std::string& text) {
  AnalysisParameters p;
  try {
    spec(name).write(p, text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_field_has_one_named_option_in_table_order) {
  std::vector<std::string> names;
  for (const auto& s : parameter_specs()) names.push_back(s.name);
  const std::vector<std::string> expected = {"seed",
                                             "resamples",
                                             "level",
                                             "min-replicates",
                                             "tie-margin",
                                             "memorisation-tolerance",
                                             "min-r2",
                                             "max-jump",
                                             "sharp-width",
                                             "chance-accuracy",
                                             "learned-accuracy",
                                             "max-slope-change",
                                             "flat-trend",
                                             "trained-decades",
                                             "few-steps"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
  for (const auto& s : parameter_specs()) BOOST_TEST(!s.meaning.empty(), s.name);
}

BOOST_AUTO_TEST_CASE(defaults_read_as_the_report_prints_them) {
  const AnalysisParameters d;
  const std::vector<std::string> expected = {"1", "2000", "0.95", "3",   "0.1", "0.1", "0.9", "0.5",
                                             "1", "0.6",  "0.9",  "0.2", "0.1", "0.3", "10"};
  std::vector<std::string> read;
  for (const auto& s : parameter_specs()) read.push_back(s.read(d));
  BOOST_TEST(read == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(each_option_writes_its_own_field) {
  AnalysisParameters p;
  spec("seed").write(p, "18446744073709551615");
  spec("resamples").write(p, "100");
  spec("level").write(p, "0.99");
  spec("min-replicates").write(p, "2");
  spec("tie-margin").write(p, "0");
  spec("memorisation-tolerance").write(p, "0.25");
  spec("min-r2").write(p, "1");
  spec("max-jump").write(p, "0.75");
  spec("sharp-width").write(p, "2");
  spec("chance-accuracy").write(p, "0.55");
  spec("learned-accuracy").write(p, "0.95");
  spec("max-slope-change").write(p, "0.4");
  spec("flat-trend").write(p, "0.05");
  spec("trained-decades").write(p, "1");
  spec("few-steps").write(p, "0");
  BOOST_TEST(p.seed == 18446744073709551615ull);
  BOOST_TEST(p.resamples == 100);
  BOOST_TEST(p.level == 0.99);
  BOOST_TEST(p.min_replicates == 2);
  BOOST_TEST(p.tie_margin == 0.0);
  BOOST_TEST(p.memorisation_tolerance == 0.25);
  BOOST_TEST(p.min_r_squared == 1.0);
  BOOST_TEST(p.max_jump_decades == 0.75);
  BOOST_TEST(p.sharp_width_decades == 2.0);
  BOOST_TEST(p.chance_accuracy_max == 0.55);
  BOOST_TEST(p.learned_accuracy_min == 0.95);
  BOOST_TEST(p.max_slope_change == 0.4);
  BOOST_TEST(p.flat_trend == 0.05);
  BOOST_TEST(p.trained_decades == 1.0);
  BOOST_TEST(p.few_steps == 0);
}

BOOST_AUTO_TEST_CASE(values_out_of_range_are_refused_naming_option_value_and_range) {
  BOOST_TEST(error_of("resamples", "99") ==
             "--resamples: value '99' is not a whole number from 100 to 1000000");
  BOOST_TEST(error_of("resamples", "1000001") ==
             "--resamples: value '1000001' is not a whole number from 100 to 1000000");
  BOOST_TEST(error_of("resamples", "1000000").empty());
  BOOST_TEST(error_of("min-replicates", "1") ==
             "--min-replicates: value '1' is not a whole number from 2 to 100000");
  BOOST_TEST(error_of("seed", "-1") ==
             "--seed: value '-1' is not a whole number from 0 to 18446744073709551615");
  BOOST_TEST(error_of("seed", "1.5") ==
             "--seed: value '1.5' is not a whole number from 0 to 18446744073709551615");
  BOOST_TEST(error_of("level", "0.4") == "--level: value '0.4' is not between 0.5 and 0.999");
  BOOST_TEST(error_of("level", "0.5").empty());
  BOOST_TEST(error_of("level", "1") == "--level: value '1' is not between 0.5 and 0.999");
  BOOST_TEST(error_of("tie-margin", "nan") ==
             "--tie-margin: value 'nan' is not a number from 0 to 10");
  BOOST_TEST(error_of("tie-margin", "-0.1") ==
             "--tie-margin: value '-0.1' is not a number from 0 to 10");
  BOOST_TEST(error_of("min-r2", "inf") == "--min-r2: value 'inf' is not a number from 0 to 1");
  BOOST_TEST(error_of("sharp-width", "0") ==
             "--sharp-width: value '0' is not a number from 0.001 to 100");
  BOOST_TEST(error_of("memorisation-tolerance", "1") ==
             "--memorisation-tolerance: value '1' is not a number from 0 to 0.99");
  BOOST_TEST(error_of("few-steps", "ten") ==
             "--few-steps: value 'ten' is not a whole number from 0 to 1000000");
}

BOOST_AUTO_TEST_CASE(the_table_marks_defaults_and_shows_the_default_beside_a_change) {
  AnalysisParameters p;
  p.tie_margin = 0.05;
  p.seed = 7;
  const auto rows = parameter_table(p);
  BOOST_REQUIRE(rows.size() == parameter_specs().size());
  BOOST_TEST(
      rows[0] == (std::vector<std::string>{"`--seed`", "7 (default 1)", spec("seed").meaning}),
      boost::test_tools::per_element());
  BOOST_TEST(rows[1][0] == "`--resamples`");
  BOOST_TEST(rows[1][1] == "2000 (default)");
  BOOST_TEST(rows[4][0] == "`--tie-margin`");
  BOOST_TEST(rows[4][1] == "0.05 (default 0.1)");
  BOOST_TEST(rows[14][1] == "10 (default)");
}
