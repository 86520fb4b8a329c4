#define BOOST_TEST_MODULE reverse_sde
#include <boost/test/unit_test.hpp>

#include "transfer/gaussian_mixture.hpp"
#include "transfer/reverse_sde.hpp"
#include "transfer/sample_metrics.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;

// With the exact score the sampler reproduces the mixture: its MMD to a reference sample is within
// noise of that of a second true sample, and the component weights come out right.
BOOST_AUTO_TEST_CASE(exact_score_reproduces_the_target) {
  const auto q = target_mixture({2, 4, 2.0, 0.4}, {0.2, 2.0, 10.0});
  const VpSde sde;
  const ScoreFn exact = [&](const Eigen::MatrixXd& x, double t) {
    return score(diffuse(q, sde, t), x);
  };
  const Eigen::MatrixXd generated = sample_reverse_sde(exact, sde, 2, 2000, {200, 1e-3}, 7);
  std::mt19937_64 rng(8);
  const Eigen::MatrixXd reference = sample(q, 2000, rng), second = sample(q, 2000, rng);
  const double h = median_distance(generated, reference);
  const double mmd = mmd_rbf(generated, reference, h), floor = mmd_rbf(second, reference, h);
  const double local = mmd_rbf(generated, reference, 0.4),
               local_floor = mmd_rbf(second, reference, 0.4);
  BOOST_TEST_MESSAGE("mmd " << mmd << " (floor " << floor << "), mmd_local " << local << " (floor "
                            << local_floor << "), weight_err " << weight_error(q, generated));
  BOOST_TEST(mmd < 2.0 * floor);
  BOOST_TEST(local < 2.0 * local_floor);
  BOOST_TEST(weight_error(q, generated) < 0.08);
  // A sampler that ignores the target (the source) is far above the floor.
  const auto p = source_mixture({2, 4, 2.0, 0.4});
  const ScoreFn wrong = [&](const Eigen::MatrixXd& x, double t) {
    return score(diffuse(p, sde, t), x);
  };
  const Eigen::MatrixXd off = sample_reverse_sde(wrong, sde, 2, 2000, {200, 1e-3}, 7);
  BOOST_TEST(mmd_rbf(off, reference, h) > 3.0 * floor);
}
