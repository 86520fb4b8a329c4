#include "transfer/tgdp_score.hpp"

#include <chrono>
#include <memory>

#include "transfer/domain_classifier.hpp"
#include "transfer/guidance_model.hpp"
#include "transfer/network_input.hpp"
#include "transfer/noise_classifier.hpp"
#include "transfer/score_model.hpp"
#include "transfer/transfer_names.hpp"

namespace diffsweep::transfer {

namespace {

using Metrics = std::map<std::string, double>;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The exact guidance grad log(q_t/p_t): TGDP's best case with this source score.
LabelledScore exact_guidance_score(const TransferPoint& point, LabelledScore base, double scale) {
  return [&point, base, scale](const Eigen::MatrixXd& x, double t, const Eigen::VectorXi& y) {
    return Eigen::MatrixXd(base(x, t, y) +
                           scale * (mixture_score(point.target, point.sde, t, x, y) -
                                    mixture_score(point.source, point.sde, t, x, y)));
  };
}

// w at each source data point: the exact q/p (oracle = ratio) or the domain classifier's, clipped
// at w_max. A learned ratio also records its steps and its L1 error E_p |w_hat - w| on fresh
// source samples.
Eigen::VectorXd source_ratio(const TransferPoint& point, std::mt19937_64& rng, Metrics& metrics) {
  const TransferSettings& s = point.settings;
  const Eigen::MatrixXd& data = point.source_model.data;
  const double w_max = s.classifier.w_max;
  if (s.oracle == Oracle::ratio)
    return exact_ratio(point.source, point.target, data, point.source_labels).cwiseMin(w_max);
  ClassifierSettings cs = s.classifier;
  const Eigen::MatrixXd source_in = append_one_hot(data, point.classes, point.source_labels);
  const Eigen::MatrixXd target_in =
      append_one_hot(point.target_data, point.classes, point.target_labels);
  if (s.clf_steps_auto)
    cs.train.steps = choose_classifier_steps(source_in, target_in, cs, s.clf_auto_max, s.clf_folds,
                                             rng, s.clf_cv_loss);
  metrics[names::metric::clf_steps_used] = cs.train.steps;
  const DomainClassifier clf = train_domain_classifier(source_in, target_in, cs, rng);
  std::mt19937_64 eval_rng(point.stream("ratio_eval"));
  Eigen::VectorXi y;
  const Eigen::MatrixXd x = sample(point.source, s.n_eval, eval_rng, &y);
  y = point.as_input(y);
  metrics[names::metric::ratio_l1] = (density_ratio(clf, append_one_hot(x, point.classes, y)) -
                                      exact_ratio(point.source, point.target, x, y).cwiseMin(w_max))
                                         .cwiseAbs()
                                         .mean();
  return density_ratio(clf, source_in);
}

// The frozen source score at per-column times, for the score-matching terms (eta2,
// noise_clf_score_matching): learned, or exact under oracle = source.
TimedScore source_score_at_times(const TransferPoint& point) {
  return [&point](const Eigen::MatrixXd& x, const Eigen::VectorXd& t, const Eigen::VectorXi& y) {
    if (point.settings.oracle != Oracle::source) return score(point.source_model.model, x, t, y);
    Eigen::MatrixXd s(x.rows(), x.cols());
    for (Eigen::Index i = 0; i < x.cols(); ++i)
      s.col(i) = mixture_score(point.source, point.sde, t[i], Eigen::MatrixXd(x.col(i)),
                               y.size() ? Eigen::VectorXi::Constant(1, y[i]) : y);
    return s;
  };
}

NoiseClassifierData noise_classifier_data(const TransferPoint& point) {
  NoiseClassifierData data;
  data.source = &point.source_model.data;
  data.target = &point.target_data;
  data.source_labels = point.source_labels;
  data.target_labels = point.target_labels;
  data.classes = point.classes;
  return data;
}

// The noise-conditional classifier's guidance (guidance_estimator = classifier), its steps chosen
// by held-out loss unless given.
LabelledScore classifier_guidance_score(const TransferPoint& point, LabelledScore base,
                                        std::mt19937_64& rng, Metrics& metrics) {
  const TransferSettings& s = point.settings;
  const auto start = std::chrono::steady_clock::now();
  NoiseClassifierData data = noise_classifier_data(point);
  data.score_matching = s.noise_clf_score_matching;
  if (data.score_matching > 0) data.source_score = source_score_at_times(point);
  ClassifierSettings cs = s.noise_classifier;
  if (cs.width == 0)
    cs = choose_noise_classifier_size(data, cs, point.sde, s.t_min, noise_classifier_widths,
                                      s.noise_clf_auto_max, s.clf_folds, rng);
  else if (cs.train.steps == 0)
    cs.train.steps = choose_noise_classifier_steps(data, cs, point.sde, s.t_min,
                                                   s.noise_clf_auto_max, s.clf_folds, rng)
                         .steps;
  metrics[names::metric::clf_steps_used] = cs.train.steps;
  metrics[names::metric::clf_width_used] = cs.width;
  auto c =
      std::make_shared<NoiseClassifier>(train_noise_classifier(data, cs, point.sde, s.t_min, rng));
  metrics[names::metric::time_classifier] = seconds_since(start);
  const double scale = s.guidance_scale;
  return [base, scale, c](const Eigen::MatrixXd& x, double t, const Eigen::VectorXi& y) {
    return Eigen::MatrixXd(base(x, t, y) + scale * noise_guidance(*c, x, t, y));
  };
}

}  // namespace

LabelledScore tgdp_score(const TransferPoint& point, std::mt19937_64& rng, Metrics& metrics) {
  const TransferSettings& s = point.settings;
  const LabelledScore base =
      s.oracle == Oracle::source ? point.exact_source_score() : point.learned_source_score();
  const double scale = s.guidance_scale;
  if (s.oracle == Oracle::guidance) return exact_guidance_score(point, base, scale);
  if (s.guidance_estimator == GuidanceEstimator::classifier)
    return classifier_guidance_score(point, base, rng, metrics);

  auto start = std::chrono::steady_clock::now();
  const Eigen::VectorXd w = source_ratio(point, rng, metrics);
  const GuidanceRegularisers& reg = s.regularisers;
  GuidanceData data;
  data.source = &point.source_model.data;
  data.source_w = &w;
  data.target = &point.target_data;
  data.source_labels = point.source_labels;
  data.target_labels = point.target_labels;
  data.smoothing = s.guidance_smoothing;
  // eta1's time-dependent classifier: the noise-conditional classifier at cycle_steps.
  NoiseClassifier cycle;
  if (reg.eta1 > 0) {
    ClassifierSettings cs = s.classifier;
    cs.train = {s.cycle_steps, 256, cs.train.lr};
    cycle = train_noise_classifier(noise_classifier_data(point), cs, point.sde, s.t_min, rng);
    data.cycle_ratio = [&](const Eigen::MatrixXd& x, const Eigen::VectorXd& t,
                           const Eigen::VectorXi& y) {
      return density_ratio(cycle.classifier, network_input(x, t, point.sde, point.classes, y));
    };
  }
  metrics[names::metric::time_classifier] = seconds_since(start);
  if (reg.eta2 > 0) data.source_score = source_score_at_times(point);

  start = std::chrono::steady_clock::now();
  auto guidance = std::make_shared<GuidanceModel>(make_guidance_model(
      s.shape.dim, s.guidance_width, s.guidance_depth, s.guidance_target, rng, point.classes));
  guidance->t_min = s.t_min;
  train_guidance(*guidance, data, reg, s.guidance_training, rng);
  metrics[names::metric::time_guidance] = seconds_since(start);
  return [base, scale, guidance](const Eigen::MatrixXd& x, double t, const Eigen::VectorXi& y) {
    return Eigen::MatrixXd(base(x, t, y) + scale * guidance_gradient(*guidance, x, t, y));
  };
}

}  // namespace diffsweep::transfer
