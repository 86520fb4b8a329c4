#include "transfer/transfer_experiment.hpp"

#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <random>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "common/seeding.hpp"
#include "transfer/domain_classifier.hpp"
#include "transfer/gaussian_mixture.hpp"
#include "transfer/guidance_model.hpp"
#include "transfer/network_input.hpp"
#include "transfer/reverse_sde.hpp"
#include "transfer/sample_metrics.hpp"
#include "transfer/score_model.hpp"

namespace diffsweep::transfer {

struct SourceModel {
  Eigen::MatrixXd data;    // n_source source samples
  Eigen::VectorXi labels;  // their components
  ScoreModel model;
  double seconds = 0.0;  // time it took to build
};

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// The parameters that define the source model; their canonical text keys the cache and its seed.
const char* const source_keys[] = {"dim",      "components",  "radius",      "spread",
                                   "n_source", "score_width", "score_depth", "source_steps",
                                   "score_lr", "score_batch", "t_min",       "conditional"};

// The diffused score of g at (x, t); with labels, that of each column's own component (the
// conditional score grad log g_t(x | y)).
Eigen::MatrixXd mixture_score(const GaussianMixture& g, const VpSde& sde, double t,
                              const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) {
  const GaussianMixture gt = diffuse(g, sde, t);
  if (labels.size() == 0) return score(gt, x);
  Eigen::MatrixXd s(x.rows(), x.cols());
  for (Eigen::Index i = 0; i < x.cols(); ++i)
    s.col(i) = (gt.means.col(labels[i]) - x.col(i)) / gt.variance;
  return s;
}

// q(x)/p(x), or with labels the joint ratio q(x, y)/p(x, y).
Eigen::VectorXd exact_ratio(const GaussianMixture& p, const GaussianMixture& q,
                            const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) {
  if (labels.size() == 0) return density_ratio(p, q, x);
  const Eigen::MatrixXd lq = log_joint(q, x), lp = log_joint(p, x);
  Eigen::VectorXd w(x.cols());
  for (Eigen::Index i = 0; i < x.cols(); ++i) w[i] = std::exp(lq(labels[i], i) - lp(labels[i], i));
  return w;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// One named random stream of a replicate.
std::uint64_t stream(std::uint64_t sweep_seed, std::int64_t replicate, std::string_view name) {
  const std::string key =
      "transfer/replicate=" + std::to_string(replicate) + "/" + std::string(name);
  return derive_seed(sweep_seed, fnv1a64(key));
}

MixtureShape shape_of(const Params& p) {
  return {int(p.integer("dim")), int(p.integer("components")), p.real("radius"), p.real("spread")};
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
         "with exact oracles and diagnostics (METHODS section 2)";
}

const std::vector<ParamSpec>& TransferExperiment::params() const {
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
    choice("method", "tgdp", {"tgdp", "target_only", "finetune", "source_only", "exact_target"},
           "tgdp = source score + learned guidance; target_only = same-size model trained on the "
           "target data alone; finetune = source model fine-tuned on it; source_only = no "
           "transfer; exact_target = exact target score (the floor of this sampler)");
    choice("oracle", "none", {"none", "source", "ratio", "guidance"},
           "tgdp only: replace one learned piece by the exact one: source score, the ratio q/p "
           "the guidance network regresses, or the guidance grad log(q_t/p_t) itself");
    choice("guidance_target", "ratio", {"ratio", "log_ratio"},
           "ratio: h = softplus > 0 regresses w, guidance grad log h (METHODS); log_ratio: a "
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
    real("eta1", "0", 0, inf, "cycle regulariser: h against a time-dependent classifier's ratio");
    real("eta2", "0", 0, inf, "consistency regulariser: guided score fits DSM on target data");
    real("eta_mass", "0", 0, inf, "mass regulariser: mean of h over diffused source = 1 (ours)");
    integer("n_source", "10000", 10, 1e8, "number of source samples");
    integer("n_target", "100", 2, 1e8, "number of target samples (first n of one pool)");
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
    s.push_back({"clf_steps",
                 ParamType::integer,
                 "2000",
                 1,
                 1e8,
                 {},
                 std::int64_t{0},
                 "classifier training steps, or auto: k-fold cross-validated held-out logistic "
                 "loss over 25, 50, ..., clf_auto_max steps"});
    integer("clf_auto_max", "6400", 25, 1e8, "largest step count clf_steps = auto considers");
    integer("clf_folds", "5", 2, 100, "folds of clf_steps = auto");
    choice("clf_cv_loss", "logistic", {"logistic", "ratio_squares"},
           "held-out loss clf_steps = auto minimises: balanced logistic (METHODS) or the "
           "least-squares ratio loss E_p[w^2]/2 - E_q[w] (scores the ratio itself; ours)");
    real("clf_lr", "0.001", 0, 1, "Adam step size of the classifiers");
    real("clf_weight_decay", "0.1", 0, inf,
         "L2 prior of the classifiers, counted in target points: the balanced mean loss gets "
         "clf_weight_decay / (2 n_target) |theta|^2, so its pull fades as target data grow");
    real("w_max", "100", 1, inf, "density ratios are clipped at this");
    integer("cycle_steps", "2000", 1, 1e8,
            "training steps of the time-dependent classifier (eta1)");
    integer("sample_steps", "200", 1, 1e6, "Euler-Maruyama steps of the reverse SDE");
    real("t_min", "0.001", 1e-6, 0.5, "smallest diffusion time (training and sampling)");
    integer("fisher_times", "10", 1, 1000, "times in the fisher diagnostic's grid");
    integer("fisher_n", "500", 1, 1e6, "samples of q_t per time in the fisher diagnostic");
    return s;
  }();
  return specs;
}

const std::vector<MetricSpec>& TransferExperiment::metrics() const {
  static const std::vector<MetricSpec> m = {
      {"mmd", "MMD (RBF, median-heuristic bandwidth) of generated vs true-target samples"},
      {"mmd_floor", "mmd of a second true-target sample vs the reference (the noise floor)"},
      {"mmd_local", "MMD with bandwidth = spread: shape within a mode"},
      {"mmd_local_floor", "mmd_local of a second true-target sample (its floor)"},
      {"energy", "energy distance to the reference sample"},
      {"sw2", "sliced 2-Wasserstein distance to the reference sample"},
      {"loglik", "mean log target density of generated samples"},
      {"loglik_true", "mean log target density of true target samples (memorisation beats it)"},
      {"weight_err", "sum_k |fraction nearest target mean k - target weight k|"},
      {"fisher", "E_{t grid, x ~ q_t} sigma_t^2 |sampler score - grad log q_t|^2"},
      {"ratio_l1", "E_p |w_hat - w| of the learned domain classifier"},
      {"clf_steps_used", "classifier training steps (chosen by cross-validation when auto)"},
      {"source_reused", "1 if the source model came from the cache"},
      {"cond_acc",
       "conditional only: accuracy on true target data of a Gaussian classifier "
       "fitted to the generated labelled samples"},
      {"time_source", "seconds building the source model (0 when reused)"},
      {"time_classifier", "seconds training the domain classifier(s)"},
      {"time_guidance", "seconds training the guidance network"},
      {"time_baseline", "seconds training target_only or finetune"},
      {"time_sampling", "seconds sampling"},
      {"time_metrics", "seconds computing the metrics"},
  };
  return m;
}

void TransferExperiment::validate(const Params& p) const {
  if (p.integer("dim") < 2 && p.real("target_rotation") != 0.0)
    throw ParamError("target_rotation", std::to_string(p.real("target_rotation")),
                     "a rotation needs dim >= 2");
}

PointResult TransferExperiment::run(const Params& p, const PointContext& context) {
  validate(p);
  using clock = std::chrono::steady_clock;
  PointResult result;
  auto& out = result.scalars;
  const VpSde sde;
  const MixtureShape shape = shape_of(p);
  const int dim = shape.dim;
  const GaussianMixture source = source_mixture(shape);
  const GaussianMixture target = target_mixture(
      shape, {p.real("target_shift"), p.real("target_skew"), p.real("target_rotation")});
  const double t_min = p.real("t_min");
  const bool conditional = p.boolean("conditional");
  const int classes = conditional ? shape.components : 0;
  // Labels reach a model only in the conditional version.
  auto as_input = [conditional](const Eigen::VectorXi& labels) {
    return conditional ? labels : Eigen::VectorXi();
  };

  // The source model, from the cache when its settings were seen before.
  std::string key = "sweep_seed=" + std::to_string(context.sweep_seed);
  for (const char* k : source_keys)
    key += std::string(";") + k + "=" + canonical_text(*find_spec(params(), k), p.values().at(k));
  auto& cached = sources_[key];
  out["source_reused"] = cached ? 1.0 : 0.0;
  if (!cached) {
    const auto start = clock::now();
    std::mt19937_64 rng(derive_seed(context.sweep_seed, fnv1a64("transfer/source|" + key)));
    auto built = std::make_shared<SourceModel>();
    built->data = sample(source, int(p.integer("n_source")), rng, &built->labels);
    built->model = make_score_model(dim, int(p.integer("score_width")),
                                    int(p.integer("score_depth")), rng, classes);
    built->model.t_min = t_min;
    train_score_model(
        built->model, built->data,
        {int(p.integer("source_steps")), int(p.integer("score_batch")), p.real("score_lr")}, rng,
        false, as_input(built->labels));
    built->seconds = seconds_since(start);
    cached = std::move(built);
    out["time_source"] = cached->seconds;
  } else {
    out["time_source"] = 0.0;
  }
  const SourceModel& src = *cached;
  const Eigen::VectorXi source_labels = as_input(src.labels);

  // The runner's replicate index, not the point id, seeds the target pool, evaluation samples,
  // sampler noise and training: every method of one replicate sees the same data, and the target
  // sets are nested across n_target.
  const std::int64_t rep = context.replicate;
  const std::uint64_t seed = context.sweep_seed;
  std::mt19937_64 target_rng(stream(seed, rep, "target"));
  Eigen::VectorXi all_target_labels;
  const Eigen::MatrixXd target_data =
      sample(target, int(p.integer("n_target")), target_rng, &all_target_labels);
  const Eigen::VectorXi target_labels = as_input(all_target_labels);
  std::mt19937_64 train_rng(stream(seed, rep, "training"));

  const std::string& method = p.choice("method");
  const std::string& oracle = p.choice("oracle");
  const TrainSettings score_settings{int(p.integer("target_steps")), int(p.integer("score_batch")),
                                     p.real("score_lr")};

  // A score that may read labels: (x, t, labels), labels empty when unconditional.
  using LabelledScore =
      std::function<Eigen::MatrixXd(const Eigen::MatrixXd&, double, const Eigen::VectorXi&)>;
  const LabelledScore exact_target = [&](const Eigen::MatrixXd& x, double t,
                                         const Eigen::VectorXi& y) {
    return mixture_score(target, sde, t, x, y);
  };
  const LabelledScore learned_source = [&](const Eigen::MatrixXd& x, double t,
                                           const Eigen::VectorXi& y) {
    return score(src.model, x, t, y);
  };
  LabelledScore model_score;
  ScoreModel baseline;
  GuidanceModel guidance;
  out["time_classifier"] = 0.0;
  out["time_guidance"] = 0.0;
  out["time_baseline"] = 0.0;

  if (method == "exact_target") {
    model_score = exact_target;
  } else if (method == "source_only") {
    model_score = learned_source;
  } else if (method == "target_only" || method == "finetune") {
    const auto start = clock::now();
    if (method == "target_only") {
      baseline = make_score_model(dim, int(p.integer("score_width")), int(p.integer("score_depth")),
                                  train_rng, classes);
      baseline.t_min = t_min;
      train_score_model(baseline, target_data, score_settings, train_rng, false, target_labels);
    } else {
      baseline = src.model;
      train_score_model(
          baseline, target_data,
          {int(p.integer("finetune_steps")), int(p.integer("score_batch")), p.real("finetune_lr")},
          train_rng, true, target_labels);
    }
    out["time_baseline"] = seconds_since(start);
    model_score = [&](const Eigen::MatrixXd& x, double t, const Eigen::VectorXi& y) {
      return score(baseline, x, t, y);
    };
  } else {  // tgdp
    const LabelledScore base =
        oracle == "source"
            ? LabelledScore([&](const Eigen::MatrixXd& x, double t, const Eigen::VectorXi& y) {
                return mixture_score(source, sde, t, x, y);
              })
            : learned_source;
    const double scale = p.real("guidance_scale");
    if (oracle == "guidance") {
      model_score = [&, base, scale](const Eigen::MatrixXd& x, double t, const Eigen::VectorXi& y) {
        return Eigen::MatrixXd(base(x, t, y) + scale * (mixture_score(target, sde, t, x, y) -
                                                        mixture_score(source, sde, t, x, y)));
      };
    } else {
      // The ratio at the source data: exact (oracle = ratio) or from the domain classifier.
      Eigen::VectorXd w;
      const double w_max = p.real("w_max");
      auto start = clock::now();
      ClassifierSettings cs;
      cs.width = int(p.integer("clf_width"));
      cs.depth = int(p.integer("clf_depth"));
      cs.train = {int(p.integer("clf_steps")), 256, p.real("clf_lr")};
      // A prior of fixed weight against a likelihood that grows with the data: with the target
      // class's loss a mean over n_target points, the penalty scales as 1 / n_target. One rule
      // for every n_target: at 10 points it keeps the ratio smooth, at 1000 it barely binds
      // (docs/transfer-learning.md has the measurements behind the defaults).
      cs.weight_decay = p.real("clf_weight_decay") / double(p.integer("n_target"));
      cs.w_max = w_max;
      if (oracle == "ratio") {
        w = exact_ratio(source, target, src.data, source_labels).cwiseMin(w_max);
      } else {
        const Eigen::MatrixXd source_in = append_one_hot(src.data, classes, source_labels);
        const Eigen::MatrixXd target_in = append_one_hot(target_data, classes, target_labels);
        if (cs.train.steps == 0)
          cs.train.steps = choose_classifier_steps(
              source_in, target_in, cs, int(p.integer("clf_auto_max")), int(p.integer("clf_folds")),
              train_rng,
              p.choice("clf_cv_loss") == "logistic" ? CvLoss::logistic : CvLoss::ratio_squares);
        out["clf_steps_used"] = cs.train.steps;
        const DomainClassifier clf = train_domain_classifier(source_in, target_in, cs, train_rng);
        w = density_ratio(clf, source_in);
        std::mt19937_64 eval_rng(stream(seed, rep, "ratio_eval"));
        Eigen::VectorXi y;
        const Eigen::MatrixXd x = sample(source, int(p.integer("n_eval")), eval_rng, &y);
        y = as_input(y);
        out["ratio_l1"] = (density_ratio(clf, append_one_hot(x, classes, y)) -
                           exact_ratio(source, target, x, y).cwiseMin(w_max))
                              .cwiseAbs()
                              .mean();
      }
      const GuidanceRegularisers reg{p.real("eta1"), p.real("eta2"), p.real("eta_mass")};
      GuidanceData data;
      data.source = &src.data;
      data.source_w = &w;
      data.target = &target_data;
      data.source_labels = source_labels;
      data.target_labels = target_labels;
      data.smoothing = p.boolean("guidance_smoothing");
      DomainClassifier cycle{Mlp{}, w_max};
      if (reg.eta1 > 0) {
        cycle.net =
            make_classifier_net(dim + time_features + classes, cs.width, cs.depth, train_rng);
        const ClassBatch batch = [&](std::mt19937_64& rng) {
          const DiffusedBatch a = diffused_batch(src.data, 128, sde, t_min, rng, source_labels);
          const DiffusedBatch b = diffused_batch(target_data, 128, sde, t_min, rng, target_labels);
          return std::pair{network_input(a.xt, a.t, sde, classes, a.labels),
                           network_input(b.xt, b.t, sde, classes, b.labels)};
        };
        train_logistic(cycle.net, batch, {int(p.integer("cycle_steps")), 256, p.real("clf_lr")},
                       cs.weight_decay, train_rng);
        data.cycle_ratio = [&](const Eigen::MatrixXd& x, const Eigen::VectorXd& t,
                               const Eigen::VectorXi& y) {
          return density_ratio(cycle, network_input(x, t, sde, classes, y));
        };
      }
      out["time_classifier"] = seconds_since(start);
      if (reg.eta2 > 0) {
        data.source_score = [&](const Eigen::MatrixXd& x, const Eigen::VectorXd& t,
                                const Eigen::VectorXi& y) {
          if (oracle != "source") return score(src.model, x, t, y);
          Eigen::MatrixXd s(x.rows(), x.cols());
          for (Eigen::Index i = 0; i < x.cols(); ++i)
            s.col(i) = mixture_score(source, sde, t[i], Eigen::MatrixXd(x.col(i)),
                                     y.size() ? Eigen::VectorXi::Constant(1, y[i]) : y);
          return s;
        };
      }
      start = clock::now();
      guidance = make_guidance_model(
          dim, int(p.integer("guidance_width")), int(p.integer("guidance_depth")),
          p.choice("guidance_target") == "ratio" ? GuidanceTarget::ratio
                                                 : GuidanceTarget::log_ratio,
          train_rng, classes);
      guidance.t_min = t_min;
      train_guidance(guidance, data, reg,
                     {int(p.integer("guidance_steps")), int(p.integer("guidance_batch")),
                      p.real("guidance_lr")},
                     train_rng);
      out["time_guidance"] = seconds_since(start);
      model_score = [&, base, scale](const Eigen::MatrixXd& x, double t, const Eigen::VectorXi& y) {
        return Eigen::MatrixXd(base(x, t, y) + scale * guidance_gradient(guidance, x, t, y));
      };
    }
  }

  // Labels of the generated samples: the target data's label frequencies (all a learned method
  // knows), or the true target weights for exact_target, read off one shared uniform stream.
  const int n_eval = int(p.integer("n_eval"));
  Eigen::VectorXi generated_labels;
  if (conditional) {
    Eigen::VectorXd label_weights = target.weights;
    if (method != "exact_target") {
      label_weights.setZero();
      for (Eigen::Index i = 0; i < target_labels.size(); ++i) label_weights[target_labels[i]] += 1;
      label_weights /= label_weights.sum();
    }
    std::mt19937_64 label_rng(stream(seed, rep, "labels"));
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    generated_labels.resize(n_eval);
    for (int i = 0; i < n_eval; ++i) {
      double u = uniform(label_rng), cumulative = 0.0;
      int k = 0;
      while (k + 1 < label_weights.size() && u >= (cumulative += label_weights[k])) ++k;
      generated_labels[i] = k;
    }
  }

  auto start = clock::now();
  const ScoreFn sampler_score = [&](const Eigen::MatrixXd& x, double t) {
    return model_score(x, t, generated_labels);
  };
  const Eigen::MatrixXd generated =
      sample_reverse_sde(sampler_score, sde, dim, n_eval, {int(p.integer("sample_steps")), t_min},
                         stream(seed, rep, "sampler"));
  out["time_sampling"] = seconds_since(start);

  start = clock::now();
  std::mt19937_64 eval_rng(stream(seed, rep, "evaluation"));
  const Eigen::MatrixXd reference = sample(target, n_eval, eval_rng);
  const Eigen::MatrixXd second = sample(target, n_eval, eval_rng);
  const double bandwidth = median_distance(reference, second);
  out["mmd"] = mmd_rbf(generated, reference, bandwidth);
  out["mmd_floor"] = mmd_rbf(second, reference, bandwidth);
  out["mmd_local"] = mmd_rbf(generated, reference, shape.spread);
  out["mmd_local_floor"] = mmd_rbf(second, reference, shape.spread);
  out["energy"] = energy_distance(generated, reference);
  std::mt19937_64 slice_rng(stream(seed, rep, "slices"));
  out["sw2"] = sliced_wasserstein2(generated, reference, 128, slice_rng);
  out["loglik"] = log_density(target, generated).mean();
  out["loglik_true"] = log_density(target, reference).mean();
  out["weight_err"] = weight_error(target, generated);
  const int k_times = int(p.integer("fisher_times"));
  double fisher = 0.0;
  std::mt19937_64 fisher_rng(stream(seed, rep, "fisher"));
  for (int k = 0; k < k_times; ++k) {
    const double t = t_min + (1.0 - t_min) * (k + 0.5) / k_times;
    Eigen::VectorXi y;
    const Eigen::MatrixXd x =
        sample(diffuse(target, sde, t), int(p.integer("fisher_n")), fisher_rng, &y);
    y = as_input(y);
    fisher += sde.sigma2(t) *
              (model_score(x, t, y) - mixture_score(target, sde, t, x, y)).squaredNorm() /
              double(x.cols());
  }
  out["fisher"] = fisher / k_times;
  if (conditional) {
    std::mt19937_64 test_rng(stream(seed, rep, "conditional_test"));
    Eigen::VectorXi test_labels;
    const Eigen::MatrixXd test = sample(target, n_eval, test_rng, &test_labels);
    out["cond_acc"] =
        generative_classifier_accuracy(generated, generated_labels, classes, test, test_labels);
  }
  out["time_metrics"] = seconds_since(start);
  return result;
}

}  // namespace diffsweep::transfer
