#include "feature_learning/feature_learning_settings.hpp"

#include <cmath>
#include <limits>

namespace diffsweep::feature_learning {

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();
}  // namespace

double FeatureLearningSettings::resolved_snr() const {
  if (snr) return *snr;
  return std::sqrt(nsnr2.value_or(1.0) / static_cast<double>(n));
}

// The defaults reproduce the paper's outcomes (docs/feature-learning.md has the numbers): every
// diffusion point of sweeps/fl_fig1.ini (n snr^2 = 0.01..10, n = 32..128) stops at a stationary
// point, and the classifier's R crosses 1 at n snr^2 ~ 3.
//  - t = 2.5 (alpha = 0.082): averaged over eps, the stationary filter is the mean clean patch, and
//    R = n snr^2 / 2, only while the clean patches' projections on it are small against the
//    diffusion noise: (alpha/beta)^2 sigma_xi^2 d / n = 0.05 at n = 64 here. At t = 0.5 that
//    is 4.5, the filter weighs signal and noise patches equally and R flattens towards 1
//    (`patch_to_noise2` reports (alpha sigma_xi / beta)^2 d).
//  - n_eps = 64: a finite draw steepens R against n snr^2 (fl_fig1 slope 1.17 with 16 draws, 1.10
//    with 64; R(6.75)/R(0.75) = 35, 15 and 9.7 with 16, 64 and 256 draws, 9 predicted); 64 keeps
//    fl_fig1 at about 5 minutes of one core.
//  - m = 1: more filters split the noise patches between them (each memorises a few, N grows) and
//    gradient descent then wanders between saddles for 10^4+ steps; one filter per bank is enough
//    for the classifier's transition too.
//  - sigma0 = 0.005: |w0| = 0.11 at d = 500, a fifth of the stationary norm, so the escape from
//    the origin takes hundreds of steps, not tens of thousands.
//  - iters = 20000: the slowest fl_fig1 point needs ~10^4 steps; most stop before 3000.
const std::vector<ParamSpec>& feature_learning_params() {
  static const std::vector<ParamSpec> specs = [] {
    std::vector<ParamSpec> s;
    auto real = [&](const char* name, const char* def, double lo, double hi, const char* doc) {
      s.push_back({name, ParamType::real, def, lo, hi, {}, {}, doc});
    };
    auto integer = [&](const char* name, const char* def, double lo, double hi, const char* doc) {
      s.push_back({name, ParamType::integer, def, lo, hi, {}, {}, doc});
    };
    s.push_back({names::param::model,
                 ParamType::choice,
                 names::models::diffusion,
                 -inf,
                 inf,
                 choice_texts(model_choices),
                 {},
                 "diffusion: noise-prediction loss at time t; classification: logistic loss with "
                 "the second layer fixed to +1/-1"});
    // Noisy-MNIST (docs/noisy-mnist.md). The digits are read from $DIFFSWEEP_MNIST_DIR, else
    // <source dir>/data/mnist: a folder is not a sweep parameter (ParamSpec holds no free text).
    s.push_back({names::param::data,
                 ParamType::choice,
                 names::data_sources::two_patch,
                 -inf,
                 inf,
                 choice_texts(data_choices),
                 {},
                 "two_patch: synthetic signals mu_{+1}, mu_{-1} (Definition 2.1); noisy_mnist: a "
                 "real MNIST digit as patch 1, scaled to norm snr sigma_xi sqrt(784) (needs "
                 "d = 784; digits read from $DIFFSWEEP_MNIST_DIR, else data/mnist)"});
    integer("digit_pos", "0", 0, 9, "noisy_mnist: the digit of class +1");
    integer("digit_neg", "1", 0, 9, "noisy_mnist: the digit of class -1");
    integer("n_show", "4", 0, 64,
            "noisy_mnist: digits kept out of train and test and saved as fig3_* series (Figure 3)");
    integer("d", "500", 3, 1e6, "patch dimension");
    integer(names::param::n, "64", 1, 1e6, "training samples");
    real("sigma_xi", "1", 0, inf, "noise patch level");
    real(names::param::snr, "", 0, inf,
         "|mu| / (sigma_xi sqrt(d)); give this or nsnr2 (neither: nsnr2 = 1)");
    real(names::param::nsnr2, "", 0, inf,
         "n snr^2, the theory's control quantity; sets snr = sqrt(nsnr2 / n)");
    integer("m", "1", 1, 1e5, "filters (per bank for the classifier)");
    real("sigma0", "0.005", 0, inf, "initial filters ~ N(0, sigma0^2 I)");
    real("t", "2.5", 1e-6, 50, "diffusion time: alpha = exp(-t), beta = sqrt(1 - exp(-2t))");
    integer("n_eps", "64", 1, 1e5,
            "noise draws per training sample (diffusion), drawn once per run; even if antithetic");
    s.push_back({"antithetic",
                 ParamType::boolean,
                 "true",
                 -inf,
                 inf,
                 {},
                 {},
                 "diffusion: noise draws in +eps/-eps pairs, so the draws' odd moments cannot be "
                 "memorised"});
    // The step is lr * m / kappa. kappa is the curvature the data gives the loss at the stationary
    // point it is heading for: for the diffusion model diffusion_curvature() (the loss along the
    // mean clean patch, eps averaged out), for the classifier classifier_curvature() (the top
    // eigenvalue of the patch covariance, the curvature at W = 0). Both grow with |mu|^2 at large
    // snr and with sigma_xi^2 d / n at small snr, so the same lr is stable and equally fast from
    // n snr^2 = 0.01 to 100; the factor m undoes the 1/m of the output layer.
    real("lr", "0.5", 0, inf,
         "step size in units of m / curvature of the loss at its stationary scale (rule in "
         "feature_learning_settings.cpp)");
    s.push_back({"optimizer",
                 ParamType::choice,
                 "gd",
                 -inf,
                 inf,
                 choice_texts(optimizer_choices),
                 {},
                 "gd: gradient descent (the theory's dynamics); lbfgs: L-BFGS (10 pairs), the "
                 "same stationary points in fewer steps; both with the Armijo line search"});
    real("weight_decay", "0", 0, inf,
         "lambda of a penalty (lambda / 2) ||W||^2 added to the training objective (0: none)");
    integer("iters", "20000", 0, 1e9, "maximum gradient steps");
    real("grad_tol", "1e-3", 0, 1,
         "stop (converged) once ||grad|| <= grad_tol * ||grad at step 0||");
    integer("log_every", "100", 0, 1e9,
            "series record every log_every steps (0: first and last only)");
    integer("n_test", "1000", 1, 1e7, "fresh samples for test loss and accuracy");
    return s;
  }();
  return specs;
}

FeatureLearningSettings read_feature_learning_settings(const Params& p) {
  FeatureLearningSettings s;
  const auto integer = [&](const char* key) { return static_cast<int>(p.integer(key)); };
  s.model = read_choice(p, names::param::model, model_choices);
  s.data = read_choice(p, names::param::data, data_choices);
  s.digit_pos = integer("digit_pos");
  s.digit_neg = integer("digit_neg");
  s.n_show = integer("n_show");
  s.d = integer("d");
  s.n = integer(names::param::n);
  s.sigma_xi = p.real("sigma_xi");
  if (p.has(names::param::snr)) s.snr = p.real(names::param::snr);
  if (p.has(names::param::nsnr2)) s.nsnr2 = p.real(names::param::nsnr2);
  s.m = integer("m");
  s.sigma0 = p.real("sigma0");
  s.t = p.real("t");
  s.n_eps = integer("n_eps");
  s.antithetic = p.boolean("antithetic");
  s.lr = p.real("lr");
  s.optimizer = read_choice(p, "optimizer", optimizer_choices);
  s.weight_decay = p.real("weight_decay");
  s.iters = p.integer("iters");
  s.grad_tol = p.real("grad_tol");
  s.log_every = p.integer("log_every");
  s.n_test = integer("n_test");
  return s;
}

}  // namespace diffsweep::feature_learning
