#include "feature_learning/two_patch_data.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

namespace diffsweep::feature_learning {

void fill_standard_normal(Eigen::Ref<Eigen::MatrixXd> out, std::mt19937_64& rng) {
  std::normal_distribution<double> normal(0.0, 1.0);
  for (Eigen::Index j = 0; j < out.cols(); ++j)
    for (Eigen::Index i = 0; i < out.rows(); ++i) out(i, j) = normal(rng);
}

TwoPatchData make_two_patch_data(const TwoPatchSpec& spec, std::mt19937_64& rng) {
  if (spec.d < 3)
    throw std::invalid_argument(
        "two-patch data: d = " + std::to_string(spec.d) +
        " leaves no room for noise orthogonal to both signals (need d >= 3)");
  if (spec.n < 1) throw std::invalid_argument("two-patch data: n must be positive");
  const double mu_norm = spec.snr * spec.sigma_xi * std::sqrt(static_cast<double>(spec.d));

  TwoPatchData data;
  data.features = Eigen::MatrixXd::Zero(spec.d, 2);
  data.features(0, 0) = mu_norm;
  data.features(1, 1) = mu_norm;

  std::vector<double> y(spec.n);
  for (int i = 0; i < spec.n; ++i) y[i] = i < spec.n / 2 ? 1.0 : -1.0;
  if (spec.n % 2 == 1) y.back() = std::bernoulli_distribution(0.5)(rng) ? 1.0 : -1.0;
  std::shuffle(y.begin(), y.end(), rng);
  data.labels = Eigen::Map<Eigen::VectorXd>(y.data(), spec.n);

  data.signal.resize(spec.d, spec.n);
  for (int i = 0; i < spec.n; ++i) data.signal.col(i) = data.features.col(y[i] > 0 ? 0 : 1);

  data.noise.resize(spec.d, spec.n);
  fill_standard_normal(data.noise, rng);
  data.noise *= spec.sigma_xi;
  data.noise.topRows(2).setZero();
  return data;
}

}  // namespace diffsweep::feature_learning
