#include "transfer/noise_classifier.hpp"

#include <optional>

#include "transfer/network_input.hpp"

namespace diffsweep::transfer {

namespace {

// One step's loss on balanced batches of the two data sets, each column diffused at its own
// uniform time; the score-matching term reads the logistic loss's target draws, so both terms
// see the same diffused target points.
BatchLoss noise_classifier_loss(const NoiseClassifierData& data, const VpSde& sde, double t_min,
                                int batch, double weight_decay) {
  const int half = std::max(1, batch / 2);
  return [&data, &sde, t_min, half, weight_decay](const Mlp& net, std::mt19937_64& r,
                                                  Eigen::VectorXd& grad) {
    const DiffusedBatch a = diffused_batch(*data.source, half, sde, t_min, r, data.source_labels);
    const DiffusedBatch b = diffused_batch(*data.target, half, sde, t_min, r, data.target_labels);
    logistic_loss(net, network_input(a.xt, a.t, sde, data.classes, a.labels),
                  network_input(b.xt, b.t, sde, data.classes, b.labels), weight_decay, &grad);
    if (data.score_matching > 0)
      classifier_score_matching(net, data, sde, b, data.source_score(b.xt, b.t, b.labels), &grad);
  };
}

// Every column diffused `times` times at times drawn once: a fixed held-out sample of (x_t, t).
DiffusedBatch diffused_copies(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                              const VpSde& sde, double t_min, int times, std::mt19937_64& rng) {
  const Eigen::Index n = x.cols();
  DiffusedBatch b{Eigen::MatrixXd(),
                  Eigen::MatrixXd(x.rows(), n * times),
                  Eigen::MatrixXd(x.rows(), n * times),
                  Eigen::VectorXd(n * times),
                  {},
                  Eigen::VectorXi(labels.size() ? n * times : 0)};
  std::uniform_real_distribution<double> uniform(t_min, 1.0);
  std::normal_distribution<double> normal;
  for (Eigen::Index i = 0, k = 0; i < n; ++i)
    for (int j = 0; j < times; ++j, ++k) {
      b.t[k] = uniform(rng);
      for (Eigen::Index d = 0; d < x.rows(); ++d) {
        b.eps(d, k) = normal(rng);
        b.xt(d, k) = sde.alpha(b.t[k]) * x(d, i) + sde.sigma(b.t[k]) * b.eps(d, k);
      }
      if (b.labels.size()) b.labels[k] = labels[i];
    }
  return b;
}

}  // namespace

double classifier_score_matching(const Mlp& net, const NoiseClassifierData& data, const VpSde& sde,
                                 const DiffusedBatch& target, const Eigen::MatrixXd& source_score,
                                 Eigen::VectorXd* grad) {
  MlpTape tape;
  forward(net, network_input(target.xt, target.t, sde, data.classes, target.labels), &tape);
  const Eigen::Index n = target.xt.cols();
  return guided_score_matching(net, tape, target.xt.rows(), sde,
                               {target.t, target.eps, source_score}, Eigen::RowVectorXd::Ones(n),
                               Eigen::RowVectorXd::Zero(n), data.score_matching,
                               Eigen::RowVectorXd::Zero(n), grad);
}

NoiseClassifier train_noise_classifier(const NoiseClassifierData& data, const ClassifierSettings& s,
                                       const VpSde& sde, double t_min, std::mt19937_64& rng) {
  const int dim = static_cast<int>(data.source->rows());
  NoiseClassifier c{
      {make_classifier_net(dim + time_features + data.classes, s.width, s.depth, rng), s.w_max},
      sde,
      dim,
      data.classes};
  train_net(c.classifier.net,
            noise_classifier_loss(data, sde, t_min, s.train.batch, s.weight_decay), s.train, rng);
  return c;
}

HeldOutChoice choose_noise_classifier_steps(const NoiseClassifierData& data,
                                            const ClassifierSettings& s, const VpSde& sde,
                                            double t_min, int max_steps, int folds,
                                            std::mt19937_64& rng, int held_out_times) {
  // Labels travel with their points through the folds as one more row.
  const auto with_labels = [&](const Eigen::MatrixXd& x, const Eigen::VectorXi& labels) {
    Eigen::MatrixXd out(x.rows() + (data.classes ? 1 : 0), x.cols());
    out.topRows(x.rows()) = x;
    if (data.classes) out.bottomRows(1) = labels.cast<double>().transpose();
    return out;
  };
  const auto split = [&](const Eigen::MatrixXd& m, Eigen::MatrixXd& x, Eigen::VectorXi& labels) {
    const Eigen::Index dim = m.rows() - (data.classes ? 1 : 0);
    x = m.topRows(dim);
    labels =
        data.classes ? Eigen::VectorXi(m.bottomRows(1).transpose().cast<int>()) : Eigen::VectorXi();
  };
  return choose_steps_by_folds(
      with_labels(*data.source, data.source_labels), with_labels(*data.target, data.target_labels),
      max_steps, folds, rng,
      [&](const FoldData& f, const std::vector<int>& checkpoints, std::mt19937_64& r) {
        Eigen::MatrixXd source, target, source_out, target_out;
        NoiseClassifierData fold = data;  // its score-matching weight and source score
        fold.source = &source;
        fold.target = &target;
        Eigen::VectorXi source_out_labels, target_out_labels;
        split(f.source_in, source, fold.source_labels);
        split(f.target_in, target, fold.target_labels);
        split(f.source_out, source_out, source_out_labels);
        split(f.target_out, target_out, target_out_labels);
        const DiffusedBatch held_source =
            diffused_copies(source_out, source_out_labels, sde, t_min, held_out_times, r);
        const DiffusedBatch held_target =
            diffused_copies(target_out, target_out_labels, sde, t_min, held_out_times, r);
        const auto inputs = [&](const DiffusedBatch& b) {
          return network_input(b.xt, b.t, sde, data.classes, b.labels);
        };
        const Eigen::MatrixXd source_inputs = inputs(held_source);
        const Eigen::MatrixXd target_inputs = inputs(held_target);
        const Eigen::MatrixXd held_score =
            data.score_matching > 0
                ? data.source_score(held_target.xt, held_target.t, held_target.labels)
                : Eigen::MatrixXd();
        Mlp net = make_classifier_net(int(source_inputs.rows()), s.width, s.depth, r);
        return held_out_at_checkpoints(
            net, noise_classifier_loss(fold, sde, t_min, s.train.batch, s.weight_decay), s.train,
            checkpoints,
            [&](const Mlp& trained) {
              const double logistic =
                  logistic_loss(trained, source_inputs, target_inputs, 0.0, nullptr);
              return data.score_matching > 0
                         ? logistic + classifier_score_matching(trained, fold, sde, held_target,
                                                                held_score, nullptr)
                         : logistic;
            },
            r);
      });
}

ClassifierSettings choose_noise_classifier_size(const NoiseClassifierData& data,
                                                ClassifierSettings settings, const VpSde& sde,
                                                double t_min, const std::vector<int>& widths,
                                                int max_steps, int folds, std::mt19937_64& rng) {
  std::optional<HeldOutChoice> best;
  std::mt19937_64 after = rng;
  for (const int width : widths) {
    std::mt19937_64 same = rng;  // the same folds and draws for every width
    ClassifierSettings candidate = settings;
    candidate.width = width;
    const HeldOutChoice c =
        choose_noise_classifier_steps(data, candidate, sde, t_min, max_steps, folds, same);
    if (!best || c.loss < best->loss) {
      best = c;
      settings.width = width;
      settings.train.steps = c.steps;
    }
    after = same;
  }
  rng = after;
  return settings;
}

Eigen::VectorXd noise_logit(const NoiseClassifier& c, const Eigen::MatrixXd& x,
                            const Eigen::VectorXd& t, const Eigen::VectorXi& labels) {
  return forward(c.classifier.net, network_input(x, t, c.sde, c.classes, labels))
      .row(0)
      .transpose();
}

Eigen::MatrixXd noise_guidance(const NoiseClassifier& c, const Eigen::MatrixXd& x, double t,
                               const Eigen::VectorXi& labels) {
  const Eigen::VectorXd times = Eigen::VectorXd::Constant(x.cols(), t);
  MlpTape tape;
  forward(c.classifier.net, network_input(x, times, c.sde, c.classes, labels), &tape);
  const Eigen::MatrixXd input_grad =
      backward(c.classifier.net, tape, Eigen::MatrixXd::Ones(1, x.cols()), nullptr);
  return input_grad.topRows(c.dim);
}

}  // namespace diffsweep::transfer
