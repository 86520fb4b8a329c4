// The memorisation metric and its control on generators whose answer is known: one that returns
// its training points (slightly jittered) is far below 1 on both, a sampler of the true law sits
// at 1 on both, one that is merely more concentrated than the law (never sees the training points)
// is below 1 on nn_ratio but at 1 on the control, and hand-made configurations give the exact
// ratios of their distances.
#define BOOST_TEST_MODULE transfer_evaluation
#include <boost/test/unit_test.hpp>
#include <cmath>
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
  // Held-out points at 1 and 11: distances to the training points 0.5, 0.5, 0.5, to the held-out
  // ones 0.5, 1.5, 0.5: medians 0.5 and 0.5.
  Eigen::MatrixXd heldout(1, 2);
  heldout << 1, 11;
  BOOST_TEST(heldout_nearest_neighbour_ratio(generated, training, heldout) == 1.0,
             boost::test_tools::tolerance(1e-12));
  heldout << 3, 13;  // 2.5, 3.5, 2.5: median 2.5
  BOOST_TEST(heldout_nearest_neighbour_ratio(generated, training, heldout) == 0.2,
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
  const Eigen::MatrixXd heldout = sample(q, 10, rng);
  const double memorising_control = heldout_nearest_neighbour_ratio(memorised, training, heldout);
  const double exact_control =
      heldout_nearest_neighbour_ratio(sample(q, 1000, rng), training, heldout);
  BOOST_TEST_MESSAGE("control: memorising " << memorising_control << ", exact " << exact_control);
  BOOST_TEST(memorising_control < 0.05);
  BOOST_TEST(exact_control > 0.8);
  BOOST_TEST(exact_control < 1.25);
}

BOOST_AUTO_TEST_CASE(a_concentrated_generator_is_told_from_a_copying_one_by_the_control) {
  // Components a quarter as wide as the law's: samples sit nearer to any typical point, the
  // training points included, without ever having seen them. Averaged over 20 draws of 10
  // training and 10 held-out points (one draw of 10 points varies a lot).
  const GaussianMixture q = source_mixture(shape);
  MixtureShape narrow_shape = shape;
  narrow_shape.spread = shape.spread / 4;
  const GaussianMixture narrow = source_mixture(narrow_shape);
  std::mt19937_64 rng(23);
  double ratio = 0, control = 0;
  const int draws = 20;
  for (int k = 0; k < draws; ++k) {
    const Eigen::MatrixXd training = sample(q, 10, rng), heldout = sample(q, 10, rng);
    const Eigen::MatrixXd generated = sample(narrow, 1000, rng), fresh = sample(q, 1000, rng);
    ratio += std::log(nearest_neighbour_ratio(generated, fresh, training)) / draws;
    control += std::log(heldout_nearest_neighbour_ratio(generated, training, heldout)) / draws;
  }
  BOOST_TEST_MESSAGE("concentrated: nn_ratio " << std::exp(ratio) << ", control "
                                               << std::exp(control));
  BOOST_TEST(std::exp(ratio) < 0.9);  // nn_ratio alone would call it memorising
  BOOST_TEST(std::exp(control) > 0.9);
  BOOST_TEST(std::exp(control) < 1.1);
}
