// TGDP's two baselines. finetune starts from the source model (a fine-tuning of step size 0 is it
// exactly) and leaves the shared source model as it was; both, trained on target data far from
// the source, come nearer the exact target score than the source score does; target_only reads
// labels when the point is conditional.
#define BOOST_TEST_MODULE baseline_scores
#include <boost/test/unit_test.hpp>
#include <random>

#include "tests/support/finite_difference.hpp"
#include "tests/support/small_transfer.hpp"
#include "transfer/baseline_scores.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;
using namespace diffsweep::testing;

namespace {

using Settings = std::vector<std::pair<std::string, std::string>>;

// Its sweep seed and replicate.
struct Fixture : test::SmallTransferPoint {
  explicit Fixture(const Settings& values) : SmallTransferPoint(values, 12, 1) {}
};

// E |s - s_q|^2 over samples of the diffused target q_t.
double error_to_target(const TransferPoint& point, const LabelledScore& s, double t) {
  std::mt19937_64 rng(99);
  const Eigen::MatrixXd x = sample(diffuse(point.target, point.sde, t), 1000, rng);
  const Eigen::VectorXi none;
  return (s(x, t, none) - point.exact_target_score()(x, t, none)).squaredNorm() / 1000.0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(finetuning_at_step_size_zero_is_the_source_model_which_stays_as_it_was) {
  const Fixture f({{"finetune_lr", "0"}, {"finetune_steps", "20"}});
  const Eigen::VectorXd before = f.model.model.net.theta;
  std::mt19937_64 rng(1);
  const LabelledScore frozen = finetune_score(f.point, rng);
  std::mt19937_64 draw(2);
  const Eigen::MatrixXd x = 2.0 * random_matrix(2, 7, draw);
  const Eigen::VectorXi none;
  for (double t : {0.01, 0.5})
    BOOST_TEST((frozen(x, t, none) - f.point.learned_source_score()(x, t, none)).norm() == 0.0);

  const Fixture g(Settings{{"finetune_steps", "50"}});
  const LabelledScore tuned = finetune_score(g.point, rng);
  BOOST_TEST((tuned(x, 0.1, none) - g.point.learned_source_score()(x, 0.1, none)).norm() > 0.0);
  // The source model other points share is untouched.
  BOOST_TEST(
      (g.model.model.net.theta - build_source_model(g.settings, 12).model.net.theta).norm() == 0.0);
  BOOST_TEST((f.model.model.net.theta - before).norm() == 0.0);
}

// The target moved far from the source: trained on its 200 points, both baselines' scores are
// nearer the target's than the source model's is.
BOOST_AUTO_TEST_CASE(trained_on_target_data_both_come_nearer_the_target_score) {
  const Fixture f({{"target_shift", "2.5"},
                   {"n_target", "200"},
                   {"source_steps", "600"},
                   {"target_steps", "600"},
                   {"finetune_steps", "400"},
                   {"finetune_lr", "0.002"}});
  std::mt19937_64 rng(3);
  const LabelledScore target_only = target_only_score(f.point, rng);
  const LabelledScore finetune = finetune_score(f.point, rng);
  const LabelledScore source = f.point.learned_source_score();
  for (double t : {0.25, 0.5}) {
    const double e_source = error_to_target(f.point, source, t);
    const double e_target_only = error_to_target(f.point, target_only, t);
    const double e_finetune = error_to_target(f.point, finetune, t);
    BOOST_TEST_MESSAGE("t " << t << ": E|s - s_q|^2 source " << e_source << ", target_only "
                            << e_target_only << ", finetune " << e_finetune);
    BOOST_TEST(e_target_only < 0.5 * e_source);
    BOOST_TEST(e_finetune < 0.5 * e_source);
  }
}

BOOST_AUTO_TEST_CASE(target_only_is_conditional_when_the_point_is_and_seeded_by_its_generator) {
  const Fixture f({{"conditional", "true"}, {"target_steps", "50"}});
  std::mt19937_64 a(4), b(4), c(5);
  const LabelledScore sa = target_only_score(f.point, a), sb = target_only_score(f.point, b),
                      sc = target_only_score(f.point, c);
  std::mt19937_64 draw(6);
  const Eigen::MatrixXd x = random_matrix(2, 3, draw);
  const Eigen::Vector3i first(0, 0, 0), last(3, 3, 3);
  BOOST_TEST((sa(x, 0.2, first) - sa(x, 0.2, last)).norm() > 0.0);
  BOOST_TEST((sa(x, 0.2, first) - sb(x, 0.2, first)).norm() == 0.0);
  BOOST_TEST((sa(x, 0.2, first) - sc(x, 0.2, first)).norm() > 0.0);
}
