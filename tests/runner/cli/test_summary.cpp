// The summary printed when a sweep ends, from a synthetic sweep run into a store: one row per grid
// point with its finished replicates and each metric's median over them (of the values in the
// file), rows past the limit counted, and the first three failures named with the rest counted.
#define BOOST_TEST_MODULE summary
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <sstream>

#include "common/number_text.hpp"
#include "results_io/results_reader.hpp"
#include "runner/cli/summary.hpp"
#include "tests/support/subprocess.hpp"
#include "tests/support/synthetic_run.hpp"

using namespace diffsweep;

namespace {

// Four grid points of three replicates; x = 3 and x = 4 fail (above throw_above).
const std::string sweep_text =
    "[sweep]\nexperiment = synthetic\nseed = 5\nreplicates = 3\n[fixed]\nnoise = 0.1\n"
    "throw_above = 2.5\n[axes]\nx = 1, 2, 3, 4\n";

double median_of_three(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[1];
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_table_shows_each_grid_points_median_and_the_first_failures) {
  const std::string out = test::fresh_dir("summary") + "/out.h5";
  SyntheticExperiment e;
  const Sweep sweep = test::synthetic_sweep(e, sweep_text);
  ResultsStore store(out, sweep, RunInfo{}, false);
  store.plan(PointSelection(), {});
  Progress progress(progress_total(store), 0, stderr, true);
  BOOST_TEST_REQUIRE(run_local(e, sweep, store, progress, false));
  store.snapshot(true);

  const results::ResultsTable t = results::load_results(out);
  const auto& value = t.numbers("value");
  const std::string m1 = display_number(median_of_three({value[0], value[1], value[2]}));
  const std::string m2 = display_number(median_of_three({value[3], value[4], value[5]}));
  // The noise is there: the median is one replicate's value, not x.
  BOOST_TEST(m1 != "1");
  const std::size_t w = std::max({std::size_t{5}, m1.size(), m2.size()});
  const auto right = [&](const std::string& s) { return std::string(w - s.size(), ' ') + s; };

  std::ostringstream text;
  print_summary(text, store, sweep);
  const std::string failures =
      "point 6 failed: synthetic: x = 3.000000 is above throw_above\n"
      "point 7 failed: synthetic: x = 3.000000 is above throw_above\n"
      "point 8 failed: synthetic: x = 3.000000 is above throw_above\n"
      "... 3 more failed or diverged points (their errors are in the file's error column)\n";
  BOOST_TEST(text.str() == "results: " + out +
                               "  (12 points: 6 done, 6 failed, 0 diverged, 0 not run)\n"
                               "median over replicates per grid point:\n"
                               "x  done  " +
                               right("value") + "\n1   3/3  " + right(m1) + "\n2   3/3  " +
                               right(m2) + "\n3   0/3  " + right("-") + "\n4   0/3  " + right("-") +
                               "\n" + failures);

  std::ostringstream short_text;
  print_summary(short_text, store, sweep, 2);
  BOOST_TEST(short_text.str().find("\n2   3/3  " + right(m2) + "\n... 2 more grid points\n" +
                                   failures) != std::string::npos,
             short_text.str());
  BOOST_TEST(short_text.str().find("\n3   0/3") == std::string::npos, short_text.str());
}
