#define BOOST_TEST_MODULE two_patch_data
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "feature_learning/two_patch_data.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;

BOOST_AUTO_TEST_CASE(signals_are_orthogonal_with_the_asked_norm) {
  std::mt19937_64 rng(1);
  const TwoPatchSpec spec{400, 50, 2.0, 0.3};
  const auto data = make_two_patch_data(spec, rng);
  const double expected = 0.3 * 2.0 * std::sqrt(400.0);
  BOOST_TEST(data.features.col(0).norm() == expected, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(data.features.col(1).norm() == expected, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(data.features.col(0).dot(data.features.col(1)) == 0.0);
  for (int i = 0; i < spec.n; ++i)
    BOOST_TEST((data.signal.col(i) - data.features.col(data.labels(i) > 0 ? 0 : 1)).norm() == 0.0);
}

BOOST_AUTO_TEST_CASE(noise_is_orthogonal_to_both_signals_and_has_the_asked_level) {
  std::mt19937_64 rng(2);
  const TwoPatchSpec spec{500, 200, 1.5, 0.2};
  const auto data = make_two_patch_data(spec, rng);
  const Eigen::MatrixXd inner = data.features.transpose() * data.noise;
  BOOST_TEST(inner.cwiseAbs().maxCoeff() == 0.0);
  // E ||xi||^2 = sigma^2 (d - 2); the mean over 200 samples is within a few percent.
  const double mean_sq = data.noise.colwise().squaredNorm().mean();
  BOOST_TEST(mean_sq / (1.5 * 1.5 * 498) == 1.0, boost::test_tools::tolerance(0.02));
}

BOOST_AUTO_TEST_CASE(empirical_snr_is_close_to_the_asked_one) {
  std::mt19937_64 rng(3);
  for (double snr : {0.05, 0.5, 2.0}) {
    const TwoPatchSpec spec{1000, 100, 1.0, snr};
    const auto data = make_two_patch_data(spec, rng);
    // SNR = |mu| / (sigma sqrt(d)); estimate sigma sqrt(d) by the noise patches' RMS norm.
    const double noise_rms = std::sqrt(data.noise.colwise().squaredNorm().mean());
    const double empirical = data.features.col(0).norm() / noise_rms;
    BOOST_TEST(empirical / snr == 1.0, boost::test_tools::tolerance(0.02));
  }
}

BOOST_AUTO_TEST_CASE(labels_are_balanced_and_shuffled) {
  std::mt19937_64 rng(4);
  for (int n : {2, 10, 101}) {
    const auto data = make_two_patch_data({10, n, 1.0, 0.1}, rng);
    const double positives = (data.labels.array() > 0).count();
    BOOST_TEST(std::abs(positives - n / 2.0) <= 0.5);
    BOOST_TEST((data.labels.array().abs() == 1.0).all());
  }
  // Shuffled: over many draws, sample 0 is positive about half the time.
  int first_positive = 0;
  for (int k = 0; k < 400; ++k)
    first_positive += make_two_patch_data({10, 10, 1.0, 0.1}, rng).labels(0) > 0;
  BOOST_TEST(std::abs(first_positive - 200) < 60);
}

BOOST_AUTO_TEST_CASE(same_seed_same_data) {
  std::mt19937_64 a(9), b(9);
  const auto x = make_two_patch_data({50, 20, 1.0, 0.4}, a);
  const auto y = make_two_patch_data({50, 20, 1.0, 0.4}, b);
  BOOST_TEST((x.noise.array() == y.noise.array()).all());
  BOOST_TEST((x.labels.array() == y.labels.array()).all());
}

BOOST_AUTO_TEST_CASE(rejects_too_small_a_dimension) {
  std::mt19937_64 rng(1);
  BOOST_CHECK_THROW(make_two_patch_data({2, 5, 1.0, 0.1}, rng), std::invalid_argument);
}
