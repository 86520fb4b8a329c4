#include "transfer/domain_classifier.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "transfer/adam.hpp"

namespace diffsweep::transfer {

namespace {

// log(1 + exp(z)) without overflow.
double softplus(double z) { return std::max(z, 0.0) + std::log1p(std::exp(-std::fabs(z))); }
double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

Eigen::MatrixXd columns(const Eigen::MatrixXd& x, const std::vector<Eigen::Index>& idx) {
  Eigen::MatrixXd out(x.rows(), Eigen::Index(idx.size()));
  for (std::size_t i = 0; i < idx.size(); ++i) out.col(Eigen::Index(i)) = x.col(idx[i]);
  return out;
}

}  // namespace

double logistic_loss(const Mlp& net, const Eigen::MatrixXd& source, const Eigen::MatrixXd& target,
                     double weight_decay, Eigen::VectorXd* grad) {
  double loss = 0.5 * weight_decay * net.theta.squaredNorm();
  if (grad) *grad += weight_decay * net.theta;
  // Label 0: loss softplus(z); label 1: softplus(-z); each class averaged, then halved.
  for (int label = 0; label < 2; ++label) {
    const Eigen::MatrixXd& x = label == 0 ? source : target;
    const double scale = 0.5 / x.cols();
    MlpTape tape;
    const Eigen::RowVectorXd z = forward(net, x, grad ? &tape : nullptr).row(0);
    const double sign = label == 0 ? 1.0 : -1.0;
    loss += scale * z.unaryExpr([&](double v) { return softplus(sign * v); }).sum();
    if (grad) {
      const Eigen::MatrixXd dz =
          z.unaryExpr([&](double v) { return scale * sign * sigmoid(sign * v); });
      backward(net, tape, dz, grad);
    }
  }
  return loss;
}

BatchLoss logistic_batch_loss(ClassBatch batch, double weight_decay) {
  return [batch = std::move(batch), weight_decay](const Mlp& net, std::mt19937_64& rng,
                                                  Eigen::VectorXd& grad) {
    const auto [src, tgt] = batch(rng);
    logistic_loss(net, src, tgt, weight_decay, &grad);
  };
}

void train_net(Mlp& net, const BatchLoss& loss, const TrainSettings& s, std::mt19937_64& rng,
               const StepHook& after_step) {
  Adam adam;
  Eigen::VectorXd grad(net.theta.size());
  for (int step = 0; step < s.steps; ++step) {
    grad.setZero();
    loss(net, rng, grad);
    adam.step(net.theta, grad, scheduled_lr(s, step));
    if (after_step) after_step(step + 1);
  }
}

ClassBatch resample_batch(const Eigen::MatrixXd& source, const Eigen::MatrixXd& target, int batch) {
  return [&source, &target, half = std::max(1, batch / 2)](std::mt19937_64& rng) {
    std::uniform_int_distribution<Eigen::Index> ps(0, source.cols() - 1), pt(0, target.cols() - 1);
    Eigen::MatrixXd a(source.rows(), half), b(target.rows(), half);
    for (int i = 0; i < half; ++i) {
      a.col(i) = source.col(ps(rng));
      b.col(i) = target.col(pt(rng));
    }
    return std::pair{std::move(a), std::move(b)};
  };
}

Mlp make_classifier_net(int inputs, int width, int depth, std::mt19937_64& rng) {
  return make_mlp(inputs, 1, width, depth, rng, 0.0);
}

DomainClassifier train_domain_classifier(const Eigen::MatrixXd& source,
                                         const Eigen::MatrixXd& target, const ClassifierSettings& s,
                                         std::mt19937_64& rng) {
  DomainClassifier c{make_classifier_net(int(source.rows()), s.width, s.depth, rng), s.w_max};
  train_net(c.net,
            logistic_batch_loss(resample_batch(source, target, s.train.batch), s.weight_decay),
            s.train, rng);
  return c;
}

Eigen::VectorXd density_ratio(const DomainClassifier& c, const Eigen::MatrixXd& x) {
  const double cap = std::log(c.w_max);
  return forward(c.net, x).row(0).transpose().unaryExpr(
      [cap](double z) { return std::exp(std::min(z, cap)); });
}

double ratio_squares_loss(const DomainClassifier& c, const Eigen::MatrixXd& source,
                          const Eigen::MatrixXd& target) {
  return 0.5 * density_ratio(c, source).squaredNorm() / double(source.cols()) -
         density_ratio(c, target).mean();
}

HeldOutChoice choose_steps_by_folds(const Eigen::MatrixXd& source, const Eigen::MatrixXd& target,
                                    int max_steps, int folds, std::mt19937_64& rng,
                                    const FoldRun& run) {
  std::vector<int> checkpoints;
  for (int k = 25; k <= max_steps; k *= 2) checkpoints.push_back(k);
  if (checkpoints.empty()) return {max_steps, std::numeric_limits<double>::quiet_NaN()};
  const int k_folds = std::max(2, std::min<int>(folds, int(target.cols())));
  auto shuffled = [&rng](Eigen::Index n) {
    std::vector<Eigen::Index> idx(n);
    std::iota(idx.begin(), idx.end(), 0);
    std::shuffle(idx.begin(), idx.end(), rng);
    return idx;
  };
  const auto ts = shuffled(target.cols()), ss = shuffled(source.cols());
  std::vector<double> held_out(checkpoints.size(), 0.0);
  for (int f = 0; f < k_folds; ++f) {
    std::vector<Eigen::Index> t_in, t_out, s_in, s_out;
    for (std::size_t i = 0; i < ts.size(); ++i)
      (int(i % k_folds) == f ? t_out : t_in).push_back(ts[i]);
    for (std::size_t i = 0; i < ss.size(); ++i)
      (int(i % k_folds) == f ? s_out : s_in).push_back(ss[i]);
    const std::vector<double> fold = run({columns(source, s_in), columns(target, t_in),
                                          columns(source, s_out), columns(target, t_out)},
                                         checkpoints, rng);
    for (std::size_t k = 0; k < held_out.size(); ++k) held_out[k] += fold[k];
  }
  const auto best =
      std::size_t(std::min_element(held_out.begin(), held_out.end()) - held_out.begin());
  return {checkpoints[best], held_out[best]};
}

std::vector<double> held_out_at_checkpoints(Mlp& net, const BatchLoss& loss,
                                            const TrainSettings& settings,
                                            const std::vector<int>& checkpoints,
                                            const std::function<double(const Mlp&)>& held_out,
                                            std::mt19937_64& rng) {
  TrainSettings longest = settings;
  longest.steps = checkpoints.back();
  std::vector<double> out;
  train_net(net, loss, longest, rng, [&](int done) {
    if (out.size() < checkpoints.size() && done == checkpoints[out.size()])
      out.push_back(held_out(net));
  });
  return out;
}

int choose_classifier_steps(const Eigen::MatrixXd& source, const Eigen::MatrixXd& target,
                            const ClassifierSettings& s, int max_steps, int folds,
                            std::mt19937_64& rng, CvLoss loss) {
  return choose_steps_by_folds(
             source, target, max_steps, folds, rng,
             [&](const FoldData& f, const std::vector<int>& checkpoints, std::mt19937_64& r) {
               Mlp net = make_classifier_net(int(source.rows()), s.width, s.depth, r);
               return held_out_at_checkpoints(
                   net,
                   logistic_batch_loss(resample_batch(f.source_in, f.target_in, s.train.batch),
                                       s.weight_decay),
                   s.train, checkpoints,
                   [&](const Mlp& trained) {
                     return loss == CvLoss::logistic
                                ? logistic_loss(trained, f.source_out, f.target_out, 0.0, nullptr)
                                : ratio_squares_loss({trained, s.w_max}, f.source_out,
                                                     f.target_out);
                   },
                   r);
             })
      .steps;
}

}  // namespace diffsweep::transfer
