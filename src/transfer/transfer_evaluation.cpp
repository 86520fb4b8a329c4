#include "transfer/transfer_evaluation.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "transfer/reverse_sde.hpp"
#include "transfer/sample_metrics.hpp"
#include "transfer/transfer_names.hpp"

namespace diffsweep::transfer {

namespace {

// The median over the columns of `samples` of the distance to the nearest column of `training`.
double median_nearest_distance(const Eigen::MatrixXd& samples, const Eigen::MatrixXd& training) {
  Eigen::MatrixXd d = -2.0 * training.transpose() * samples;
  d.colwise() += training.colwise().squaredNorm().transpose();
  d.rowwise() += samples.colwise().squaredNorm();
  std::vector<double> nearest(static_cast<std::size_t>(samples.cols()));
  for (Eigen::Index j = 0; j < samples.cols(); ++j)
    nearest[static_cast<std::size_t>(j)] = std::max(0.0, d.col(j).minCoeff());
  auto mid = nearest.begin() + std::ptrdiff_t(nearest.size() / 2);
  std::nth_element(nearest.begin(), mid, nearest.end());
  return std::sqrt(*mid);
}

}  // namespace

double nearest_neighbour_ratio(const Eigen::MatrixXd& generated, const Eigen::MatrixXd& fresh,
                               const Eigen::MatrixXd& training) {
  return median_nearest_distance(generated, training) / median_nearest_distance(fresh, training);
}

double heldout_nearest_neighbour_ratio(const Eigen::MatrixXd& generated,
                                       const Eigen::MatrixXd& training,
                                       const Eigen::MatrixXd& heldout) {
  return median_nearest_distance(generated, training) / median_nearest_distance(generated, heldout);
}

Eigen::VectorXi generated_labels(const TransferPoint& point) {
  const TransferSettings& s = point.settings;
  if (!s.conditional) return {};
  Eigen::VectorXd label_weights = point.target.weights;
  if (s.method != Method::exact_target) {
    label_weights.setZero();
    for (Eigen::Index i = 0; i < point.target_labels.size(); ++i)
      label_weights[point.target_labels[i]] += 1;
    label_weights /= label_weights.sum();
  }
  std::mt19937_64 label_rng(point.stream("labels"));
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  Eigen::VectorXi labels(s.n_eval);
  for (int i = 0; i < s.n_eval; ++i) {
    double u = uniform(label_rng), cumulative = 0.0;
    int k = 0;
    while (k + 1 < label_weights.size() && u >= (cumulative += label_weights[k])) ++k;
    labels[i] = k;
  }
  return labels;
}

Eigen::MatrixXd generate_samples(const TransferPoint& point, const LabelledScore& score,
                                 const Eigen::VectorXi& labels) {
  const TransferSettings& s = point.settings;
  const ScoreFn sampler_score = [&](const Eigen::MatrixXd& x, double t) {
    return score(x, t, labels);
  };
  return sample_reverse_sde(sampler_score, point.sde, s.shape.dim, s.n_eval,
                            {s.sample_steps, s.t_min}, point.stream("sampler"));
}

void measure_samples(const TransferPoint& point, const LabelledScore& score,
                     const Eigen::MatrixXd& generated, const Eigen::VectorXi& labels,
                     std::map<std::string, double>& out) {
  const TransferSettings& s = point.settings;
  const GaussianMixture& target = point.target;
  std::mt19937_64 eval_rng(point.stream("evaluation"));
  const Eigen::MatrixXd reference = sample(target, s.n_eval, eval_rng);
  const Eigen::MatrixXd second = sample(target, s.n_eval, eval_rng);
  const double bandwidth = median_distance(reference, second);
  out[names::metric::mmd] = mmd_rbf(generated, reference, bandwidth);
  out[names::metric::mmd_floor] = mmd_rbf(second, reference, bandwidth);
  out[names::metric::mmd_local] = mmd_rbf(generated, reference, s.shape.spread);
  out[names::metric::mmd_local_floor] = mmd_rbf(second, reference, s.shape.spread);
  out[names::metric::energy] = energy_distance(generated, reference);
  std::mt19937_64 slice_rng(point.stream("slices"));
  out[names::metric::sw2] = sliced_wasserstein2(generated, reference, 128, slice_rng);
  out[names::metric::loglik] = log_density(target, generated).mean();
  out[names::metric::loglik_true] = log_density(target, reference).mean();
  out[names::metric::weight_err] = weight_error(target, generated);
  out[names::metric::nn_ratio] = nearest_neighbour_ratio(generated, reference, point.target_data);
  std::mt19937_64 heldout_rng(point.stream("memorisation_heldout"));
  const Eigen::MatrixXd heldout =
      sample(target, static_cast<int>(point.target_data.cols()), heldout_rng);
  out[names::metric::nn_heldout_ratio] =
      heldout_nearest_neighbour_ratio(generated, point.target_data, heldout);

  // fisher: the sampler's score error against the exact diffused target score, on a fixed grid.
  double fisher = 0.0;
  std::mt19937_64 fisher_rng(point.stream("fisher"));
  for (int k = 0; k < s.fisher_times; ++k) {
    const double t = s.t_min + (1.0 - s.t_min) * (k + 0.5) / s.fisher_times;
    Eigen::VectorXi y;
    const Eigen::MatrixXd x = sample(diffuse(target, point.sde, t), s.fisher_n, fisher_rng, &y);
    y = point.as_input(y);
    fisher += point.sde.sigma2(t) *
              (score(x, t, y) - mixture_score(target, point.sde, t, x, y)).squaredNorm() /
              double(x.cols());
  }
  out[names::metric::fisher] = fisher / s.fisher_times;
  if (s.conditional) {
    std::mt19937_64 test_rng(point.stream("conditional_test"));
    Eigen::VectorXi test_labels;
    const Eigen::MatrixXd test = sample(target, s.n_eval, test_rng, &test_labels);
    out[names::metric::cond_acc] =
        generative_classifier_accuracy(generated, labels, point.classes, test, test_labels);
  }
}

}  // namespace diffsweep::transfer
