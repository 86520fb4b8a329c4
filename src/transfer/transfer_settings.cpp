#include "transfer/transfer_settings.hpp"

#include <limits>

namespace diffsweep::transfer {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// The parameters that define the source model; their canonical text keys the cache and its seed.
const char* const source_keys[] = {"dim",      "components",  "radius",      "spread",
                                   "n_source", "score_width", "score_depth", "source_steps",
                                   "score_lr", "score_batch", "t_min",       "conditional"};

}  // namespace

const std::vector<ParamSpec>& transfer_params() {
  static const std::vector<ParamSpec> specs = [] {
    std::vector<ParamSpec> s;
    auto choice = [&s](const char* name, const char* def, std::vector<std::string> choices,
                       const char* doc) {
      s.push_back({name, ParamType::choice, def, -inf, inf, std::move(choices), {}, doc});
    };
    auto real = [&s](const char* name, const char* def, double lo, double hi, const char* doc) {
      s.push_back({name, ParamType::real, def, lo, hi, {}, {}, doc});
    };
    auto integer = [&s](const char* name, const char* def, double lo, double hi, const char* doc) {
      s.push_back({name, ParamType::integer, def, lo, hi, {}, {}, doc});
    };
    choice(names::param::method, names::methods::tgdp, choice_texts(method_choices),
           "tgdp = source score + learned guidance; target_only = same-size model trained on the "
           "target data alone; finetune = source model fine-tuned on it; source_only = no "
           "transfer; exact_target = exact target score (the floor of this sampler)");
    choice(names::param::oracle, names::oracles::none, choice_texts(oracle_choices),
           "tgdp only: replace one learned piece by the exact one: source score, the ratio q/p "
           "the guidance network regresses, or the guidance grad log(q_t/p_t) itself");
    choice(names::param::guidance_estimator, "classifier", choice_texts(guidance_estimator_choices),
           "tgdp only: classifier = the gradient of a noise-conditional domain classifier "
           "trained on diffused source against diffused target samples (the default: nearer the "
           "better baseline over separations and n_target, docs/transfer-learning.md); "
           "regression = the guidance network regresses w(x_0) on diffused source samples "
           "(the paper's; oracle = ratio, the etas and guidance_target apply to it). Both "
           "estimate grad log q_t/p_t (docs/methods.md)");
    choice(
        names::param::guidance_target, "ratio", choice_texts(guidance_target_choices),
        "ratio: h = softplus > 0 regresses w, guidance grad log h (docs/methods.md); log_ratio: a "
        "network regresses log w and its gradient is the guidance (the authors' code)");
    s.push_back({"guidance_smoothing",
                 ParamType::boolean,
                 "true",
                 -inf,
                 inf,
                 {},
                 {},
                 "regress h on the batch's self-normalised estimate of E[w | x_t] instead of "
                 "w(x_0) (same minimiser, far less noise at large t; our choice)"});
    real("guidance_scale", "1", 0, 100, "weight of the guidance in the sampler's score");
    real(names::param::eta1, "0", 0, inf,
         "cycle regulariser: h against a time-dependent classifier's ratio");
    real(names::param::eta2, "0", 0, inf,
         "consistency regulariser: guided score fits DSM on target data");
    real(names::param::eta_mass, "0", 0, inf,
         "mass regulariser: mean of h over diffused source = 1 (ours)");
    integer("n_source", "10000", 10, 1e8, "number of source samples");
    integer(names::param::n_target, "100", 2, 1e8,
            "number of target samples (first n of one pool)");
    integer("n_eval", "1000", 10, 1e6, "generated samples, and size of each reference sample");
    integer("dim", "2", 1, 1000, "dimension of the data");
    integer("components", "4", 1, 1000, "mixture components (means on a circle, first 2 coords)");
    real("radius", "2", 0, inf, "radius of the circle of component means");
    real("spread", "0.4", 1e-6, inf, "standard deviation of each component");
    real("target_shift", "0.2", -inf, inf, "target means moved by this along the first axis");
    real(
        "target_skew", "2", -inf, inf,
        "target weights proportional to exp(-skew k/(K-1)): first component e^skew times the last");
    real("target_rotation", "0", -360, 360, "target means rotated by this many degrees");
    s.back().units = "degree";
    s.push_back({"conditional",
                 ParamType::boolean,
                 "false",
                 -inf,
                 inf,
                 {},
                 {},
                 "label-conditioned version: labels are the components; source model, classifiers "
                 "and guidance read them; adds cond_acc"});
    integer("score_width", "64", 1, 4096, "width of the score networks");
    integer("score_depth", "3", 1, 64, "hidden layers of the score networks");
    integer("source_steps", "40000", 1, 1e8,
            "training steps of the source score model (trained once per process and source "
            "setting: ~14 s per sweep process)");
    real("score_lr", "0.002", 0, 1, "Adam step size of score training (cosine-decayed)");
    integer("score_batch", "256", 1, 1e6, "mini-batch of score training");
    integer("target_steps", "4000", 1, 1e8, "training steps of target_only");
    integer("finetune_steps", "1000", 1, 1e8, "fine-tuning steps of finetune");
    real("finetune_lr", "0.0005", 0, 1, "Adam step size of fine-tuning");
    integer("guidance_width", "64", 1, 4096, "width of the guidance network");
    integer("guidance_depth", "3", 1, 64, "hidden layers of the guidance network");
    integer("guidance_steps", "5000", 1, 1e8, "training steps of the guidance network");
    real("guidance_lr", "0.001", 0, 1, "Adam step size of guidance training (cosine-decayed)");
    integer("guidance_batch", "256", 1, 1e6, "mini-batch of guidance training");
    integer("clf_width", "32", 1, 4096, "width of the domain classifiers");
    integer("clf_depth", "2", 1, 64, "hidden layers of the domain classifiers");
    // A step count that may be `auto` (read as 0: chosen by held-out loss).
    auto steps_or_auto = [&s](const char* name, const char* def, const char* doc) {
      s.push_back({name, ParamType::integer, def, 1, 1e8, {}, std::int64_t{0}, doc});
    };
    steps_or_auto("clf_steps", "2000",
                  "classifier training steps, or auto: k-fold cross-validated held-out logistic "
                  "loss over 25, 50, ..., clf_auto_max steps");
    integer("clf_auto_max", "6400", 25, 1e8, "largest step count clf_steps = auto considers");
    integer("clf_folds", "5", 2, 100, "folds of clf_steps = auto");
    choice("clf_cv_loss", "logistic", choice_texts(cv_loss_choices),
           "held-out loss clf_steps = auto minimises: balanced logistic (docs/methods.md) or the "
           "least-squares ratio loss E_p[w^2]/2 - E_q[w] (scores the ratio itself; ours)");
    real("clf_lr", "0.001", 0, 1, "Adam step size of the classifiers");
    real("clf_weight_decay", "0.1", 0, inf,
         "L2 prior of the classifiers, counted in target points: the balanced mean loss gets "
         "clf_weight_decay / (2 n_target) |theta|^2, so its pull fades as target data grow");
    real("w_max", "100", 1, inf, "density ratios are clipped at this");
    integer("cycle_steps", "2000", 1, 1e8,
            "training steps of the time-dependent classifier (eta1)");
    s.push_back({"noise_clf_width",
                 ParamType::integer,
                 "64",
                 1,
                 4096,
                 {},
                 std::int64_t{0},
                 "width of the noise-conditional classifier (guidance_estimator = classifier), "
                 "or auto: the width of 16, 32, 64 and 128 whose best step count has the least "
                 "held-out loss (logistic, plus the score-matching term) on the same folds (needs "
                 "noise_clf_steps = auto)"});
    integer("noise_clf_depth", "3", 1, 64, "its hidden layers");
    real("noise_clf_weight_decay", "0.0001", 0, inf,
         "its L2 prior: the balanced mean loss gets noise_clf_weight_decay / 2 |theta|^2 (not "
         "divided by n_target: each target point enters at every noise level)");
    steps_or_auto("noise_clf_steps", "auto",
                  "its training steps, or auto: k-fold cross-validated held-out loss (logistic, "
                  "plus the score-matching term; clf_folds folds) over 25, 50, ..., "
                  "noise_clf_auto_max steps");
    integer("noise_clf_auto_max", "25600", 25, 1e8,
            "largest step count noise_clf_steps = auto considers");
    real("noise_clf_score_matching", "0.01", 0, inf,
         "weight per target point of a denoising score-matching term on the target data in its "
         "loss (the term's weight is this times n_target): the guided score (source score + the "
         "logit's gradient) fitted to diffused target samples, which has the same minimiser and "
         "scores the gradient the sampler uses (at guidance_scale = 1); its held-out value joins "
         "the held-out loss of noise_clf_steps = auto");
    s.back().absent_value = "0";  // added after the transfer map; 0 is the classifier before it
    integer("sample_steps", "200", 1, 1e6, "Euler-Maruyama steps of the reverse SDE");
    real("t_min", "0.001", 1e-6, 0.5, "smallest diffusion time (training and sampling)");
    integer("fisher_times", "10", 1, 1000, "times in the fisher diagnostic's grid");
    integer("fisher_n", "500", 1, 1e6, "samples of q_t per time in the fisher diagnostic");
    return s;
  }();
  return specs;
}

TransferSettings read_transfer_settings(const Params& p) {
  TransferSettings s;
  const auto integer = [&](const char* key) { return static_cast<int>(p.integer(key)); };
  s.method = read_choice(p, names::param::method, method_choices);
  s.oracle = read_choice(p, names::param::oracle, oracle_choices);

  s.shape = {integer("dim"), integer("components"), p.real("radius"), p.real("spread")};
  s.shift = {p.real("target_shift"), p.real("target_skew"), p.real("target_rotation")};
  s.conditional = p.boolean("conditional");
  s.n_source = integer("n_source");
  s.n_target = integer(names::param::n_target);
  s.n_eval = integer("n_eval");

  s.score_width = integer("score_width");
  s.score_depth = integer("score_depth");
  const int score_batch = integer("score_batch");
  s.source_training = {integer("source_steps"), score_batch, p.real("score_lr")};
  s.target_training = {integer("target_steps"), score_batch, p.real("score_lr")};
  s.finetune_training = {integer("finetune_steps"), score_batch, p.real("finetune_lr")};

  s.guidance_target = read_choice(p, names::param::guidance_target, guidance_target_choices);
  s.guidance_smoothing = p.boolean("guidance_smoothing");
  s.guidance_scale = p.real("guidance_scale");
  s.regularisers = {p.real(names::param::eta1), p.real(names::param::eta2),
                    p.real(names::param::eta_mass)};
  s.guidance_width = integer("guidance_width");
  s.guidance_depth = integer("guidance_depth");
  s.guidance_training = {integer("guidance_steps"), integer("guidance_batch"),
                         p.real("guidance_lr")};

  s.classifier.width = integer("clf_width");
  s.classifier.depth = integer("clf_depth");
  s.classifier.train = {integer("clf_steps"), 256, p.real("clf_lr")};
  s.clf_steps_auto = s.classifier.train.steps == 0;  // `auto` parses to 0
  // A prior of fixed weight against a likelihood that grows with the data: with the target
  // class's loss a mean over n_target points, the penalty scales as 1 / n_target. One rule for
  // every n_target: at 10 points it keeps the ratio smooth, at 1000 it barely binds
  // (docs/transfer-learning.md has the measurements behind the defaults).
  s.classifier.weight_decay = p.real("clf_weight_decay") / double(s.n_target);
  s.classifier.w_max = p.real("w_max");
  s.clf_auto_max = integer("clf_auto_max");
  s.clf_folds = integer("clf_folds");
  s.clf_cv_loss = read_choice(p, "clf_cv_loss", cv_loss_choices);
  s.cycle_steps = integer("cycle_steps");
  s.guidance_estimator =
      read_choice(p, names::param::guidance_estimator, guidance_estimator_choices);
  s.noise_classifier = {integer("noise_clf_width"),
                        integer("noise_clf_depth"),
                        {integer("noise_clf_steps"), 256, p.real("clf_lr")},
                        p.real("noise_clf_weight_decay"),
                        s.classifier.w_max};
  s.noise_clf_auto_max = integer("noise_clf_auto_max");
  // A rule from measurements (docs/transfer-learning.md): a fixed weight of 10 helped at 1000
  // target points and hurt at 30, where the term fits few points as target_only does.
  s.noise_clf_score_matching = p.real("noise_clf_score_matching") * double(s.n_target);

  s.sample_steps = integer("sample_steps");
  s.t_min = p.real("t_min");
  s.fisher_times = integer("fisher_times");
  s.fisher_n = integer("fisher_n");

  for (const char* k : source_keys)
    s.source_key += std::string(";") + k + "=" +
                    canonical_text(*find_spec(transfer_params(), k), p.values().at(k));
  return s;
}

}  // namespace diffsweep::transfer
