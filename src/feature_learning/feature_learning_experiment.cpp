#include "feature_learning/feature_learning_experiment.hpp"

#include <cmath>
#include <filesystem>
#include <limits>
#include <random>
#include <string>

#include "common/seeding.hpp"
#include "feature_learning/alignment.hpp"
#include "feature_learning/classifier_model.hpp"
#include "feature_learning/diffusion_model.hpp"
#include "feature_learning/figure3_series.hpp"
#include "feature_learning/gradient_descent.hpp"
#include "feature_learning/noisy_mnist_data.hpp"
#include "feature_learning/two_patch_data.hpp"

namespace diffsweep::feature_learning {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Sub-streams of a point's seed: changing how many draws one part makes leaves the others alone.
enum Stream : std::uint64_t {
  data_stream = 1,
  test_stream,
  init_stream,
  noise_stream,
  test_noise_stream,
  show_stream
};

double resolved_snr(const Params& p) {
  if (p.has("snr")) return p.real("snr");
  const double nsnr2 = p.has("nsnr2") ? p.real("nsnr2") : 1.0;
  return std::sqrt(nsnr2 / static_cast<double>(p.integer("n")));
}

}  // namespace

std::string_view FeatureLearningExperiment::summary() const {
  return "Han et al. (ICLR 2025): tied-weight quadratic CNN trained as a diffusion model "
         "(noise prediction at time t) or as a classifier, on two-patch data; signal learning S, "
         "noise learning N, R = S/N";
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
const std::vector<ParamSpec>& FeatureLearningExperiment::params() const {
  static const std::vector<ParamSpec> specs = [] {
    std::vector<ParamSpec> s;
    auto real = [&](const char* name, const char* def, double lo, double hi, const char* doc) {
      s.push_back({name, ParamType::real, def, lo, hi, {}, {}, doc});
    };
    auto integer = [&](const char* name, const char* def, double lo, double hi, const char* doc) {
      s.push_back({name, ParamType::integer, def, lo, hi, {}, {}, doc});
    };
    s.push_back({"model",
                 ParamType::choice,
                 "diffusion",
                 -inf,
                 inf,
                 {"diffusion", "classification"},
                 {},
                 "diffusion: noise-prediction loss at time t; classification: logistic loss with "
                 "the second layer fixed to +1/-1"});
    // Noisy-MNIST (docs/noisy-mnist.md). The digits are read from $DIFFSWEEP_MNIST_DIR, else
    // <source dir>/data/mnist: a folder is not a sweep parameter (ParamSpec holds no free text).
    s.push_back({"data",
                 ParamType::choice,
                 "two_patch",
                 -inf,
                 inf,
                 {"two_patch", "noisy_mnist"},
                 {},
                 "two_patch: synthetic signals mu_{+1}, mu_{-1} (Definition 2.1); noisy_mnist: a "
                 "real MNIST digit as patch 1, scaled to norm snr sigma_xi sqrt(784) (needs "
                 "d = 784; digits read from $DIFFSWEEP_MNIST_DIR, else data/mnist)"});
    integer("digit_pos", "0", 0, 9, "noisy_mnist: the digit of class +1");
    integer("digit_neg", "1", 0, 9, "noisy_mnist: the digit of class -1");
    integer("n_show", "4", 0, 64,
            "noisy_mnist: digits kept out of train and test and saved as fig3_* series (Figure 3)");
    integer("d", "500", 3, 1e6, "patch dimension");
    integer("n", "64", 1, 1e6, "training samples");
    real("sigma_xi", "1", 0, inf, "noise patch level");
    real("snr", "", 0, inf, "|mu| / (sigma_xi sqrt(d)); give this or nsnr2 (neither: nsnr2 = 1)");
    real("nsnr2", "", 0, inf, "n snr^2, the theory's control quantity; sets snr = sqrt(nsnr2 / n)");
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
         "feature_learning_experiment.cpp)");
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

const std::vector<MetricSpec>& FeatureLearningExperiment::metrics() const {
  static const std::vector<MetricSpec> m = {
      {"S", "signal learning: mean over classes of max over filters |<w_r, mu_j>|, final"},
      {"N", "noise learning: mean over training samples of max over filters |<w_r, xi_i>|, final"},
      {"R", "S / N at the final iterate (stationary alignment ratio when converged = 1)"},
      {"train_loss", "training loss at the final iterate"},
      {"test_loss", "the same loss on n_test fresh samples (diffusion: one fresh noise draw each)"},
      {"test_acc", "classifier only: fraction of n_test fresh samples classified correctly"},
      {"converged", "1 if gradient descent stopped by grad_tol, 0 if by iters"},
      {"steps", "gradient steps taken"},
      {"grad_norm_ratio", "||grad|| at the final iterate / ||grad|| at step 0"},
      {"snr_used", "the snr this point ran with: the snr parameter, or sqrt(nsnr2 / n)"},
      {"nsnr2_used", "the n snr^2 this point ran with: the nsnr2 parameter, or n snr^2"},
      {"step_size", "the absolute gradient-descent step lr resolved to"},
      {"mean_patch_cosine",
       "max over filters of |cos(w_r, mean clean patch)|, final: 1 at the "
       "eps-averaged stationary point of the small-patch regime"},
      {"patch_to_noise2",
       "diffusion: (alpha sigma_xi)^2 d / beta^2, a clean noise patch's squared "
       "norm against the diffusion noise per direction; the theory's balanced "
       "regime needs it small"},
  };
  return m;
}

void FeatureLearningExperiment::validate(const Params& p) const {
  if (p.has("snr") && p.has("nsnr2"))
    throw ParamError("nsnr2", canonical_text(*find_spec(params(), "nsnr2"), p.values().at("nsnr2")),
                     "give snr or nsnr2, not both (snr is also set)");
  if (p.choice("model") == "diffusion" && p.boolean("antithetic") && p.integer("n_eps") % 2 != 0)
    throw ParamError(
        "n_eps", std::to_string(p.integer("n_eps")),
        "antithetic noise draws come in pairs: n_eps must be even (or antithetic = false)");
  if (p.choice("data") == "noisy_mnist") {
    if (p.integer("d") != mnist_pixels)
      throw ParamError("d", std::to_string(p.integer("d")),
                       "data = noisy_mnist has 28 x 28 images: d must be 784");
    if (p.integer("digit_pos") == p.integer("digit_neg"))
      throw ParamError("digit_neg", std::to_string(p.integer("digit_neg")),
                       "digit_neg must differ from digit_pos");
    // A missing data folder stops the sweep when it is read, not each point when it runs.
    for (const char* key : {"digit_pos", "digit_neg"}) {
      const std::string file = mnist_dir() + "/" + std::to_string(p.integer(key)) + ".json";
      if (!std::filesystem::exists(file))
        throw ParamError("data", "noisy_mnist",
                         "no MNIST digits: " + file + " is missing; fetch them with " +
                             mnist_fetch_command() + " (or set DIFFSWEEP_MNIST_DIR)");
    }
  }
}

PointResult FeatureLearningExperiment::run(const Params& p, const PointContext& context) {
  validate(p);
  const bool diffusion = p.choice("model") == "diffusion";
  const int m = static_cast<int>(p.integer("m"));
  TwoPatchSpec spec;
  spec.d = static_cast<int>(p.integer("d"));
  spec.n = static_cast<int>(p.integer("n"));
  spec.sigma_xi = p.real("sigma_xi");
  spec.snr = resolved_snr(p);

  std::mt19937_64 data_rng(derive_seed(context.seed, data_stream));
  std::mt19937_64 test_rng(derive_seed(context.seed, test_stream));
  std::mt19937_64 init_rng(derive_seed(context.seed, init_stream));
  TwoPatchData train, test;
  Eigen::MatrixXd shown;  // noisy_mnist: the digits of Figure 3
  if (p.choice("data") == "noisy_mnist") {
    const std::string dir = mnist_dir();
    NoisyMnistSpec mnist;
    mnist.n = spec.n;
    mnist.n_test = static_cast<int>(p.integer("n_test"));
    mnist.n_show = static_cast<int>(p.integer("n_show"));
    mnist.sigma_xi = spec.sigma_xi;
    mnist.snr = spec.snr;
    NoisyMnistData data =
        make_noisy_mnist_data(mnist_digits_.get(dir, static_cast<int>(p.integer("digit_pos"))),
                              mnist_digits_.get(dir, static_cast<int>(p.integer("digit_neg"))),
                              mnist, data_rng, test_rng);
    train = std::move(data.train);
    test = std::move(data.test);
    shown = std::move(data.show);
  } else {
    train = make_two_patch_data(spec, data_rng);
    TwoPatchSpec test_spec = spec;
    test_spec.n = static_cast<int>(p.integer("n_test"));
    test = make_two_patch_data(test_spec, test_rng);
    // The test set must share the training set's class features (equal here, but not for data
    // sources whose features are estimated from the sample).
    test.features = train.features;
  }

  Eigen::MatrixXd w(spec.d, diffusion ? m : 2 * m);
  fill_standard_normal(w, init_rng);
  w *= p.real("sigma0");

  GdSettings gd;
  gd.max_steps = p.integer("iters");
  gd.grad_tol = p.real("grad_tol");
  gd.log_every = p.integer("log_every");

  PointResult r;
  auto& s_series = r.series["S"];
  auto& n_series = r.series["N"];
  auto& r_series = r.series["R"];
  auto& step_series = r.series["step"];
  auto& loss_series = r.series["loss"];
  const Observer observe = [&](long step, const Eigen::MatrixXd& wk, double loss) {
    const Alignment a = measure_alignment(wk, train.features, train.noise);
    step_series.push_back(static_cast<double>(step));
    s_series.push_back(a.signal);
    n_series.push_back(a.noise);
    r_series.push_back(a.ratio);
    loss_series.push_back(loss);
  };

  GdOutcome out;
  double test_loss = nan, test_acc = nan;
  if (diffusion) {
    std::mt19937_64 noise_rng(derive_seed(context.seed, noise_stream));
    std::mt19937_64 test_noise_rng(derive_seed(context.seed, test_noise_stream));
    const DiffusionProblem problem = make_diffusion_problem(train.signal, train.noise, p.real("t"),
                                                            static_cast<int>(p.integer("n_eps")),
                                                            p.boolean("antithetic"), noise_rng);
    gd.step = p.real("lr") * m / diffusion_curvature(problem);
    r.scalars["patch_to_noise2"] =
        std::pow(problem.alpha * spec.sigma_xi / problem.beta, 2) * spec.d;
    DiffusionWorkspace ws(problem, m);
    out = gradient_descent(
        w,
        [&](const Eigen::MatrixXd& wk, Eigen::MatrixXd& g) {
          return diffusion_loss(problem, wk, ws, &g);
        },
        gd, observe);
    const DiffusionProblem test_problem =
        make_diffusion_problem(test.signal, test.noise, p.real("t"), 1, false, test_noise_rng);
    DiffusionWorkspace test_ws(test_problem, m);
    test_loss = diffusion_loss(test_problem, w, test_ws, nullptr);
  } else {
    const ClassifierProblem problem =
        make_classifier_problem(train.signal, train.noise, train.labels);
    gd.step = p.real("lr") * m / classifier_curvature(problem);
    ClassifierWorkspace ws(problem, 2 * m);
    out = gradient_descent(
        w,
        [&](const Eigen::MatrixXd& wk, Eigen::MatrixXd& g) {
          return classifier_loss(problem, wk, ws, &g);
        },
        gd, observe);
    const ClassifierProblem test_problem =
        make_classifier_problem(test.signal, test.noise, test.labels);
    ClassifierWorkspace test_ws(test_problem, 2 * m);
    test_loss = classifier_loss(test_problem, w, test_ws, nullptr);
    test_acc = classifier_accuracy(test_problem, w, test_ws);
  }

  const Alignment a = measure_alignment(w, train.features, train.noise);
  // A diverged run's numbers mean nothing; NaN makes the runner record the point as diverged.
  const double bad = out.diverged ? nan : 1.0;
  r.scalars["S"] = a.signal * bad;
  r.scalars["N"] = a.noise * bad;
  r.scalars["R"] = a.ratio * bad;
  r.scalars["train_loss"] = out.loss * bad;
  r.scalars["test_loss"] = test_loss * bad;
  if (!diffusion) r.scalars["test_acc"] = test_acc * bad;
  r.scalars["mean_patch_cosine"] = mean_patch_cosine(w, train.signal, train.noise) * bad;
  r.scalars["converged"] = out.converged ? 1 : 0;
  r.scalars["steps"] = static_cast<double>(out.steps);
  r.scalars["grad_norm_ratio"] = out.grad_norm / out.grad_norm0;
  r.scalars["snr_used"] = spec.snr;
  r.scalars["nsnr2_used"] = spec.n * spec.snr * spec.snr;
  r.scalars["step_size"] = gd.step;
  if (shown.cols() > 0 && !out.diverged) {
    std::mt19937_64 show_rng(derive_seed(context.seed, show_stream));
    r.series.merge(figure3_series(shown, w, diffusion, p.real("t"), show_rng));
  }
  return r;
}

}  // namespace diffsweep::feature_learning
