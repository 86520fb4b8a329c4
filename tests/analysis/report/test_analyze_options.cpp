// The diffsweep-analyze command line: each option's value, the report folder's default, the
// analysis parameters set by name, and every refusal naming its option or value.
#define BOOST_TEST_MODULE analyze_options
#include <boost/test/unit_test.hpp>
#include <vector>

#include "analysis/report/analyze_options.hpp"
#include "common/errors.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

AnalyzeOptions parse(std::vector<const char*> args) {
  args.insert(args.begin(), "diffsweep-analyze");
  return parse_analyze_options(static_cast<int>(args.size()), args.data());
}

// The message of the InputError `args` are refused with; empty when they are accepted.
std::string error_of(std::vector<const char*> args) {
  try {
    parse(std::move(args));
  } catch (const InputError& e) {
    BOOST_TEST(e.status() == 2);
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_results_file_alone_takes_every_default) {
  const auto o = parse({"runs/sweep.h5"});
  BOOST_TEST(o.results == "runs/sweep.h5");
  BOOST_TEST(o.report_dir == "runs/sweep-report");
  BOOST_TEST(o.plots);
  BOOST_TEST(o.python == "/usr/bin/python3");
  BOOST_TEST(o.plot_script.empty());
  BOOST_TEST(o.dynamics_at.empty());
  BOOST_TEST(!o.include_outside);
  BOOST_TEST(!o.help);
  BOOST_TEST(!o.version);
  BOOST_TEST(o.parameters.tie_margin == 0.1);
  BOOST_TEST(o.parameters.seed == 1u);
}

BOOST_AUTO_TEST_CASE(a_file_in_the_current_folder_gets_its_report_beside_it) {
  BOOST_TEST(parse({"sweep.h5"}).report_dir == "sweep-report");
}

BOOST_AUTO_TEST_CASE(every_option_sets_its_field) {
  const auto o = parse({"--no-plots", "-o", "out dir", "--python", "/opt/py", "--plot-script",
                        "p.py", "--include-outside", "r.h5", "--dynamics-at", "0.5", "2", "1e3",
                        "--tie-margin", "0.05", "--seed", "42", "--resamples", "500"});
  BOOST_TEST(o.results == "r.h5");
  BOOST_TEST(o.report_dir == "out dir");
  BOOST_TEST(!o.plots);
  BOOST_TEST(o.python == "/opt/py");
  BOOST_TEST(o.plot_script == "p.py");
  BOOST_TEST(o.include_outside);
  BOOST_TEST(o.dynamics_at == (std::vector<double>{0.5, 2, 1000}),
             boost::test_tools::per_element());
  BOOST_TEST(o.parameters.tie_margin == 0.05);
  BOOST_TEST(o.parameters.seed == 42u);
  BOOST_TEST(o.parameters.resamples == 500);
  BOOST_TEST(parse({"--output", "x", "r.h5"}).report_dir == "x");
}

BOOST_AUTO_TEST_CASE(help_and_version_need_no_results_file) {
  BOOST_TEST(parse({"--help"}).help);
  BOOST_TEST(parse({"-h"}).help);
  const auto v = parse({"--version"});
  BOOST_TEST(v.version);
  BOOST_TEST(v.results.empty());
  BOOST_TEST(v.report_dir.empty());
}

BOOST_AUTO_TEST_CASE(refusals_name_the_option_or_the_value) {
  BOOST_TEST(error_of({}) == "no results file given (see --help)");
  BOOST_TEST(error_of({"r.h5", "--frobnicate"}) ==
             "unrecognised option '--frobnicate' (see --help)");
  BOOST_TEST(error_of({"a.h5", "b.h5"}) ==
             "more than one results file given: 'a.h5' and 'b.h5' (see --help)");
  BOOST_TEST(error_of({"r.h5", "-o"}) == "option '-o' needs a value (see --help)");
  BOOST_TEST(error_of({"r.h5", "--python"}) == "option '--python' needs a value (see --help)");
  BOOST_TEST(error_of({"r.h5", "--tie-margin"}) ==
             "option '--tie-margin' needs a value (see --help)");
  BOOST_TEST(error_of({"r.h5", "--dynamics-at"}) ==
             "option '--dynamics-at' needs a value (see --help)");
  BOOST_TEST(error_of({"r.h5", "--dynamics-at", "--no-plots"}) ==
             "option '--dynamics-at' needs a value (see --help)");
  BOOST_TEST(error_of({"r.h5", "--dynamics-at", "0"}) ==
             "--dynamics-at: value '0' is not a positive number");
  BOOST_TEST(error_of({"r.h5", "--dynamics-at", "1", "abc"}) ==
             "--dynamics-at: value 'abc' is not a positive number");
  BOOST_TEST(error_of({"r.h5", "--dynamics-at", "inf"}) ==
             "--dynamics-at: value 'inf' is not a positive number");
  BOOST_TEST(error_of({"r.h5", "--level", "2"}) ==
             "--level: value '2' is not between 0.5 and 0.999");
}

BOOST_AUTO_TEST_CASE(the_usage_lists_every_analysis_parameter_with_its_default) {
  const std::string u = analyze_usage();
  BOOST_TEST(u.rfind("usage: diffsweep-analyze RESULTS.h5 [-o REPORT_DIR]", 0) == 0u);
  BOOST_TEST(u.find("  --tie-margin (default 0.1)\n      \"ties\": the paired difference's") !=
             std::string::npos);
  BOOST_TEST(u.find("  --seed (default 1)\n") != std::string::npos);
  BOOST_TEST(u.find("  --resamples (default 2000)\n") != std::string::npos);
  for (const auto& spec : parameter_specs())
    BOOST_TEST(u.find("  --" + spec.name + " (default ") != std::string::npos, spec.name);
}
