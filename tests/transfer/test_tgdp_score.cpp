// TGDP's sampler score: the source score plus guidance_scale times the guidance. With the exact
// guidance it is that sum exactly; with none (scale 0) it is the source score, learned or exact;
// a guidance network regressing the exact ratio comes nearer the exact guidance than none; each
// estimator records what it trained; the same generator gives the same score.
#define BOOST_TEST_MODULE tgdp_score
#include <boost/test/unit_test.hpp>
#include <map>
#include <random>
#include <string>

#include "tests/support/finite_difference.hpp"
#include "tests/support/small_transfer.hpp"
#include "transfer/tgdp_score.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;
using namespace diffsweep::testing;

namespace {

using Metrics = std::map<std::string, double>;
using Settings = std::vector<std::pair<std::string, std::string>>;

// Its sweep seed and replicate.
struct Fixture : test::SmallTransferPoint {
  explicit Fixture(const Settings& values) : SmallTransferPoint(values, 4, 0) {}
};

Eigen::MatrixXd points(int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  return 2.0 * random_matrix(2, n, rng);
}

}  // namespace

BOOST_AUTO_TEST_CASE(with_the_exact_guidance_it_is_the_source_score_plus_scale_times_it) {
  const Fixture f({{"oracle", "guidance"}, {"guidance_scale", "0.5"}, {"target_shift", "1.5"}});
  std::mt19937_64 rng(1);
  Metrics metrics;
  const LabelledScore s = tgdp_score(f.point, rng, metrics);
  BOOST_TEST(metrics.empty());
  const Eigen::MatrixXd x = points(8, 2);
  const Eigen::VectorXi none;
  for (double t : {0.01, 0.3, 0.9}) {
    const Eigen::MatrixXd expected =
        score(f.model.model, x, t) +
        0.5 * exact_guidance(f.point.source, f.point.target, f.point.sde, t, x);
    BOOST_TEST((s(x, t, none) - expected).norm() < 1e-9 * expected.norm());
  }
}

BOOST_AUTO_TEST_CASE(at_scale_zero_it_is_the_source_score_learned_or_exact) {
  const Eigen::MatrixXd x = points(6, 3);
  const Eigen::VectorXi none;
  for (const char* estimator : {"regression", "classifier"}) {
    const Fixture learned({{"guidance_scale", "0"},
                           {"guidance_estimator", estimator},
                           {"noise_clf_width", "8"},
                           {"noise_clf_steps", "50"}});
    std::mt19937_64 rng(2);
    Metrics metrics;
    const LabelledScore s = tgdp_score(learned.point, rng, metrics);
    BOOST_TEST((s(x, 0.2, none) - score(learned.model.model, x, 0.2)).norm() == 0.0);
  }
  const Fixture exact(
      {{"guidance_scale", "0"}, {"oracle", "source"}, {"guidance_estimator", "regression"}});
  std::mt19937_64 rng(2);
  Metrics metrics;
  const LabelledScore s = tgdp_score(exact.point, rng, metrics);
  BOOST_TEST(
      (s(x, 0.2, none) - mixture_score(exact.point.source, exact.point.sde, 0.2, x, none)).norm() <
      1e-12);
}

// oracle = ratio: the guidance network regresses the exact q/p; its grad log h then points the
// way of the exact guidance where the target's samples are, nearer it than no guidance at all.
// (Trained longer on these 2000 source points, it comes less near: 1500 steps give a cosine of
// 0.8, 4000 of 0.6.)
BOOST_AUTO_TEST_CASE(a_guidance_network_on_the_exact_ratio_comes_near_the_exact_guidance) {
  const Fixture f({{"oracle", "ratio"},
                   {"guidance_estimator", "regression"},
                   {"target_shift", "1.0"},
                   {"n_source", "2000"},
                   {"guidance_width", "32"},
                   {"guidance_steps", "500"},
                   {"guidance_batch", "128"},
                   {"guidance_lr", "0.003"}});
  std::mt19937_64 rng(3);
  Metrics metrics;
  const LabelledScore s = tgdp_score(f.point, rng, metrics);
  // What it trained: no classifier (the ratio is exact), a guidance network.
  BOOST_TEST(metrics.count("time_classifier") == 1u);
  BOOST_TEST(metrics.count("time_guidance") == 1u);
  BOOST_TEST(metrics.count("clf_steps_used") == 0u);
  BOOST_TEST(metrics.count("ratio_l1") == 0u);
  std::mt19937_64 draw(4);
  const Eigen::VectorXi none;
  for (double t : {0.3, 0.6}) {
    const Eigen::MatrixXd x = sample(diffuse(f.point.target, f.point.sde, t), 500, draw);
    const Eigen::MatrixXd learned = s(x, t, none) - score(f.model.model, x, t);
    const Eigen::MatrixXd exact = exact_guidance(f.point.source, f.point.target, f.point.sde, t, x);
    const double err = (learned - exact).norm(), none_err = exact.norm();
    const double cos = (learned.array() * exact.array()).sum() / (learned.norm() * none_err);
    BOOST_TEST_MESSAGE("t " << t << ": |learned - exact| " << err << ", |exact| " << none_err
                            << ", cosine " << cos);
    BOOST_TEST(err < 0.7 * none_err);
    BOOST_TEST(cos > 0.8);
  }
}

BOOST_AUTO_TEST_CASE(a_learned_ratio_records_its_classifier_and_its_error) {
  const Fixture f(
      {{"guidance_estimator", "regression"}, {"target_shift", "1.0"}, {"clf_steps", "150"}});
  std::mt19937_64 rng(5);
  Metrics metrics;
  const LabelledScore s = tgdp_score(f.point, rng, metrics);
  BOOST_TEST(metrics.at("clf_steps_used") == 150.0);
  // E_p |w_hat - w| of a classifier trained on 50 target points: finite, and not zero.
  BOOST_TEST(metrics.at("ratio_l1") > 0.0);
  BOOST_TEST(metrics.at("ratio_l1") < 10.0);
  BOOST_TEST(metrics.at("time_guidance") >= 0.0);

  const Fixture c({{"guidance_estimator", "classifier"},
                   {"noise_clf_width", "8"},
                   {"noise_clf_depth", "1"},
                   {"noise_clf_steps", "60"}});
  Metrics classifier_metrics;
  std::mt19937_64 rng2(5);
  const LabelledScore sc = tgdp_score(c.point, rng2, classifier_metrics);
  BOOST_TEST(classifier_metrics.at("clf_steps_used") == 60.0);
  BOOST_TEST(classifier_metrics.at("clf_width_used") == 8.0);
  BOOST_TEST(classifier_metrics.count("time_classifier") == 1u);
  BOOST_TEST(classifier_metrics.count("ratio_l1") == 0u);
  const Eigen::MatrixXd x = points(5, 6);
  BOOST_TEST((sc(x, 0.2, Eigen::VectorXi()) - score(c.model.model, x, 0.2)).norm() > 0.0);
}

// oracle = source with the classifier estimator: the exact source score plus the guidance the
// learned-source point trains, so that row's error is the classifier's guidance alone. The
// classifier reads the source score only through its score-matching term, which the oracle gives
// the exact score too.
BOOST_AUTO_TEST_CASE(the_classifier_oracle_row_adds_the_same_guidance_to_the_exact_source_score) {
  const Eigen::MatrixXd x = points(6, 9);
  const Eigen::VectorXi none;
  for (const char* score_matching : {"0", "1"}) {
    Settings settings = {{"guidance_estimator", "classifier"},
                         {"target_shift", "1.0"},
                         {"noise_clf_width", "8"},
                         {"noise_clf_steps", "50"},
                         {"noise_clf_score_matching", score_matching}};
    const Fixture learned(settings);
    settings.emplace_back("oracle", "source");
    const Fixture oracle(settings);
    std::mt19937_64 a(10), b(10);
    Metrics ma, mb;
    const LabelledScore sl = tgdp_score(learned.point, a, ma), so = tgdp_score(oracle.point, b, mb);
    const Eigen::MatrixXd learned_guidance = sl(x, 0.3, none) - score(learned.model.model, x, 0.3);
    const Eigen::MatrixXd oracle_guidance =
        so(x, 0.3, none) - mixture_score(oracle.point.source, oracle.point.sde, 0.3, x, none);
    BOOST_TEST(learned_guidance.norm() > 0.0);
    const double gap = (oracle_guidance - learned_guidance).norm() / learned_guidance.norm();
    BOOST_TEST_MESSAGE("score matching " << score_matching << ": guidance gap " << gap);
    if (std::string(score_matching) == "0")
      BOOST_TEST(gap < 1e-12);
    else
      BOOST_TEST(gap > 1e-6);
  }
}

BOOST_AUTO_TEST_CASE(the_same_generator_gives_the_same_score) {
  const Fixture f({{"guidance_estimator", "regression"}, {"oracle", "ratio"}, {"eta1", "0.5"}});
  std::mt19937_64 a(8), b(8), c(9);
  Metrics ma, mb, mc;
  const LabelledScore sa = tgdp_score(f.point, a, ma), sb = tgdp_score(f.point, b, mb),
                      sc = tgdp_score(f.point, c, mc);
  const Eigen::MatrixXd x = points(4, 7);
  const Eigen::VectorXi none;
  BOOST_TEST((sa(x, 0.4, none) - sb(x, 0.4, none)).norm() == 0.0);
  BOOST_TEST((sa(x, 0.4, none) - sc(x, 0.4, none)).norm() > 0.0);
}
