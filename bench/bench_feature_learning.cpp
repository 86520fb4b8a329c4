// Speed of one full-batch gradient step of the feature-learning diffusion model at a realistic
// point, against a plain Eigen GEMM of the step's shape timed in the same run (the roofline the
// step is made of). Usage: bench_feature_learning [d m n n_eps seconds]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "feature_learning/classifier_model.hpp"
#include "feature_learning/diffusion_model.hpp"
#include "feature_learning/two_patch_data.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;

namespace {

using Clock = std::chrono::steady_clock;

// Runs `body` repeatedly for at least `seconds` (after one warm-up call); returns calls per second.
template <class F>
double rate(double seconds, F&& body) {
  body();
  long calls = 0;
  const auto start = Clock::now();
  double elapsed = 0;
  do {
    body();
    ++calls;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < seconds);
  return calls / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  const int d = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int m = argc > 2 ? std::atoi(argv[2]) : 32;
  const int n = argc > 3 ? std::atoi(argv[3]) : 64;
  const int n_eps = argc > 4 ? std::atoi(argv[4]) : 8;
  const double seconds = argc > 5 ? std::atof(argv[5]) : 2.0;

  std::mt19937_64 rng(1);
  const auto data = make_two_patch_data({d, n, 1.0, 0.2}, rng);
  const auto problem = make_diffusion_problem(data.signal, data.noise, 1.0, n_eps, true, rng);
  const Eigen::Index cols = problem.xt.cols();
  Eigen::MatrixXd w(d, m), grad(d, m);
  fill_standard_normal(w, rng);
  w *= 0.01;
  DiffusionWorkspace ws(problem, m);
  volatile double sink = 0;

  const double steps = rate(seconds, [&] {
    sink = sink + diffusion_loss(problem, w, ws, &grad);
    w -= 1e-6 * grad;
  });
  const double flops = diffusion_step_flops(d, m, problem);
  // The five d x m x P products of the literal gradient, which the step's algebra avoids.
  const double literal_flops = 10.0 * d * m * cols;

  // The step's big products are (m x d)(d x P) and (d x P)(P x m); time the same shape as a plain
  // GEMM: the P x d data times a d x m matrix.
  const Eigen::MatrixXd a = problem.xt.transpose();
  Eigen::MatrixXd c(cols, m);
  const double gemms = rate(seconds, [&] {
    c.noalias() = a * w;
    sink = sink + c(0, 0);
  });
  const double gemm_gflops = gemms * 2.0 * cols * d * m * 1e-9;

  const auto cproblem = make_classifier_problem(data.signal, data.noise, data.labels);
  Eigen::MatrixXd wc(d, 2 * m), gc(d, 2 * m);
  fill_standard_normal(wc, rng);
  wc *= 0.01;
  ClassifierWorkspace cws(cproblem, 2 * m);
  const double csteps = rate(seconds, [&] {
    sink = sink + classifier_loss(cproblem, wc, cws, &gc);
    wc -= 1e-6 * gc;
  });

  std::printf("point: d=%d m=%d n=%d n_eps=%d (P=%lld noised patches), one core\n", d, m, n, n_eps,
              static_cast<long long>(cols));
  std::printf("diffusion GD step: %.1f steps/s, %.3f ms/step\n", steps, 1e3 / steps);
  std::printf("  performed work: %.1f MFLOP/step, %.2f GFLOP/s\n", flops * 1e-6,
              steps * flops * 1e-9);
  std::printf("  literal-gradient equivalent: %.1f MFLOP/step, %.2f GFLOP/s\n",
              literal_flops * 1e-6, steps * literal_flops * 1e-9);
  std::printf("Eigen GEMM %lldx%d by %dx%d: %.2f GFLOP/s\n", static_cast<long long>(cols), d, d, m,
              gemm_gflops);
  std::printf("step / GEMM: %.0f%% (performed work), %.0f%% (literal equivalent)\n",
              100.0 * steps * flops * 1e-9 / gemm_gflops,
              100.0 * steps * literal_flops * 1e-9 / gemm_gflops);
  std::printf("classifier GD step: %.1f steps/s\n", csteps);
  return sink == 12345.678 ? 1 : 0;
}
