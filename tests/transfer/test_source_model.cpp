// The pre-trained source model: the same one from the same source settings and sweep seed (every
// rank builds an identical one), trained on source samples (the denoising loss falls, the data's
// spread is read), conditional when asked; and the cache that builds it once per source setting
// and sweep seed, whatever the point's other settings.
#define BOOST_TEST_MODULE source_model
#include <boost/test/unit_test.hpp>
#include <random>

#include "tests/support/small_transfer.hpp"
#include "transfer/source_model.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;

BOOST_AUTO_TEST_CASE(the_same_settings_and_seed_build_the_same_model) {
  const TransferSettings s = test::small_transfer_settings();
  const SourceModel a = build_source_model(s, 5), b = build_source_model(s, 5);
  BOOST_TEST_REQUIRE(a.data.rows() == 2);
  BOOST_TEST_REQUIRE(a.data.cols() == 400);
  BOOST_TEST_REQUIRE(a.labels.size() == 400);
  BOOST_TEST((a.data - b.data).norm() == 0.0);
  BOOST_TEST((a.labels - b.labels).cwiseAbs().sum() == 0);
  BOOST_TEST((a.model.net.theta - b.model.net.theta).norm() == 0.0);
  BOOST_TEST(a.seconds >= 0.0);
  // Another sweep seed draws other data.
  const SourceModel c = build_source_model(s, 6);
  BOOST_TEST((a.data - c.data).norm() > 1.0);
  // A setting the source does not depend on changes nothing; one it depends on, the model.
  const SourceModel d =
      build_source_model(test::small_transfer_settings({{"n_target", "7"}, {"eta1", "1"}}), 5);
  BOOST_TEST((a.model.net.theta - d.model.net.theta).norm() == 0.0);
  const SourceModel e =
      build_source_model(test::small_transfer_settings({{"score_lr", "0.01"}}), 5);
  BOOST_TEST((a.model.net.theta - e.model.net.theta).norm() > 0.0);
}

BOOST_AUTO_TEST_CASE(it_is_trained_on_source_samples) {
  const TransferSettings s =
      test::small_transfer_settings({{"source_steps", "2000"}, {"score_width", "32"}});
  const SourceModel built = build_source_model(s, 9);
  const GaussianMixture p = source_mixture(s.shape);
  // Its data are the source's: each point nearest its own component's mean.
  int own = 0;
  for (Eigen::Index i = 0; i < built.data.cols(); ++i) {
    Eigen::Index nearest;
    (p.means.colwise() - built.data.col(i)).colwise().norm().minCoeff(&nearest);
    own += nearest == built.labels[i];
  }
  BOOST_TEST(own >= 390);
  BOOST_TEST(built.model.t_min == s.t_min);
  BOOST_TEST(built.model.classes == 0);
  // The data's spread, read by the first training: sqrt(mean squared deviation per coordinate).
  const Eigen::MatrixXd centred = built.data.colwise() - built.data.rowwise().mean();
  BOOST_TEST(built.model.data_sd == std::sqrt(centred.squaredNorm() / 800.0),
             boost::test_tools::tolerance(1e-12));
  // The denoising loss on fresh source samples, against an untrained network of the same shape.
  std::mt19937_64 rng(1);
  const Eigen::MatrixXd fresh = sample(p, 2000, rng);
  const DiffusedBatch batch = diffused_batch(fresh, 2000, built.model.sde, s.t_min, rng);
  ScoreModel untrained = make_score_model(2, s.score_width, s.score_depth, rng);
  untrained.data_sd = built.model.data_sd;
  const double trained_loss = dsm_loss(built.model, batch, nullptr);
  const double untrained_loss = dsm_loss(untrained, batch, nullptr);
  // The loss of the exact diffused score, the least any model reaches.
  double exact_loss = 0;
  for (Eigen::Index i = 0; i < batch.xt.cols(); ++i) {
    const double t = batch.t[i];
    const Eigen::VectorXd s_exact = score(diffuse(p, built.model.sde, t), batch.xt.col(i));
    exact_loss += (built.model.sde.sigma(t) * s_exact + batch.eps.col(i)).squaredNorm();
  }
  exact_loss /= double(batch.xt.cols());
  BOOST_TEST_MESSAGE("denoising loss: exact " << exact_loss << ", trained " << trained_loss
                                              << ", untrained " << untrained_loss);
  // Trained: most of the way from the untrained network's loss to the least.
  BOOST_TEST(trained_loss - exact_loss < 0.5 * (untrained_loss - exact_loss));
}

BOOST_AUTO_TEST_CASE(a_conditional_source_model_reads_the_labels) {
  const TransferSettings s = test::small_transfer_settings({{"conditional", "true"}});
  const SourceModel built = build_source_model(s, 3);
  BOOST_TEST(built.model.classes == s.shape.components);
  BOOST_TEST(built.labels.minCoeff() >= 0);
  BOOST_TEST(built.labels.maxCoeff() == s.shape.components - 1);
  const Eigen::MatrixXd x = built.data.leftCols(3);
  const Eigen::Vector3i first(0, 0, 0), last(3, 3, 3);
  BOOST_TEST((score(built.model, x, 0.1, first) - score(built.model, x, 0.1, last)).norm() > 0.0);
  // Unconditional: a network without the label's inputs.
  const SourceModel plain = build_source_model(test::small_transfer_settings(), 3);
  BOOST_TEST(plain.model.classes == 0);
  BOOST_TEST(plain.model.net.theta.size() < built.model.net.theta.size());
}

BOOST_AUTO_TEST_CASE(the_cache_builds_once_per_source_setting_and_sweep_seed) {
  SourceModelCache cache;
  const TransferSettings s = test::small_transfer_settings({{"source_steps", "20"}});
  const auto first = cache.get(s, 1);
  BOOST_TEST(!first.reused);
  const auto again = cache.get(s, 1);
  BOOST_TEST(again.reused);
  BOOST_TEST(again.model.get() == first.model.get());
  // The point's other settings share it.
  const auto other_point =
      cache.get(test::small_transfer_settings(
                    {{"source_steps", "20"}, {"n_target", "9"}, {"method", "finetune"}}),
                1);
  BOOST_TEST(other_point.reused);
  BOOST_TEST(other_point.model.get() == first.model.get());
  // Another sweep seed or source setting builds anew, and the first stays cached.
  const auto seed2 = cache.get(s, 2);
  BOOST_TEST(!seed2.reused);
  BOOST_TEST((seed2.model->data - first.model->data).norm() > 1.0);
  const auto wider =
      cache.get(test::small_transfer_settings({{"source_steps", "20"}, {"score_width", "8"}}), 1);
  BOOST_TEST(!wider.reused);
  BOOST_TEST(cache.get(s, 1).model.get() == first.model.get());
  // What the cache built is what build_source_model builds.
  BOOST_TEST((first.model->model.net.theta - build_source_model(s, 1).model.net.theta).norm() ==
             0.0);
}
