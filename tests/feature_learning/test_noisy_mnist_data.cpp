#define BOOST_TEST_MODULE noisy_mnist_data
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <set>

#include "feature_learning/mnist_digits.hpp"
#include "feature_learning/noisy_mnist_data.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;

namespace {

const Eigen::MatrixXd& zeros() {
  static const Eigen::MatrixXd images = load_mnist_digits(DIFFSWEEP_MNIST_FIXTURE, 0);
  return images;
}
const Eigen::MatrixXd& ones() {
  static const Eigen::MatrixXd images = load_mnist_digits(DIFFSWEEP_MNIST_FIXTURE, 1);
  return images;
}

NoisyMnistData make(const NoisyMnistSpec& spec, std::uint64_t seed) {
  std::mt19937_64 data_rng(seed), test_rng(seed + 1000);
  return make_noisy_mnist_data(zeros(), ones(), spec, data_rng, test_rng);
}

// Index of the fixture image of class `label` that `patch` is a scaled copy of, or -1.
Eigen::Index source_of(const Eigen::VectorXd& patch, double label) {
  const Eigen::MatrixXd& images = label > 0 ? zeros() : ones();
  for (Eigen::Index j = 0; j < images.cols(); ++j)
    if ((images.col(j).normalized() - patch.normalized()).norm() < 1e-12) return j;
  return -1;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_image_has_the_asked_snr_and_the_noise_its_level) {
  for (double snr : {0.05, 0.5, 3.0}) {
    const NoisyMnistSpec spec{16, 20, 4, 1.5, snr};
    const auto data = make(spec, 1);
    const double mu_norm = snr * 1.5 * 28.0;
    for (const auto* set : {&data.train, &data.test}) {
      BOOST_TEST(set->signal.rows() == 784);
      for (Eigen::Index i = 0; i < set->signal.cols(); ++i)
        BOOST_TEST(set->signal.col(i).norm() == mu_norm, boost::test_tools::tolerance(1e-12));
      // SNR~ = ||image|| / (sigma sqrt(d)), sigma sqrt(d) estimated by the noise patches' RMS norm.
      const double noise_rms = std::sqrt(set->noise.colwise().squaredNorm().mean());
      BOOST_TEST(mu_norm / noise_rms / snr == 1.0, boost::test_tools::tolerance(0.03));
    }
    for (Eigen::Index j = 0; j < 2; ++j)
      BOOST_TEST(data.train.features.col(j).norm() == mu_norm, boost::test_tools::tolerance(1e-12));
    BOOST_TEST((data.test.features - data.train.features).norm() == 0.0);
  }
}

BOOST_AUTO_TEST_CASE(labels_are_balanced_and_patches_are_images_of_their_class) {
  for (int n : {16, 15}) {
    const auto data = make({n, 21, 4, 1.0, 0.3}, 2);
    for (const auto* set : {&data.train, &data.test}) {
      const auto positives = (set->labels.array() > 0).count();
      BOOST_TEST(std::abs(2 * positives - set->labels.size()) <= 1);
      BOOST_TEST((set->labels.array().abs() == 1.0).all());
      for (Eigen::Index i = 0; i < set->signal.cols(); ++i)
        BOOST_TEST(source_of(set->signal.col(i), set->labels(i)) >= 0);
    }
  }
}

BOOST_AUTO_TEST_CASE(train_test_and_shown_images_are_disjoint) {
  const auto data = make({20, 30, 4, 1.0, 0.3}, 3);
  std::set<std::pair<double, Eigen::Index>> used;
  std::size_t count = 0;
  for (const auto* set : {&data.train, &data.test})
    for (Eigen::Index i = 0; i < set->signal.cols(); ++i, ++count)
      used.insert({set->labels(i), source_of(set->signal.col(i), set->labels(i))});
  for (Eigen::Index k = 0; k < data.show.cols(); ++k, ++count)
    used.insert({data.show_labels(k), source_of(data.show.col(k), data.show_labels(k))});
  BOOST_TEST(used.size() == count);
  // The shown images are the last ones of each class file, whatever the seed.
  BOOST_TEST(source_of(data.show.col(0), 1.0) == 29);
  BOOST_TEST(source_of(data.show.col(1), 1.0) == 28);
  BOOST_TEST(source_of(data.show.col(2), -1.0) == 29);
  BOOST_TEST((make({20, 30, 4, 1.0, 0.3}, 4).show - data.show).norm() == 0.0);
}

BOOST_AUTO_TEST_CASE(the_seed_decides_the_draw) {
  const NoisyMnistSpec spec{16, 20, 4, 1.0, 0.3};
  const auto a = make(spec, 5), b = make(spec, 5), c = make(spec, 6);
  BOOST_TEST((a.train.signal - b.train.signal).norm() == 0.0);
  BOOST_TEST((a.test.noise - b.test.noise).norm() == 0.0);
  BOOST_TEST((a.train.signal - c.train.signal).norm() > 0.0);
}

BOOST_AUTO_TEST_CASE(too_few_images_is_an_error_that_counts_them) {
  try {
    make({30, 30, 4, 1.0, 0.3}, 7);
    BOOST_FAIL("no error");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(std::string(e.what()).find("has 30 images") != std::string::npos, e.what());
  }
}
