#define BOOST_TEST_MODULE diffusion_model
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "feature_learning/diffusion_model.hpp"
#include "feature_learning/two_patch_data.hpp"
#include "tests/support/finite_difference.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;

namespace {

// The loss written out literally, column by column, to check the fast evaluation against.
double reference_loss(const DiffusionProblem& p, const Eigen::MatrixXd& w) {
  const double m = static_cast<double>(w.cols());
  double total = 0;
  for (int patch = 0; patch < 2; ++patch)
    for (int k = 0; k < p.n_eps; ++k)
      for (int i = 0; i < p.n; ++i) {
        const Eigen::VectorXd z = p.xt.col((patch * p.n_eps + k) * p.n + i);
        const Eigen::VectorXd eps = (z - p.alpha * p.x0.col(patch * p.n + i)) / p.beta;
        Eigen::VectorXd f = Eigen::VectorXd::Zero(z.size());
        for (Eigen::Index r = 0; r < w.cols(); ++r)
          f += std::pow(w.col(r).dot(z), 2) * w.col(r) / m;
        total += (f - eps).squaredNorm();
      }
  return total / (2.0 * p.n * p.n_eps);
}

struct Instance {
  DiffusionProblem problem;
  Eigen::MatrixXd w;
};

Instance random_instance(std::uint64_t seed, bool antithetic) {
  std::mt19937_64 rng(seed);
  const auto data = make_two_patch_data({7, 3, 1.0, 0.8}, rng);
  Instance in{make_diffusion_problem(data.signal, data.noise, 0.4, 4, antithetic, rng),
              Eigen::MatrixXd(7, 3)};
  fill_standard_normal(in.w, rng);
  in.w *= 0.6;
  return in;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fast_loss_equals_the_literal_loss) {
  for (std::uint64_t seed : {1, 2, 3}) {
    auto [problem, w] = random_instance(seed, seed % 2 == 0);
    DiffusionWorkspace ws(problem, static_cast<int>(w.cols()));
    BOOST_TEST(diffusion_loss(problem, w, ws, nullptr) == reference_loss(problem, w),
               boost::test_tools::tolerance(1e-11));
  }
}

BOOST_AUTO_TEST_CASE(gradient_matches_central_differences) {
  for (std::uint64_t seed : {11, 12, 13, 14}) {
    auto [problem, w] = random_instance(seed, seed % 2 == 0);
    DiffusionWorkspace ws(problem, static_cast<int>(w.cols()));
    Eigen::MatrixXd grad(w.rows(), w.cols());
    diffusion_loss(problem, w, ws, &grad);
    const double rel = testing::relative_error(
        testing::numeric_matrix_gradient(
            [&](const Eigen::MatrixXd& m) { return reference_loss(problem, m); }, w),
        grad.reshaped());
    BOOST_TEST_MESSAGE("diffusion gradient relative error " << rel);
    BOOST_TEST(rel < 1e-6);
  }
}

BOOST_AUTO_TEST_CASE(antithetic_draws_come_in_opposite_pairs) {
  std::mt19937_64 rng(5);
  const auto data = make_two_patch_data({5, 2, 1.0, 0.5}, rng);
  const auto p = make_diffusion_problem(data.signal, data.noise, 1.0, 4, true, rng);
  for (int patch = 0; patch < 2; ++patch)
    for (int k = 0; k < 2; ++k) {
      const Eigen::MatrixXd plus = p.xt.middleCols((patch * 4 + k) * 2, 2);
      const Eigen::MatrixXd minus = p.xt.middleCols((patch * 4 + k + 2) * 2, 2);
      // x_t = alpha x0 +- beta eps: the pair averages to alpha x0.
      BOOST_TEST(((plus + minus) / 2 - p.alpha * p.x0.middleCols(patch * 2, 2)).norm() < 1e-12);
    }
  BOOST_CHECK_THROW(make_diffusion_problem(data.signal, data.noise, 1.0, 3, true, rng),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(curvature_matches_a_second_difference_of_the_averaged_loss) {
  // With many antithetic draws the loss along W = s u (u the unit mean patch) is close to its
  // eps-average, whose second derivative at the minimum diffusion_curvature() returns.
  std::mt19937_64 rng(6);
  const auto data = make_two_patch_data({40, 4, 0.2, 0.5}, rng);
  const auto p = make_diffusion_problem(data.signal, data.noise, 1.0, 4000, true, rng);
  DiffusionWorkspace ws(p, 1);
  const Eigen::VectorXd u = p.x0.rowwise().mean().normalized();
  auto loss_at = [&](double s) { return diffusion_loss(p, Eigen::MatrixXd(s * u), ws, nullptr); };
  double best = 0, best_loss = loss_at(0);
  for (double s = 0.01; s < 3; s += 0.001)
    if (const double l = loss_at(s); l < best_loss) best_loss = l, best = s;
  const double h = 1e-3;
  const double second = (loss_at(best + h) - 2 * loss_at(best) + loss_at(best - h)) / (h * h);
  BOOST_TEST(second / diffusion_curvature(p) == 1.0, boost::test_tools::tolerance(0.1));
}

BOOST_AUTO_TEST_CASE(chunked_evaluation_matches_the_literal_loss_and_its_derivatives) {
  // At d = 4100 the step walks x_t in chunks of 16 columns, so n = 40 samples take three chunks
  // per block (16, 16, 8): check loss and gradient there too, the gradient along random directions.
  std::mt19937_64 rng(8);
  const auto data = make_two_patch_data({4100, 40, 1.0, 0.3}, rng);
  const auto p = make_diffusion_problem(data.signal, data.noise, 1.0, 2, true, rng);
  Eigen::MatrixXd w(4100, 2);
  fill_standard_normal(w, rng);
  w *= 0.02;
  DiffusionWorkspace ws(p, 2);
  BOOST_REQUIRE(ws.a.cols() == 16);
  Eigen::MatrixXd grad(4100, 2);
  BOOST_TEST(diffusion_loss(p, w, ws, &grad) == reference_loss(p, w),
             boost::test_tools::tolerance(1e-11));
  for (int k = 0; k < 3; ++k) {
    Eigen::MatrixXd v(4100, 2);
    fill_standard_normal(v, rng);
    v *= w.norm() / v.norm();  // a step of w's own size, so h^2 truncation stays negligible
    const double h = 1e-5;
    const double numeric = (reference_loss(p, w + h * v) - reference_loss(p, w - h * v)) / (2 * h);
    const double analytic = (grad.array() * v.array()).sum();
    const double rel = std::abs(numeric - analytic) / std::abs(analytic);
    BOOST_TEST_MESSAGE("chunked diffusion directional derivative relative error " << rel);
    BOOST_TEST(rel < 1e-6);
  }
}

BOOST_AUTO_TEST_CASE(excess_loss_is_the_loss_less_the_zero_network_s_with_the_same_gradient) {
  for (std::uint64_t seed : {21, 22}) {
    auto [problem, w] = random_instance(seed, seed % 2 == 0);
    DiffusionWorkspace ws(problem, static_cast<int>(w.cols()));
    Eigen::MatrixXd grad(w.rows(), w.cols()), excess_grad(w.rows(), w.cols());
    const double loss = diffusion_loss(problem, w, ws, &grad);
    const double excess = diffusion_excess_loss(problem, w, ws, &excess_grad);
    BOOST_TEST(diffusion_zero_loss(problem) ==
                   reference_loss(problem, Eigen::MatrixXd::Zero(w.rows(), w.cols())),
               boost::test_tools::tolerance(1e-12));
    BOOST_TEST(excess + diffusion_zero_loss(problem) == loss, boost::test_tools::tolerance(1e-12));
    BOOST_TEST((excess_grad.array() == grad.array()).all());
  }
}
