// The `transfer` experiment's parameters: declared once (sweep keys, defaults, ranges, docs) and
// read once per point into a typed struct, so the experiment's code reads fields and enumerators,
// never key strings.
#pragma once

#include <string>
#include <vector>

#include "common/params.hpp"
#include "transfer/domain_classifier.hpp"
#include "transfer/gaussian_mixture.hpp"
#include "transfer/guidance_model.hpp"
#include "transfer/training_schedule.hpp"
#include "transfer/transfer_names.hpp"

namespace diffsweep::transfer {

// What a point generates with (docs/methods.md): TGDP, its two baselines, or a reference row.
enum class Method { tgdp, target_only, finetune, source_only, exact_target };
inline constexpr ChoiceTable<Method, 5> method_choices = {{
    {Method::tgdp, names::methods::tgdp},
    {Method::target_only, names::methods::target_only},
    {Method::finetune, names::methods::finetune},
    {Method::source_only, names::methods::source_only},
    {Method::exact_target, names::methods::exact_target},
}};

// TGDP only: the learned piece replaced by the exact one.
enum class Oracle { none, source, ratio, guidance };
inline constexpr ChoiceTable<Oracle, 4> oracle_choices = {{
    {Oracle::none, names::oracles::none},
    {Oracle::source, names::oracles::source},
    {Oracle::ratio, names::oracles::ratio},
    {Oracle::guidance, names::oracles::guidance},
}};

inline constexpr ChoiceTable<GuidanceTarget, 2> guidance_target_choices = {{
    {GuidanceTarget::ratio, "ratio"},
    {GuidanceTarget::log_ratio, "log_ratio"},
}};

// How TGDP estimates its guidance grad log(q_t/p_t) (docs/methods.md, section 2): the guidance
// network regressing w(x_0) on diffused source samples, or the gradient of a noise-conditional
// domain classifier's logit (noise_classifier.hpp).
enum class GuidanceEstimator { regression, classifier };
inline constexpr ChoiceTable<GuidanceEstimator, 2> guidance_estimator_choices = {{
    {GuidanceEstimator::regression, "regression"},
    {GuidanceEstimator::classifier, "classifier"},
}};

inline constexpr ChoiceTable<CvLoss, 2> cv_loss_choices = {{
    {CvLoss::logistic, "logistic"},
    {CvLoss::ratio_squares, "ratio_squares"},
}};

// The widths noise_clf_width = auto chooses among: 64 is the default, 128 measured no better in
// the paper's setting, and the smaller ones may win where target data are few.
inline const std::vector<int> noise_classifier_widths = {16, 32, 64, 128};

struct TransferSettings {
  Method method = Method::tgdp;
  Oracle oracle = Oracle::none;

  // The data.
  MixtureShape shape;
  DomainShift shift;
  bool conditional = false;
  int n_source = 10000, n_target = 100, n_eval = 1000;

  // The score networks: the source model, target_only's and finetune's.
  int score_width = 64, score_depth = 3;
  TrainSettings source_training, target_training, finetune_training;

  // TGDP's guidance: its estimator; the guidance network, its regression target, regularisers.
  GuidanceEstimator guidance_estimator = GuidanceEstimator::regression;
  GuidanceTarget guidance_target = GuidanceTarget::ratio;
  bool guidance_smoothing = true;
  double guidance_scale = 1.0;
  GuidanceRegularisers regularisers;
  int guidance_width = 64, guidance_depth = 3;
  TrainSettings guidance_training;

  // The domain classifier(s). classifier.weight_decay is already divided by n_target.
  ClassifierSettings classifier;
  bool clf_steps_auto = false;  // classifier.train.steps chosen by cross-validation
  int clf_auto_max = 6400, clf_folds = 5;
  CvLoss clf_cv_loss = CvLoss::logistic;
  int cycle_steps = 2000;  // the time-dependent classifier of eta1
  // The noise-conditional classifier of guidance_estimator = classifier: its shape, and its steps
  // (0: chosen by held-out loss up to noise_clf_auto_max; a width of 0, chosen with them among
  // noise_classifier_widths).
  ClassifierSettings noise_classifier;
  int noise_clf_auto_max = 25600;
  double noise_clf_score_matching = 0.0;  // weight of its score-matching term (already x n_target)

  // Sampling and the diagnostics.
  int sample_steps = 200;
  double t_min = 1e-3;
  int fisher_times = 10, fisher_n = 500;

  // The canonical text of every parameter the source model depends on: two points with the same
  // text (and sweep seed) share one source model.
  std::string source_key;
};

const std::vector<ParamSpec>& transfer_params();
TransferSettings read_transfer_settings(const Params& params);

}  // namespace diffsweep::transfer
