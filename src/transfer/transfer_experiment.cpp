#include "transfer/transfer_experiment.hpp"

#include <chrono>
#include <random>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "common/number_text.hpp"
#include "transfer/baseline_scores.hpp"
#include "transfer/tgdp_score.hpp"
#include "transfer/transfer_evaluation.hpp"
#include "transfer/transfer_names.hpp"
#include "transfer/transfer_point.hpp"

namespace diffsweep::transfer {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TransferExperiment::TransferExperiment() {
#if defined(__GLIBC__)
  // Training allocates and frees matrices of ~100 KB every step; glibc's default thresholds hand
  // that memory back to the kernel and fault it in again each time, which cost a third of the run
  // time. Keeping freed memory in the process is the cheap fix.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

TransferExperiment::~TransferExperiment() = default;

std::string_view TransferExperiment::summary() const {
  return "TGDP (transfer guided diffusion) on Gaussian mixtures: source score + learned guidance "
         "from a domain classifier, against target_only, finetune, source_only and exact_target, "
         "with exact oracles and diagnostics (docs/methods.md, section 2)";
}

const std::vector<ParamSpec>& TransferExperiment::params() const { return transfer_params(); }

const std::vector<MetricSpec>& TransferExperiment::metrics() const {
  static const std::vector<MetricSpec> m = {
      {names::metric::mmd,
       "MMD (RBF, median-heuristic bandwidth) of generated vs true-target samples"},
      {names::metric::mmd_floor,
       "mmd of a second true-target sample vs the reference (the noise floor)"},
      {names::metric::mmd_local, "MMD with bandwidth = spread: shape within a mode"},
      {names::metric::mmd_local_floor, "mmd_local of a second true-target sample (its floor)"},
      {names::metric::energy, "energy distance to the reference sample"},
      {names::metric::sw2, "sliced 2-Wasserstein distance to the reference sample"},
      {names::metric::loglik, "mean log target density of generated samples"},
      {names::metric::loglik_true, "mean log target density of true target samples"},
      {names::metric::nn_ratio,
       "median distance of generated samples to their nearest target training point over the "
       "same for fresh true target samples (well below 1: memorisation)"},
      {names::metric::nn_heldout_ratio,
       "nn_ratio's control: median distance of generated samples to their nearest target training "
       "point over that to their nearest of as many fresh true target points (about 1 unless the "
       "samples copy the training points)"},
      {names::metric::weight_err, "sum_k |fraction nearest target mean k - target weight k|"},
      {names::metric::fisher, "E_{t grid, x ~ q_t} sigma_t^2 |sampler score - grad log q_t|^2"},
      {names::metric::ratio_l1, "E_p |w_hat - w| of the learned domain classifier"},
      {names::metric::clf_steps_used,
       "classifier training steps (chosen by cross-validation when auto)"},
      {names::metric::clf_width_used,
       "width of the noise-conditional classifier (chosen by cross-validation when auto)"},
      {names::metric::weight_ess,
       "effective sample size (sum w)^2 / sum w^2 of the exact ratios w = q/p on the n_source "
       "source samples: how many source points the target side rests on"},
      {names::metric::source_reused, "1 if the source model came from the cache"},
      {names::metric::cond_acc,
       "conditional only: accuracy on true target data of a Gaussian classifier "
       "fitted to the generated labelled samples"},
      {names::metric::time_source, "seconds building the source model (0 when reused)", "s"},
      {names::metric::time_classifier, "seconds training the domain classifier(s)", "s"},
      {names::metric::time_guidance, "seconds training the guidance network", "s"},
      {names::metric::time_baseline, "seconds training target_only or finetune", "s"},
      {names::metric::time_sampling, "seconds sampling", "s"},
      {names::metric::time_metrics, "seconds computing the metrics", "s"},
  };
  return m;
}

void TransferExperiment::validate(const Params& p) const {
  const TransferSettings s = read_transfer_settings(p);
  if (s.shape.dim < 2 && s.shift.rotation_deg != 0.0)
    throw ParamError("target_rotation", std::to_string(s.shift.rotation_deg),
                     "a rotation needs dim >= 2");
  // A width is chosen by the held-out loss at its best step count: a fixed count gives none.
  if (s.noise_classifier.width == 0 && s.noise_classifier.train.steps != 0)
    throw ParamError("noise_clf_width", "auto", "needs noise_clf_steps = auto");
  // The classifier estimator has no regressed ratio and no guidance network: settings of those
  // would be ignored without a word.
  if (s.method != Method::tgdp || s.guidance_estimator != GuidanceEstimator::classifier) return;
  const std::string why = "applies to guidance_estimator = regression (the default is classifier)";
  if (s.oracle == Oracle::ratio) throw ParamError(names::param::oracle, names::oracles::ratio, why);
  for (const auto& [name, value] : {std::pair{names::param::eta1, s.regularisers.eta1},
                                    {names::param::eta2, s.regularisers.eta2},
                                    {names::param::eta_mass, s.regularisers.eta_mass}})
    if (value != 0) throw ParamError(name, exact_number(value), why);
  if (s.guidance_target != GuidanceTarget::ratio)
    throw ParamError(names::param::guidance_target, p.choice(names::param::guidance_target), why);
}

PointResult TransferExperiment::run(const Params& p, const PointContext& context) {
  validate(p);
  const TransferSettings s = read_transfer_settings(p);
  PointResult result;
  auto& out = result.scalars;
  const SourceModelCache::Entry source = sources_.get(s, context.sweep_seed);
  out[names::metric::source_reused] = source.reused ? 1.0 : 0.0;
  out[names::metric::time_source] = source.reused ? 0.0 : source.model->seconds;
  const TransferPoint point(s, *source.model, context.sweep_seed, context.replicate);
  out[names::metric::weight_ess] = effective_sample_size(
      exact_ratio(point.source, point.target, point.source_model.data, point.source_labels));

  // One training stream per replicate, shared by the methods: each trains with the same draws.
  std::mt19937_64 train_rng(point.stream("training"));
  out[names::metric::time_classifier] = 0.0;
  out[names::metric::time_guidance] = 0.0;
  out[names::metric::time_baseline] = 0.0;
  LabelledScore model_score;
  auto start = std::chrono::steady_clock::now();
  switch (s.method) {
    case Method::exact_target:
      model_score = point.exact_target_score();
      break;
    case Method::source_only:
      model_score = point.learned_source_score();
      break;
    case Method::target_only:
      model_score = target_only_score(point, train_rng);
      out[names::metric::time_baseline] = seconds_since(start);
      break;
    case Method::finetune:
      model_score = finetune_score(point, train_rng);
      out[names::metric::time_baseline] = seconds_since(start);
      break;
    case Method::tgdp:
      model_score = tgdp_score(point, train_rng, out);
      break;
  }

  const Eigen::VectorXi labels = generated_labels(point);
  start = std::chrono::steady_clock::now();
  const Eigen::MatrixXd generated = generate_samples(point, model_score, labels);
  out[names::metric::time_sampling] = seconds_since(start);
  start = std::chrono::steady_clock::now();
  measure_samples(point, model_score, generated, labels, out);
  out[names::metric::time_metrics] = seconds_since(start);
  return result;
}

}  // namespace diffsweep::transfer
