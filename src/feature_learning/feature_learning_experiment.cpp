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
#include "feature_learning/feature_learning_names.hpp"
#include "feature_learning/feature_learning_settings.hpp"
#include "feature_learning/figure3_series.hpp"
#include "feature_learning/gradient_descent.hpp"
#include "feature_learning/noisy_mnist_data.hpp"
#include "feature_learning/two_patch_data.hpp"

namespace diffsweep::feature_learning {

namespace {

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

// A point's training and test sets and, for noisy_mnist, the digits Figure 3 shows.
struct PointData {
  TwoPatchData train, test;
  Eigen::MatrixXd shown;
};

PointData make_point_data(const FeatureLearningSettings& s, MnistDigitsCache& digits,
                          std::uint64_t seed) {
  std::mt19937_64 data_rng(derive_seed(seed, data_stream));
  std::mt19937_64 test_rng(derive_seed(seed, test_stream));
  PointData out;
  if (s.data == DataSource::noisy_mnist) {
    const std::string dir = mnist_dir();
    NoisyMnistSpec mnist;
    mnist.n = s.n;
    mnist.n_test = s.n_test;
    mnist.n_show = s.n_show;
    mnist.sigma_xi = s.sigma_xi;
    mnist.snr = s.resolved_snr();
    NoisyMnistData data = make_noisy_mnist_data(
        digits.get(dir, s.digit_pos), digits.get(dir, s.digit_neg), mnist, data_rng, test_rng);
    out.train = std::move(data.train);
    out.test = std::move(data.test);
    out.shown = std::move(data.show);
    return out;
  }
  TwoPatchSpec spec;
  spec.d = s.d;
  spec.n = s.n;
  spec.sigma_xi = s.sigma_xi;
  spec.snr = s.resolved_snr();
  out.train = make_two_patch_data(spec, data_rng);
  spec.n = s.n_test;
  out.test = make_two_patch_data(spec, test_rng);
  // The test set must share the training set's class features (equal here, but not for data
  // sources whose features are estimated from the sample).
  out.test.features = out.train.features;
  return out;
}

// What training left besides the filters: how it stopped, the step it used, the test metrics.
struct Trained {
  GdOutcome outcome;
  double step = 0;
  double test_loss = nan, test_acc = nan;
  double patch_to_noise2 = nan;  // diffusion only
};

// Trains W on `model_loss` + weight decay, with `step` the first and largest trial step. The
// trainer may minimise the model's loss minus a constant (`offset`); what it reports (the
// observer's loss and the outcome's) is the model's loss itself, without the penalty.
GdOutcome train(const FeatureLearningSettings& s, Objective model_loss, double offset, double step,
                Eigen::MatrixXd& w, const Observer& observe) {
  GdSettings gd;
  gd.step = step;
  gd.max_steps = s.iters;
  gd.grad_tol = s.grad_tol;
  gd.log_every = s.log_every;
  gd.method = s.optimizer;
  const double lambda = s.weight_decay;
  const auto model_value = [&](const Eigen::MatrixXd& wk, double value) {
    return value - 0.5 * lambda * wk.squaredNorm() + offset;
  };
  GdOutcome out =
      gradient_descent(w, with_weight_decay(std::move(model_loss), lambda), gd,
                       [&](long k, const Eigen::MatrixXd& wk, double value, double step_size) {
                         observe(k, wk, model_value(wk, value), step_size);
                       });
  out.loss = model_value(w, out.loss);
  return out;
}

Trained train_diffusion(const FeatureLearningSettings& s, const PointData& data, Eigen::MatrixXd& w,
                        const Observer& observe, std::uint64_t seed) {
  std::mt19937_64 noise_rng(derive_seed(seed, noise_stream));
  std::mt19937_64 test_noise_rng(derive_seed(seed, test_noise_stream));
  const DiffusionProblem problem = make_diffusion_problem(data.train.signal, data.train.noise, s.t,
                                                          s.n_eps, s.antithetic, noise_rng);
  Trained out;
  out.step = s.lr * s.m / diffusion_curvature(problem);
  out.patch_to_noise2 = std::pow(problem.alpha * s.sigma_xi / problem.beta, 2) * s.d;
  DiffusionWorkspace ws(problem, s.m);
  out.outcome = train(
      s,
      [&](const Eigen::MatrixXd& wk, Eigen::MatrixXd& g) {
        return diffusion_excess_loss(problem, wk, ws, &g);
      },
      diffusion_zero_loss(problem), out.step, w, observe);
  const DiffusionProblem test_problem =
      make_diffusion_problem(data.test.signal, data.test.noise, s.t, 1, false, test_noise_rng);
  DiffusionWorkspace test_ws(test_problem, s.m);
  out.test_loss = diffusion_loss(test_problem, w, test_ws, nullptr);
  return out;
}

Trained train_classifier(const FeatureLearningSettings& s, const PointData& data,
                         Eigen::MatrixXd& w, const Observer& observe) {
  const ClassifierProblem problem =
      make_classifier_problem(data.train.signal, data.train.noise, data.train.labels);
  Trained out;
  out.step = s.lr * s.m / classifier_curvature(problem);
  ClassifierWorkspace ws(problem, 2 * s.m);
  out.outcome = train(
      s,
      [&](const Eigen::MatrixXd& wk, Eigen::MatrixXd& g) {
        return classifier_loss(problem, wk, ws, &g);
      },
      0.0, out.step, w, observe);
  const ClassifierProblem test_problem =
      make_classifier_problem(data.test.signal, data.test.noise, data.test.labels);
  ClassifierWorkspace test_ws(test_problem, 2 * s.m);
  out.test_loss = classifier_loss(test_problem, w, test_ws, nullptr);
  out.test_acc = classifier_accuracy(test_problem, w, test_ws);
  return out;
}

}  // namespace

std::string_view FeatureLearningExperiment::summary() const {
  return "Han et al. (ICLR 2025): tied-weight quadratic CNN trained as a diffusion model "
         "(noise prediction at time t) or as a classifier, on two-patch data; signal learning S, "
         "noise learning N, R = S/N";
}

const std::vector<ParamSpec>& FeatureLearningExperiment::params() const {
  return feature_learning_params();
}

const std::vector<MetricSpec>& FeatureLearningExperiment::metrics() const {
  static const std::vector<MetricSpec> m = {
      {names::metric::S,
       "signal learning: mean over classes of max over filters |<w_r, mu_j>|, final"},
      {names::metric::N,
       "noise learning: mean over training samples of max over filters |<w_r, xi_i>|, final"},
      {names::metric::R,
       "S / N at the final iterate (stationary alignment ratio when converged = 1)"},
      {names::metric::R0,
       "S / N of the initial filters (step 0): what R is before training moved it"},
      {names::metric::S0,
       "S of the initial filters (step 0): S / S0 is how much training grew the signal"},
      {names::metric::N0,
       "N of the initial filters (step 0): N / N0 is how much training grew the noise"},
      {names::metric::w_norm0,
       "||W|| of the initial filters: w_norm / w_norm0 is how far training moved W"},
      {names::metric::train_loss, "training loss at the final iterate"},
      {names::metric::test_loss,
       "the same loss on n_test fresh samples (diffusion: one fresh noise draw each)"},
      {names::metric::test_acc,
       "classifier only: fraction of n_test fresh samples classified correctly"},
      {names::metric::converged, "1 if training stopped by grad_tol (a stationary point), else 0"},
      {names::metric::stalled,
       "1 if the line search found no decrease above rounding before grad_tol was reached"},
      {names::metric::steps, "accepted steps"},
      {names::metric::evaluations,
       "loss and gradient evaluations, rejected line-search trials included"},
      {names::metric::grad_norm_ratio, "||grad|| at the final iterate / ||grad|| at step 0"},
      {names::metric::snr_used,
       "the snr this point ran with: the snr parameter, or sqrt(nsnr2 / n)"},
      {names::metric::nsnr2_used,
       "the n snr^2 this point ran with: the nsnr2 parameter, or n snr^2"},
      {names::metric::step_size,
       "lr * m / curvature: the first and largest gradient-descent step the line search tries"},
      {names::metric::step_min, "smallest accepted step, as ||W_{k+1} - W_k|| / ||grad L(W_k)||"},
      {names::metric::step_max, "largest accepted step, as ||W_{k+1} - W_k|| / ||grad L(W_k)||"},
      {names::metric::step_last, "last accepted step, as ||W_{k+1} - W_k|| / ||grad L(W_k)||"},
      {names::metric::w_norm, "||W||, the filters' Frobenius norm at the final iterate"},
      {names::metric::mean_patch_cosine,
       "max over filters of |cos(w_r, mean clean patch)|, final: 1 at the "
       "eps-averaged stationary point of the small-patch regime"},
      {names::metric::patch_to_noise2,
       "diffusion: (alpha sigma_xi)^2 d / beta^2, a clean noise patch's squared "
       "norm against the diffusion noise per direction; the theory's balanced "
       "regime needs it small"},
  };
  return m;
}

namespace {

// Every check of a point's parameters but whether the digits are on disk: a worker reads them
// when the point runs, and a missing file there fails the point with the worker's host named.
void check_settings(const FeatureLearningSettings& s, const std::vector<ParamSpec>& specs) {
  if (s.snr && s.nsnr2)
    throw ParamError(names::param::nsnr2,
                     canonical_text(*find_spec(specs, names::param::nsnr2), *s.nsnr2),
                     "give snr or nsnr2, not both (snr is also set)");
  if (s.model == Model::diffusion && s.antithetic && s.n_eps % 2 != 0)
    throw ParamError(
        "n_eps", std::to_string(s.n_eps),
        "antithetic noise draws come in pairs: n_eps must be even (or antithetic = false)");
  if (s.data == DataSource::noisy_mnist) {
    if (s.d != mnist_pixels)
      throw ParamError("d", std::to_string(s.d),
                       "data = noisy_mnist has 28 x 28 images: d must be 784");
    if (s.digit_pos == s.digit_neg)
      throw ParamError("digit_neg", std::to_string(s.digit_neg),
                       "digit_neg must differ from digit_pos");
  }
}

}  // namespace

void FeatureLearningExperiment::validate(const Params& p) const {
  const FeatureLearningSettings s = read_feature_learning_settings(p);
  check_settings(s, params());
  // A missing data folder stops the sweep when it is read, not each point when it runs.
  if (s.data == DataSource::noisy_mnist)
    for (const int digit : {s.digit_pos, s.digit_neg}) {
      const std::string file = mnist_dir() + "/" + std::to_string(digit) + ".json";
      if (!std::filesystem::exists(file))
        throw ParamError(names::param::data, names::data_sources::noisy_mnist,
                         "no MNIST digits: " + file + " is missing; fetch them with " +
                             mnist_fetch_command() + " (or set DIFFSWEEP_MNIST_DIR)");
    }
}

PointResult FeatureLearningExperiment::run(const Params& p, const PointContext& context) {
  const FeatureLearningSettings s = read_feature_learning_settings(p);
  check_settings(s, params());
  const PointData data = make_point_data(s, mnist_digits_, context.seed);
  const bool diffusion = s.model == Model::diffusion;
  std::mt19937_64 init_rng(derive_seed(context.seed, init_stream));
  Eigen::MatrixXd w(s.d, diffusion ? s.m : 2 * s.m);
  fill_standard_normal(w, init_rng);
  w *= s.sigma0;

  PointResult r;
  auto& s_series = r.series[names::metric::S];
  auto& n_series = r.series[names::metric::N];
  auto& r_series = r.series[names::metric::R];
  auto& step_series = r.series[names::series::step];
  auto& loss_series = r.series[names::series::loss];
  auto& step_size_series = r.series[names::metric::step_size];
  // Along the flat directions of m >= 2 the loss can fall while ||W|| grows: the series shows it.
  auto& w_norm_series = r.series[names::metric::w_norm];
  const Observer observe = [&](long step, const Eigen::MatrixXd& wk, double loss,
                               double step_size) {
    const Alignment a = measure_alignment(wk, data.train.features, data.train.noise);
    step_series.push_back(static_cast<double>(step));
    s_series.push_back(a.signal);
    n_series.push_back(a.noise);
    r_series.push_back(a.ratio);
    loss_series.push_back(loss);
    step_size_series.push_back(step_size);
    w_norm_series.push_back(wk.norm());
  };
  const Alignment a0 = measure_alignment(w, data.train.features, data.train.noise);
  const double w_norm0 = w.norm();
  const Trained trained = diffusion ? train_diffusion(s, data, w, observe, context.seed)
                                    : train_classifier(s, data, w, observe);
  const GdOutcome& out = trained.outcome;

  const Alignment a = measure_alignment(w, data.train.features, data.train.noise);
  // A diverged run's numbers mean nothing; NaN makes the runner record the point as diverged.
  const double bad = out.diverged ? nan : 1.0;
  auto& m = r.scalars;
  m[names::metric::S] = a.signal * bad;
  m[names::metric::N] = a.noise * bad;
  m[names::metric::R] = a.ratio * bad;
  m[names::metric::R0] = a0.ratio;
  m[names::metric::S0] = a0.signal;
  m[names::metric::N0] = a0.noise;
  m[names::metric::w_norm0] = w_norm0;
  m[names::metric::train_loss] = out.loss * bad;
  m[names::metric::test_loss] = trained.test_loss * bad;
  if (!diffusion) m[names::metric::test_acc] = trained.test_acc * bad;
  if (diffusion) m[names::metric::patch_to_noise2] = trained.patch_to_noise2;
  m[names::metric::mean_patch_cosine] =
      mean_patch_cosine(w, data.train.signal, data.train.noise) * bad;
  m[names::metric::converged] = out.converged ? 1 : 0;
  m[names::metric::steps] = static_cast<double>(out.steps);
  m[names::metric::evaluations] = static_cast<double>(out.evaluations);
  m[names::metric::stalled] = out.stalled ? 1 : 0;
  m[names::metric::w_norm] = w.norm() * bad;
  m[names::metric::grad_norm_ratio] = out.grad_norm / out.grad_norm0;
  const double snr = s.resolved_snr();
  m[names::metric::snr_used] = snr;
  m[names::metric::nsnr2_used] = s.n * snr * snr;
  m[names::metric::step_size] = trained.step;
  m[names::metric::step_min] = out.step_min;
  m[names::metric::step_max] = out.step_max;
  m[names::metric::step_last] = out.step_last;
  if (data.shown.cols() > 0 && !out.diverged) {
    std::mt19937_64 show_rng(derive_seed(context.seed, show_stream));
    r.series.merge(figure3_series(data.shown, w, diffusion, s.t, show_rng));
  }
  if (s.data == DataSource::noisy_mnist && !out.diverged)
    r.series.merge(filter_series(w, diffusion));
  return r;
}

}  // namespace diffsweep::feature_learning
