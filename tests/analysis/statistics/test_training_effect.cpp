// Training's effect per run and per point: S/S0, N/N0 and |W|/|W0| against the threshold, and
// runs stopped by grad_tol within a few steps.
#define BOOST_TEST_MODULE training_effect
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>

#include "analysis/statistics/training_effect.hpp"

using namespace diffsweep::analysis;

namespace {

const AnalysisParameters p;  // trained-decades 0.3, few-steps 10, 3 replicates

// Replicates whose S, N and |W| grew by `s`, `n`, `w` times e^(0.05 z).
std::vector<RunGrowth> replicates(double s, double n, double w, int k = 3) {
  std::mt19937_64 rng(2);
  std::normal_distribution<double> z(0.0, 0.05);
  std::vector<RunGrowth> out;
  for (int r = 0; r < k; ++r)
    out.push_back(
        run_growth(s * std::exp(z(rng)), 1, n * std::exp(z(rng)), 1, w * std::exp(z(rng)), 1));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_run_moves_by_its_largest_growth) {
  const RunGrowth g = run_growth(9, 1, 0.9, 0.1, 0.5, 0.05);  // S 9x, N 9x, |W| 10x
  BOOST_TEST(g.signal == 9.0);
  BOOST_TEST(g.noise == 9.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(g.decades() == 1.0, boost::test_tools::tolerance(1e-12));
  // A shrinking norm counts as much as a growing one.
  BOOST_TEST(run_growth(1, 1, 1, 1, 0.01, 1).decades() == 2.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(std::isnan(run_growth(1, std::nan(""), 1, 1, 1, 1).decades()));
}

BOOST_AUTO_TEST_CASE(r_at_r0_is_trained_when_s_and_n_grew_and_a_still_point_is_not) {
  // As at m = 4, t = 0.5, n SNR^2 = 0.01 (docs/methods.md, 1.5): R = R0 while S and N each grew
  // 9x and |W| 10x: trained.
  const PointTraining grown = point_training(replicates(9, 9, 10), p, "grown");
  BOOST_TEST((grown.verdict == Training::trained));
  BOOST_TEST(grown.interval.lo > 0.9);
  BOOST_TEST(grown.norm.median == 10.0, boost::test_tools::tolerance(0.1));
  BOOST_TEST(describe(grown, p).rfind("trained (moved ", 0) == 0u, describe(grown, p));
  // S, N and |W| within 10% of where they started: at initialisation.
  const PointTraining still = point_training(replicates(1.05, 1.02, 1.08), p, "still");
  BOOST_TEST((still.verdict == Training::at_initialisation));
  BOOST_TEST(still.interval.hi < 0.3);
  BOOST_TEST(describe(still, p).rfind("at initialisation (moved 0.0", 0) == 0u, describe(still, p));
  // Replicates on both sides of the threshold: undetermined; two replicates: no interval.
  std::vector<RunGrowth> mixed = replicates(1.05, 1, 1);
  mixed.push_back(run_growth(10, 1, 10, 1, 10, 1));
  mixed.push_back(run_growth(10, 1, 10, 1, 10, 1));
  BOOST_TEST((point_training(mixed, p, "mixed").verdict == Training::undetermined));
  const PointTraining two = point_training(replicates(9, 9, 10, 2), p, "two");
  BOOST_TEST((two.verdict == Training::undetermined));
  BOOST_TEST(describe(two, p).find("2 replicates: too few for an interval") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_classifier_that_stops_at_step_1_is_flagged) {
  // converged = 1 after 1 step: stopped early, hence at initialisation, whatever it grew by.
  BOOST_TEST(stopped_early(1, 1, p));
  BOOST_TEST(stopped_early(1, 10, p));
  BOOST_TEST(!stopped_early(1, 11, p));
  BOOST_TEST(!stopped_early(0, 1, p));  // stopped by the budget, not by grad_tol
  const RunGrowth one_step = run_growth(1.6, 1, 1.1, 1, 1.5, 1);
  BOOST_TEST(run_at_initialisation(one_step, true, p));
  BOOST_TEST(run_at_initialisation(one_step, false, p));  // and it moved < 0.3 decades anyway
  BOOST_TEST(!run_at_initialisation(run_growth(9, 1, 9, 1, 10, 1), false, p));
}
