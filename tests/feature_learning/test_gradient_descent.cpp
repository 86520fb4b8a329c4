#define BOOST_TEST_MODULE gradient_descent
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>
#include <random>

#include "feature_learning/diffusion_model.hpp"
#include "feature_learning/gradient_descent.hpp"
#include "feature_learning/two_patch_data.hpp"
#include "tests/support/finite_difference.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;

namespace {
// L(W) = 0.5 * sum(c .* W.^2): curvature c per entry.
Objective quadratic(Eigen::MatrixXd curvature) {
  return [c = std::move(curvature)](const Eigen::MatrixXd& w, Eigen::MatrixXd& g) {
    g = c.cwiseProduct(w);
    return 0.5 * (c.array() * w.array().square()).sum();
  };
}

GdSettings settings(double step, long max_steps, double grad_tol, long log_every,
                    Descent method = Descent::gd) {
  GdSettings s;
  s.step = step;
  s.max_steps = max_steps;
  s.grad_tol = grad_tol;
  s.log_every = log_every;
  s.method = method;
  return s;
}

// A small m-filter diffusion problem with a wide range of curvatures: four filters, large clean
// patches (t = 0.5), few draws.
struct DiffusionInstance {
  DiffusionProblem problem;
  Eigen::MatrixXd w;
};

DiffusionInstance diffusion_instance(std::uint64_t seed, int m) {
  std::mt19937_64 rng(seed);
  const auto data = make_two_patch_data({30, 8, 1.0, 0.6}, rng);
  DiffusionInstance in{make_diffusion_problem(data.signal, data.noise, 0.5, 4, true, rng),
                       Eigen::MatrixXd(30, m)};
  fill_standard_normal(in.w, rng);
  in.w *= 0.05;
  return in;
}

Objective diffusion_objective(const DiffusionProblem& p, DiffusionWorkspace& ws) {
  return [&p, &ws](const Eigen::MatrixXd& w, Eigen::MatrixXd& g) {
    return diffusion_excess_loss(p, w, ws, &g);
  };
}

}  // namespace

BOOST_AUTO_TEST_CASE(stops_at_the_stationary_point) {
  Eigen::MatrixXd w = Eigen::MatrixXd::Ones(2, 2);
  const auto out = gradient_descent(w, quadratic(Eigen::MatrixXd::Constant(2, 2, 1.0)),
                                    settings(0.5, 1000, 1e-6, 0), nullptr);
  BOOST_TEST(out.converged);
  BOOST_TEST(!out.diverged);
  // Each step halves the gradient (the step 0.5 passes Armijo's test, so it is never shortened):
  // 2^-20 < 1e-6 <= 2^-19.
  BOOST_TEST(out.steps == 20);
  BOOST_TEST(out.evaluations == 21);
  BOOST_TEST(out.step_min == 0.5);
  BOOST_TEST(out.step_max == 0.5);
  BOOST_TEST(out.grad_norm <= 1e-6 * out.grad_norm0);
  BOOST_TEST(w.norm() < 1e-5);
}

BOOST_AUTO_TEST_CASE(stops_at_iters_without_converging) {
  Eigen::MatrixXd w = Eigen::MatrixXd::Ones(1, 1);
  const auto out = gradient_descent(w, quadratic(Eigen::MatrixXd::Ones(1, 1)),
                                    settings(0.01, 50, 1e-6, 0), nullptr);
  BOOST_TEST(!out.converged);
  BOOST_TEST(out.steps == 50);
  BOOST_TEST(w(0, 0) == std::pow(0.99, 50), boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(a_step_past_the_stability_edge_is_halved_instead_of_diverging) {
  // Step 3 on curvature 1 multiplies w by -2 (the loss by 4): fixed-step descent overflows. The
  // line search halves it to 1.5 (w times -0.5), accepts, then tries 1.5 * 2^(1/16) and so on.
  Eigen::MatrixXd w = Eigen::MatrixXd::Ones(1, 1);
  const auto out = gradient_descent(w, quadratic(Eigen::MatrixXd::Ones(1, 1)),
                                    settings(3.0, 100000, 1e-6, 0), nullptr);
  BOOST_TEST(!out.diverged);
  BOOST_TEST(out.converged);
  BOOST_TEST(out.step_max < 2.0);  // every accepted step is inside the stability edge
  BOOST_TEST(out.evaluations > out.steps + 1);
  BOOST_TEST(std::abs(w(0, 0)) < 1e-5);
}

BOOST_AUTO_TEST_CASE(flags_a_non_finite_gradient_as_divergence) {
  // A loss that is finite but whose gradient is not once |w| < 0.5: the first accepted step there
  // ends the run as diverged.
  const Objective broken = [](const Eigen::MatrixXd& w, Eigen::MatrixXd& g) {
    g = w;
    if (w.norm() < 0.5) g(0, 0) = std::numeric_limits<double>::quiet_NaN();
    return 0.5 * w.squaredNorm();
  };
  Eigen::MatrixXd w = Eigen::MatrixXd::Ones(1, 1);
  const auto out = gradient_descent(w, broken, settings(0.3, 1000, 1e-6, 0), nullptr);
  BOOST_TEST(out.diverged);
  BOOST_TEST(!out.converged);
  BOOST_TEST(out.steps == 2);  // 1 -> 0.7 -> 0.49
}

BOOST_AUTO_TEST_CASE(a_gradient_that_points_uphill_stalls_the_line_search) {
  // The "gradient" has the wrong sign: no step along its negative lowers the loss.
  const Objective wrong = [](const Eigen::MatrixXd& w, Eigen::MatrixXd& g) {
    g = -w;
    return 0.5 * w.squaredNorm();
  };
  Eigen::MatrixXd w = Eigen::MatrixXd::Ones(1, 1);
  const auto out = gradient_descent(w, wrong, settings(0.1, 1000, 1e-6, 0), nullptr);
  BOOST_TEST(out.stalled);
  BOOST_TEST(!out.converged);
  BOOST_TEST(!out.diverged);
  BOOST_TEST(out.steps == 0);
  BOOST_TEST(w(0, 0) == 1.0);
}

BOOST_AUTO_TEST_CASE(the_line_search_never_increases_the_loss) {
  // The four-filter diffusion loss with a ceiling step 10^4 times too long (fixed-step descent
  // at it diverges in a few steps): every step's loss, for both methods, is at most the last.
  for (const Descent method : {Descent::gd, Descent::lbfgs})
    for (std::uint64_t seed : {1, 2, 3}) {
      auto [problem, w] = diffusion_instance(seed, 4);
      DiffusionWorkspace ws(problem, 4);
      const Objective objective = diffusion_objective(problem, ws);
      std::vector<double> losses;
      const auto out = gradient_descent(
          w, objective, settings(1e4, 400, 0, 1, method),
          [&](long, const Eigen::MatrixXd&, double loss, double) { losses.push_back(loss); });
      BOOST_TEST(!out.diverged);
      BOOST_TEST(out.steps == 400);
      BOOST_TEST(out.evaluations > out.steps + 1);  // steps were shortened
      BOOST_TEST(losses.size() == 401u);
      BOOST_TEST(losses.back() < losses.front());
      for (std::size_t k = 1; k < losses.size(); ++k)
        BOOST_TEST(losses[k] <= losses[k - 1], "step " << k << ", seed " << seed);
    }
  // The fixed step the line search starts from diverges: a single step already raises the loss.
  auto [problem, w] = diffusion_instance(1, 4);
  DiffusionWorkspace ws(problem, 4);
  Eigen::MatrixXd g(w.rows(), w.cols());
  const double before = diffusion_excess_loss(problem, w, ws, &g);
  const Eigen::MatrixXd stepped = w - 1e4 * g;
  BOOST_TEST(diffusion_excess_loss(problem, stepped, ws, nullptr) > before);
}

BOOST_AUTO_TEST_CASE(lbfgs_reaches_the_same_minimum_in_fewer_steps) {
  // An ill-conditioned quadratic (curvatures 1 to 1000): gradient descent at the stable step needs
  // thousands of steps, L-BFGS a few dozen, to the same minimiser.
  Eigen::MatrixXd c(4, 2);
  c << 1, 3, 10, 30, 100, 300, 1000, 2;
  Eigen::MatrixXd w_gd = Eigen::MatrixXd::Ones(4, 2), w_lbfgs = w_gd;
  const auto gd =
      gradient_descent(w_gd, quadratic(c), settings(1.0 / 1000, 100000, 1e-8, 0), nullptr);
  const auto lbfgs = gradient_descent(
      w_lbfgs, quadratic(c), settings(1.0 / 1000, 100000, 1e-8, 0, Descent::lbfgs), nullptr);
  BOOST_TEST(gd.converged);
  BOOST_TEST(lbfgs.converged);
  BOOST_TEST_MESSAGE("steps: gd " << gd.steps << ", lbfgs " << lbfgs.steps);
  BOOST_TEST(lbfgs.steps * 20 < gd.steps);
  // |grad| <= 1e-8 |grad_0| (about 1000) leaves w within 1e-5 of the minimiser 0.
  BOOST_TEST(w_gd.norm() < 2e-5);
  BOOST_TEST(w_lbfgs.norm() < 2e-5);
}

BOOST_AUTO_TEST_CASE(lbfgs_and_gd_reach_the_same_stationary_point_of_the_diffusion_loss) {
  // Two filters, small patches: one basin, so both methods must land on the same filters.
  std::mt19937_64 rng(4);
  const auto data = make_two_patch_data({20, 6, 1.0, 0.7}, rng);
  const auto p = make_diffusion_problem(data.signal, data.noise, 2.0, 16, true, rng);
  Eigen::MatrixXd w0(20, 1);
  fill_standard_normal(w0, rng);
  w0 *= 0.05;
  DiffusionWorkspace ws(p, 1);
  const double step = 0.5 / diffusion_curvature(p);
  Eigen::MatrixXd w_gd = w0, w_lbfgs = w0;
  const auto gd =
      gradient_descent(w_gd, diffusion_objective(p, ws), settings(step, 100000, 1e-6, 0), nullptr);
  const auto lbfgs = gradient_descent(w_lbfgs, diffusion_objective(p, ws),
                                      settings(step, 100000, 1e-6, 0, Descent::lbfgs), nullptr);
  BOOST_TEST_MESSAGE("diffusion steps: gd " << gd.steps << ", lbfgs " << lbfgs.steps);
  BOOST_TEST(gd.converged);
  BOOST_TEST(lbfgs.converged);
  BOOST_TEST(lbfgs.steps < gd.steps);
  BOOST_TEST((w_gd - w_lbfgs).norm() / w_gd.norm() < 1e-5);
}

BOOST_AUTO_TEST_CASE(observer_sees_first_every_kth_and_last_step_once_with_the_step_used) {
  Eigen::MatrixXd w = Eigen::MatrixXd::Ones(1, 1);
  std::vector<long> seen;
  std::vector<double> steps;
  const Observer record = [&](long step, const Eigen::MatrixXd&, double, double step_size) {
    seen.push_back(step);
    steps.push_back(step_size);
  };
  gradient_descent(w, quadratic(Eigen::MatrixXd::Ones(1, 1)), settings(0.01, 25, 0, 10), record);
  BOOST_TEST(seen == (std::vector<long>{0, 10, 20, 25}), boost::test_tools::per_element());
  BOOST_TEST(steps.size() == 4u);
  BOOST_TEST(steps[0] == 0.0);
  for (std::size_t k = 1; k < steps.size(); ++k)
    BOOST_TEST(steps[k] == 0.01, boost::test_tools::tolerance(1e-12));
  seen.clear();
  gradient_descent(w, quadratic(Eigen::MatrixXd::Ones(1, 1)), settings(0.01, 20, 0, 10), record);
  BOOST_TEST(seen == (std::vector<long>{0, 10, 20}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(weight_decay_adds_its_penalty_and_gradient) {
  auto [problem, w] = diffusion_instance(9, 3);
  DiffusionWorkspace ws(problem, 3);
  const double lambda = 0.7;
  const Objective decayed = with_weight_decay(diffusion_objective(problem, ws), lambda);
  Eigen::MatrixXd g(w.rows(), w.cols()), plain(w.rows(), w.cols());
  const double value = decayed(w, g);
  BOOST_TEST(
      value == diffusion_excess_loss(problem, w, ws, &plain) + 0.5 * lambda * w.squaredNorm(),
      boost::test_tools::tolerance(1e-12));
  Eigen::MatrixXd scratch(w.rows(), w.cols());
  const double rel =
      testing::relative_error(testing::numeric_matrix_gradient(
                                  [&](const Eigen::MatrixXd& m) { return decayed(m, scratch); }, w),
                              g.reshaped());
  BOOST_TEST_MESSAGE("weight-decay gradient relative error " << rel);
  BOOST_TEST(rel < 1e-6);
  // Off means off: the objective itself.
  const Objective off = with_weight_decay(diffusion_objective(problem, ws), 0);
  BOOST_TEST(off(w, g) == diffusion_excess_loss(problem, w, ws, &plain));
  BOOST_TEST((g.array() == plain.array()).all());
}
