#include "feature_learning/figure3_series.hpp"

#include <algorithm>
#include <cmath>

#include "feature_learning/two_patch_data.hpp"

namespace diffsweep::feature_learning {

Eigen::VectorXd classifier_input_gradient(const Eigen::MatrixXd& w, const Eigen::VectorXd& z) {
  const Eigen::Index m = w.cols() / 2;
  Eigen::VectorXd a = w.transpose() * z;
  a.tail(m) *= -1.0;
  return (2.0 / static_cast<double>(m)) * (w * a);
}

Eigen::VectorXd diffusion_denoised(const Eigen::MatrixXd& w, const Eigen::VectorXd& z_t,
                                   double alpha, double beta) {
  const Eigen::VectorXd a = (w.transpose() * z_t).array().square();
  const Eigen::VectorXd f = (w * a) / static_cast<double>(w.cols());
  return (z_t - beta * f) / alpha;
}

std::map<std::string, std::vector<double>> figure3_series(const Eigen::MatrixXd& shown,
                                                          const Eigen::MatrixXd& w, bool diffusion,
                                                          double t, std::mt19937_64& rng) {
  const double alpha = std::exp(-t), beta = std::sqrt(1.0 - std::exp(-2.0 * t));
  std::map<std::string, std::vector<double>> out;
  auto put = [&](const char* what, Eigen::Index j, const Eigen::VectorXd& v) {
    out["fig3_" + std::string(what) + "_" + std::to_string(j)] =
        std::vector<double>(v.data(), v.data() + v.size());
  };
  for (Eigen::Index j = 0; j < shown.cols(); ++j) {
    const Eigen::VectorXd x0 = shown.col(j);
    put("image", j, x0);
    if (diffusion) {
      Eigen::VectorXd eps(x0.size());
      fill_standard_normal(eps, rng);
      const Eigen::VectorXd z_t = alpha * x0 + beta * eps;
      put("noisy", j, z_t);
      put("denoised", j, diffusion_denoised(w, z_t, alpha, beta));
    } else {
      put("grad", j, classifier_input_gradient(w, x0));
    }
  }
  return out;
}

std::map<std::string, std::vector<double>> filter_series(const Eigen::MatrixXd& w, bool diffusion) {
  std::map<std::string, std::vector<double>> out;
  auto put_bank = [&](const std::string& prefix, Eigen::Index first, Eigen::Index count) {
    for (Eigen::Index r = 0; r < std::min(count, max_filters_shown); ++r)
      out[prefix + std::to_string(r)] =
          std::vector<double>(w.col(first + r).data(), w.col(first + r).data() + w.rows());
  };
  if (diffusion) {
    put_bank("filter_", 0, w.cols());
  } else {
    const Eigen::Index m = w.cols() / 2;
    put_bank("filter_pos_", 0, m);
    put_bank("filter_neg_", m, m);
  }
  return out;
}

}  // namespace diffsweep::feature_learning
