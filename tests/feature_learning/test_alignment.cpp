#define BOOST_TEST_MODULE feature_learning_metrics
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "feature_learning/alignment.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;

BOOST_AUTO_TEST_CASE(signal_noise_and_ratio_follow_the_definitions) {
  // d = 4: features on e1, e2 with norm 2; two noise patches on e3, e4.
  Eigen::MatrixXd features = Eigen::MatrixXd::Zero(4, 2);
  features(0, 0) = 2;
  features(1, 1) = 2;
  Eigen::MatrixXd noise = Eigen::MatrixXd::Zero(4, 2);
  noise(2, 0) = 1;
  noise(3, 1) = 3;
  Eigen::MatrixXd w(4, 2);
  w.col(0) << 1.0, -0.5, 2.0, 0.0;
  w.col(1) << -0.25, 1.5, 0.0, -1.0;
  const Alignment a = measure_alignment(w, features, noise);
  // S = mean(max(|2|, |-0.5|), max(|-1|, |3|)) = (2 + 3) / 2.
  BOOST_TEST(a.signal == 2.5);
  // N = mean(max(|2|, 0), max(0, |-3|)) = (2 + 3) / 2.
  BOOST_TEST(a.noise == 2.5);
  BOOST_TEST(a.ratio == 1.0);
}

BOOST_AUTO_TEST_CASE(mean_patch_cosine_is_the_best_filter_alignment_with_the_mean_patch) {
  Eigen::MatrixXd signal(3, 2), noise(3, 2);
  signal << 1, 1, 0, 0, 0, 0;  // mean of the four patches: (2, 2, 0) / 4
  noise << 0, 0, 1, 1, 0, 0;
  Eigen::MatrixXd w(3, 2);
  w.col(0) << 0, 0, 5;   // orthogonal
  w.col(1) << -3, 0, 0;  // |cos| = 1/sqrt(2)
  BOOST_TEST(mean_patch_cosine(w, signal, noise) == std::sqrt(0.5),
             boost::test_tools::tolerance(1e-12));
}
