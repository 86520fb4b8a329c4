#include "transfer/noise_classifier.hpp"

#include <optional>

#include "transfer/network_input.hpp"
#include "transfer/score_model.hpp"

namespace diffsweep::transfer {

namespace {

// Balanced batches of the two data sets, each column diffused at its own uniform time.
ClassBatch diffused_classes(const NoiseClassifierData& data, const VpSde& sde, double t_min,
                            int batch) {
  const int half = std::max(1, batch / 2);
  return [&data, &sde, t_min, half](std::mt19937_64& r) {
    const DiffusedBatch a = diffused_batch(*data.source, half, sde, t_min, r, data.source_labels);
    const DiffusedBatch b = diffused_batch(*data.target, half, sde, t_min, r, data.target_labels);
    return std::pair{network_input(a.xt, a.t, sde, data.classes, a.labels),
                     network_input(b.xt, b.t, sde, data.classes, b.labels)};
  };
}

// Every column diffused `times` times at times drawn once: a fixed held-out sample of (x_t, t).
Eigen::MatrixXd diffused_inputs(const Eigen::MatrixXd& x, const Eigen::VectorXi& labels,
                                int classes, const VpSde& sde, double t_min, int times,
                                std::mt19937_64& rng) {
  const Eigen::Index n = x.cols();
  Eigen::MatrixXd xt(x.rows(), n * times);
  Eigen::VectorXd t(n * times);
  Eigen::VectorXi y(labels.size() ? n * times : 0);
  std::uniform_real_distribution<double> uniform(t_min, 1.0);
  std::normal_distribution<double> normal;
  for (Eigen::Index i = 0, k = 0; i < n; ++i)
    for (int j = 0; j < times; ++j, ++k) {
      t[k] = uniform(rng);
      for (Eigen::Index d = 0; d < x.rows(); ++d)
        xt(d, k) = sde.alpha(t[k]) * x(d, i) + sde.sigma(t[k]) * normal(rng);
      if (y.size()) y[k] = labels[i];
    }
  return network_input(xt, t, sde, classes, y);
}

}  // namespace

NoiseClassifier train_noise_classifier(const NoiseClassifierData& data, const ClassifierSettings& s,
                                       const VpSde& sde, double t_min, std::mt19937_64& rng) {
  const int dim = static_cast<int>(data.source->rows());
  NoiseClassifier c{
      {make_classifier_net(dim + time_features + data.classes, s.width, s.depth, rng), s.w_max},
      sde,
      dim,
      data.classes};
  train_logistic(c.classifier.net, diffused_classes(data, sde, t_min, s.train.batch), s.train,
                 s.weight_decay, rng);
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
        NoiseClassifierData fold{&source, &target, {}, {}, data.classes};
        Eigen::VectorXi source_out_labels, target_out_labels;
        split(f.source_in, source, fold.source_labels);
        split(f.target_in, target, fold.target_labels);
        split(f.source_out, source_out, source_out_labels);
        split(f.target_out, target_out, target_out_labels);
        const Eigen::MatrixXd held_source = diffused_inputs(
            source_out, source_out_labels, data.classes, sde, t_min, held_out_times, r);
        const Eigen::MatrixXd held_target = diffused_inputs(
            target_out, target_out_labels, data.classes, sde, t_min, held_out_times, r);
        Mlp net = make_classifier_net(int(held_source.rows()), s.width, s.depth, r);
        return held_out_at_checkpoints(
            net, diffused_classes(fold, sde, t_min, s.train.batch), s.train, s.weight_decay,
            checkpoints,
            [&](const Mlp& trained) {
              return logistic_loss(trained, held_source, held_target, 0.0, nullptr);
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
