// Training's verdict per point of a curve, on hand-chosen growths: at n*SNR^2 = 1 S grew about
// 10x (trained), at 10 about 1.05x (at initialisation), at 100 between 1x and 4x (undetermined);
// N and |W| do not move.
#define BOOST_TEST_MODULE training_section
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/feature_learning/training_section.hpp"
#include "tests/support/results_table_builder.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

const double x_at[] = {1, 10, 100};
const double growth[3][3] = {{10, 12, 8}, {1.05, 1.1, 1.02}, {2, 1, 4}};

results::ResultsTable rows() {
  std::vector<double> nsnr2, s, s0, ones, replicate;
  for (int point = 0; point < 3; ++point)
    for (int rep = 0; rep < 3; ++rep) {
      nsnr2.push_back(x_at[point]);
      s.push_back(growth[point][rep]);
      s0.push_back(1);
      ones.push_back(1);
      replicate.push_back(rep);
    }
  auto t = test::table_of("feature_learning", 9, {"nsnr2"});
  test::add_text(t, "model", results::Role::parameter, std::vector<std::string>(9, "diffusion"));
  test::add_numbers(t, "nsnr2", results::Role::parameter, nsnr2);
  test::add_numbers(t, "n", results::Role::parameter, std::vector<double>(9, 16));
  test::add_numbers(t, "replicate", results::Role::point, replicate);
  test::add_numbers(t, "R", results::Role::metric, s);
  test::add_numbers(t, "S", results::Role::metric, s);
  test::add_numbers(t, "S0", results::Role::metric, s0);
  for (const char* name : {"N", "N0", "w_norm", "w_norm0"})
    test::add_numbers(t, name, results::Role::metric, ones);
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(each_point_gets_its_verdict_from_its_replicates) {
  const auto t = rows();
  const AnalysisParameters p;
  const FlInputs in = fl_inputs(t, p);
  BOOST_TEST_REQUIRE(in.has_growth);
  const CurveTraining c = curve_training(in, "diffusion", {"n=16", {0, 1, 2, 3, 4, 5, 6, 7, 8}});
  BOOST_TEST(c.trained == 1u);
  BOOST_TEST(c.at_initialisation == 1u);
  BOOST_TEST(c.undetermined == 1u);
  BOOST_TEST(c.points() == 3u);
  BOOST_TEST_REQUIRE(c.not_trained.size() == 1u);
  BOOST_TEST(c.not_trained[0].first == 10.0);
  // The point moved by the median of its runs' largest |log10| growth: S's 1.05x.
  BOOST_TEST(c.not_trained[0].second.decades.median == std::log10(1.05),
             boost::test_tools::tolerance(1e-9));
}
