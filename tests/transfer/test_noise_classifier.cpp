#define BOOST_TEST_MODULE noise_classifier
#include <algorithm>
#include <boost/test/data/test_case.hpp>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <vector>

#include "tests/support/finite_difference.hpp"
#include "transfer/gaussian_mixture.hpp"
#include "transfer/network_input.hpp"
#include "transfer/noise_classifier.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;
using namespace diffsweep::testing;

namespace {
const MixtureShape shape{2, 4, 2.0, 0.3};
const DomainShift change{0.5, 1.0, 0.0};
const VpSde sde;

NoiseClassifierData unlabelled(const Eigen::MatrixXd& source, const Eigen::MatrixXd& target) {
  NoiseClassifierData data;
  data.source = &source;
  data.target = &target;
  return data;
}
// The diffused mixture's exact score at per-column times.
TimedScore exact_score(const GaussianMixture& p) {
  return [p](const Eigen::MatrixXd& x, const Eigen::VectorXd& t, const Eigen::VectorXi&) {
    Eigen::MatrixXd out(x.rows(), x.cols());
    for (Eigen::Index i = 0; i < x.cols(); ++i)
      out.col(i) = score(diffuse(p, sde, t[i]), Eigen::MatrixXd(x.col(i)));
    return out;
  };
}
}  // namespace

// The guidance is the logit's input gradient, through the network's reverse pass.
BOOST_AUTO_TEST_CASE(the_guidance_is_the_gradient_of_the_logit) {
  std::mt19937_64 rng(1);
  NoiseClassifier c{{make_mlp(2 + time_features, 1, 8, 2, rng), 100.0}, sde, 2, 0};
  const Eigen::MatrixXd x = random_matrix(2, 5, rng);
  const double t = 0.3;
  const Eigen::MatrixXd g = noise_guidance(c, x, t);
  for (Eigen::Index i = 0; i < x.cols(); ++i) {
    const Eigen::VectorXd fd = numeric_gradient(
        [&](const Eigen::VectorXd& xi) {
          return noise_logit(c, Eigen::MatrixXd(xi), Eigen::VectorXd::Constant(1, t))[0];
        },
        Eigen::VectorXd(x.col(i)));
    BOOST_TEST(relative_error(Eigen::VectorXd(g.col(i)), fd) < 1e-6);
  }
}

// Trained on plentiful diffused data of two mixtures whose diffused densities are known, its
// logit is log q_t/p_t and its gradient the exact guidance, where the source has its mass; with
// the score-matching term too (given the exact source score), whose minimiser is the same.
BOOST_DATA_TEST_CASE(plentiful_data_gives_the_exact_log_ratio_at_every_time,
                     boost::unit_test::data::make({0.0, 1.0}), score_matching) {
  const auto p = source_mixture(shape), q = target_mixture(shape, change);
  std::mt19937_64 rng(2);
  const Eigen::MatrixXd source = sample(p, 4000, rng), target = sample(q, 4000, rng);
  ClassifierSettings s;
  s.width = 64;
  s.depth = 3;
  s.train = {4000, 256, 1e-3};
  s.weight_decay = 1e-5;
  NoiseClassifierData data = unlabelled(source, target);
  data.score_matching = score_matching;
  data.source_score = exact_score(p);
  const NoiseClassifier c = train_noise_classifier(data, s, sde, 1e-3, rng);
  for (const double t : {0.05, 0.2, 0.5, 0.9}) {
    const GaussianMixture pt = diffuse(p, sde, t), qt = diffuse(q, sde, t);
    const Eigen::MatrixXd x = sample(pt, 1000, rng);
    const Eigen::VectorXd exact = log_density(qt, x) - log_density(pt, x);
    const Eigen::VectorXd logit = noise_logit(c, x, Eigen::VectorXd::Constant(x.cols(), t));
    const double logit_err = (logit - exact).cwiseAbs().mean();
    const Eigen::MatrixXd g = noise_guidance(c, x, t), g_exact = exact_guidance(p, q, sde, t, x);
    const double guidance_err = (g - g_exact).colwise().norm().mean();
    const double guidance_size = g_exact.colwise().norm().mean();
    BOOST_TEST_MESSAGE("score matching "
                       << score_matching << ", t = " << t << ": mean |logit - log q_t/p_t| "
                       << logit_err << " (mean |log q_t/p_t| " << exact.cwiseAbs().mean()
                       << "), mean |guidance error| " << guidance_err << " (mean |guidance| "
                       << guidance_size << ")");
    BOOST_TEST(logit_err < 0.25);
    // Relative to the guidance where it matters; where it fades (t near 1), against the
    // diffused data's own score scale, 1 / sigma_t.
    BOOST_TEST(guidance_err < std::max(0.3 * guidance_size, 0.05 / sde.sigma(t)));
  }
}

// The score-matching term's gradient (a loss on the logit's input gradient) matches finite
// differences, and its weight scales it.
BOOST_AUTO_TEST_CASE(the_score_matching_gradient_matches_finite_differences) {
  std::mt19937_64 rng(5);
  const auto p = source_mixture(shape);
  const Eigen::MatrixXd target = random_matrix(2, 6, rng);
  NoiseClassifierData data = unlabelled(target, target);
  data.score_matching = 0.8;
  const DiffusedBatch b = diffused_batch(target, 6, sde, 1e-3, rng);
  const Eigen::MatrixXd score = exact_score(p)(b.xt, b.t, b.labels);
  Mlp net = make_mlp(2 + time_features, 1, 8, 2, rng);
  Eigen::VectorXd grad = Eigen::VectorXd::Zero(net.theta.size());
  const double value = classifier_score_matching(net, data, sde, b, score, &grad);
  const Eigen::VectorXd fd = numeric_gradient(
      [&](const Eigen::VectorXd& th) {
        Mlp other = net;
        other.theta = th;
        return classifier_score_matching(other, data, sde, b, score, nullptr);
      },
      net.theta);
  BOOST_TEST(relative_error(grad, fd) < 1e-6);
  data.score_matching = 1.6;
  BOOST_TEST(classifier_score_matching(net, data, sde, b, score, nullptr) == 2 * value,
             boost::test_tools::tolerance(1e-12));
}

// noise_clf_width = auto: the width whose best step count has the least held-out loss, every
// width scored on the same folds and draws (so each loss can be recomputed alone and compared),
// and the settings returned with that width and its step count.
BOOST_AUTO_TEST_CASE(the_chosen_width_has_the_least_held_out_loss) {
  const auto p = source_mixture(shape), q = target_mixture(shape, change);
  std::mt19937_64 draw(3);
  const Eigen::MatrixXd source = sample(p, 1000, draw), target = sample(q, 200, draw);
  const NoiseClassifierData data = unlabelled(source, target);
  ClassifierSettings s;
  s.depth = 2;
  s.train = {0, 128, 2e-3};
  s.weight_decay = 1e-4;
  const std::vector<int> widths = {4, 16, 64};
  std::mt19937_64 rng(4);
  const std::mt19937_64 start = rng;
  const ClassifierSettings chosen =
      choose_noise_classifier_size(data, s, sde, 1e-3, widths, 1600, 3, rng);
  std::vector<double> losses;
  int least = 0;
  for (const int width : widths) {
    std::mt19937_64 same = start;
    ClassifierSettings c = s;
    c.width = width;
    const HeldOutChoice h = choose_noise_classifier_steps(data, c, sde, 1e-3, 1600, 3, same);
    losses.push_back(h.loss);
    if (h.loss <= *std::min_element(losses.begin(), losses.end())) least = width;
    if (width == chosen.width) BOOST_TEST(h.steps == chosen.train.steps);
    BOOST_TEST_MESSAGE("width " << width << ": held-out loss " << h.loss << " at " << h.steps
                                << " steps");
  }
  BOOST_TEST(chosen.width == least);
  // The losses differ: the choice is not a tie broken by order.
  BOOST_TEST(*std::max_element(losses.begin(), losses.end()) >
             *std::min_element(losses.begin(), losses.end()));
  BOOST_TEST(chosen.depth == 2);  // nothing else changed
}
