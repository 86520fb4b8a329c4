#include "feature_learning/noisy_mnist_data.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace diffsweep::feature_learning {

namespace {

// n labels, n/2 of each sign, the odd one out drawn at random, shuffled (as make_two_patch_data).
std::vector<double> balanced_labels(int n, std::mt19937_64& rng) {
  std::vector<double> y(n);
  for (int i = 0; i < n; ++i) y[i] = i < n / 2 ? 1.0 : -1.0;
  if (n % 2 == 1) y.back() = std::bernoulli_distribution(0.5)(rng) ? 1.0 : -1.0;
  std::shuffle(y.begin(), y.end(), rng);
  return y;
}

Eigen::VectorXd scaled(const Eigen::VectorXd& image, double norm) {
  const double current = image.norm();
  if (!(current > 0)) throw std::invalid_argument("Noisy-MNIST: an image is all zero");
  return image * (norm / current);
}

// One class's images in a random order, those shown set aside first.
struct ClassPool {
  const Eigen::MatrixXd& images;
  std::vector<Eigen::Index> order;  // indices still to draw, in drawing order
  std::size_t next = 0;
};

Eigen::Index draw(ClassPool& pool) { return pool.order[pool.next++]; }

TwoPatchData make_set(ClassPool& pos, ClassPool& neg, int n, double mu_norm, double sigma_xi,
                      std::mt19937_64& label_rng, std::mt19937_64& noise_rng) {
  TwoPatchData data;
  const auto y = balanced_labels(n, label_rng);
  data.labels = Eigen::Map<const Eigen::VectorXd>(y.data(), n);
  data.signal.resize(pos.images.rows(), n);
  for (int i = 0; i < n; ++i) {
    ClassPool& pool = y[i] > 0 ? pos : neg;
    data.signal.col(i) = scaled(pool.images.col(draw(pool)), mu_norm);
  }
  data.noise.resize(data.signal.rows(), n);
  fill_standard_normal(data.noise, noise_rng);
  data.noise *= sigma_xi;
  return data;
}

}  // namespace

NoisyMnistData make_noisy_mnist_data(const Eigen::MatrixXd& pos, const Eigen::MatrixXd& neg,
                                     const NoisyMnistSpec& spec, std::mt19937_64& data_rng,
                                     std::mt19937_64& test_rng) {
  if (pos.rows() != neg.rows() || pos.rows() < 1)
    throw std::invalid_argument("Noisy-MNIST: the two classes' images differ in size");
  if (spec.n < 1 || spec.n_test < 1 || spec.n_show < 0)
    throw std::invalid_argument("Noisy-MNIST: n and n_test must be positive, n_show >= 0");
  const Eigen::Index d = pos.rows();
  const double mu_norm = spec.snr * spec.sigma_xi * std::sqrt(static_cast<double>(d));
  const int show_pos = (spec.n_show + 1) / 2, show_neg = spec.n_show / 2;
  // At most n/2 + 1 training and n_test/2 + 1 test samples of one class (the odd one out).
  for (auto [images, shown, name] : {std::tuple{&pos, show_pos, "+1"}, {&neg, show_neg, "-1"}}) {
    const Eigen::Index needed = spec.n / 2 + 1 + spec.n_test / 2 + 1 + shown;
    if (images->cols() < needed)
      throw std::invalid_argument("Noisy-MNIST: class " + std::string(name) + " has " +
                                  std::to_string(images->cols()) + " images, fewer than the " +
                                  std::to_string(needed) + " that n = " + std::to_string(spec.n) +
                                  ", n_test = " + std::to_string(spec.n_test) +
                                  " and n_show = " + std::to_string(spec.n_show) + " may need");
  }

  NoisyMnistData out;
  out.show.resize(d, spec.n_show);
  out.show_labels.resize(spec.n_show);
  for (int k = 0; k < spec.n_show; ++k) {
    const bool positive = k < show_pos;
    const Eigen::MatrixXd& images = positive ? pos : neg;
    const Eigen::Index j = images.cols() - 1 - (positive ? k : k - show_pos);
    out.show.col(k) = scaled(images.col(j), mu_norm);
    out.show_labels(k) = positive ? 1.0 : -1.0;
  }

  auto pool_of = [&](const Eigen::MatrixXd& images, int shown) {
    ClassPool pool{images, {}, 0};
    pool.order.resize(images.cols() - shown);
    std::iota(pool.order.begin(), pool.order.end(), Eigen::Index{0});
    std::shuffle(pool.order.begin(), pool.order.end(), data_rng);
    return pool;
  };
  ClassPool pos_pool = pool_of(pos, show_pos), neg_pool = pool_of(neg, show_neg);
  out.train = make_set(pos_pool, neg_pool, spec.n, mu_norm, spec.sigma_xi, data_rng, data_rng);
  out.test = make_set(pos_pool, neg_pool, spec.n_test, mu_norm, spec.sigma_xi, data_rng, test_rng);

  out.train.features.resize(d, 2);
  int col = 0;
  for (const Eigen::MatrixXd* images : {&pos, &neg}) {
    Eigen::VectorXd mean = Eigen::VectorXd::Zero(d);
    for (Eigen::Index j = 0; j < images->cols(); ++j) mean += images->col(j).normalized();
    out.train.features.col(col++) = scaled(mean, mu_norm);
  }
  out.test.features = out.train.features;
  return out;
}

}  // namespace diffsweep::feature_learning
