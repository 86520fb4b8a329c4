// The memorisation metric on generators whose answer is known: one that returns its training
// points (slightly jittered) is flagged far below 1, a sampler of the true law sits at 1, and a
// hand-made configuration gives the exact ratio of its distances.
#define BOOST_TEST_MODULE transfer_evaluation
#include <boost/test/unit_test.hpp>
#include <random>

#include "transfer/gaussian_mixture.hpp"
#include "transfer/transfer_evaluation.hpp"

using namespace diffsweep::transfer;

namespace {

const MixtureShape shape{2, 4, 2.0, 0.4};

}  // namespace

BOOST_AUTO_TEST_CASE(distances_are_compared_exactly) {
  // Training points at 0 and 10 on a line; generated samples 0.5 from one, fresh ones 2 away.
  Eigen::MatrixXd training(1, 2), generated(1, 3), fresh(1, 3);
  training << 0, 10;
  generated << 0.5, 9.5, 10.5;
  fresh << 2, 8, 12;
  BOOST_TEST(nearest_neighbour_ratio(generated, fresh, training) == 0.25,
             boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(a_memorising_generator_is_far_below_one_and_an_exact_one_at_one) {
  const GaussianMixture q = source_mixture(shape);
  std::mt19937_64 rng(17);
  const Eigen::MatrixXd training = sample(q, 10, rng);
  const Eigen::MatrixXd fresh = sample(q, 1000, rng);
  // A generator that returns its 10 training points with 1% of a component's spread of jitter.
  std::normal_distribution<double> jitter(0.0, 0.01 * shape.spread);
  Eigen::MatrixXd memorised(2, 1000);
  for (Eigen::Index j = 0; j < memorised.cols(); ++j)
    for (Eigen::Index i = 0; i < 2; ++i) memorised(i, j) = training(i, j % 10) + jitter(rng);
  const double memorising = nearest_neighbour_ratio(memorised, fresh, training);
  // A sampler of the true law: independent of the training points, like the fresh sample.
  const double exact = nearest_neighbour_ratio(sample(q, 1000, rng), fresh, training);
  BOOST_TEST_MESSAGE("nn_ratio: memorising " << memorising << ", exact " << exact);
  BOOST_TEST(memorising < 0.05);
  BOOST_TEST(exact > 0.9);
  BOOST_TEST(exact < 1.1);
}
