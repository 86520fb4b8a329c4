// The `feature_learning` experiment's parameters: declared once (the sweep keys, their defaults,
// ranges and docs) and read once per point into a typed struct, so the experiment's code reads
// fields and enumerators, never key strings.
#pragma once

#include <optional>
#include <vector>

#include "common/params.hpp"
#include "feature_learning/feature_learning_names.hpp"
#include "feature_learning/gradient_descent.hpp"

namespace diffsweep::feature_learning {

enum class Model { diffusion, classification };
inline constexpr ChoiceTable<Model, 2> model_choices = {{
    {Model::diffusion, names::models::diffusion},
    {Model::classification, names::models::classification},
}};

enum class DataSource { two_patch, noisy_mnist };
inline constexpr ChoiceTable<DataSource, 2> data_choices = {{
    {DataSource::two_patch, names::data_sources::two_patch},
    {DataSource::noisy_mnist, names::data_sources::noisy_mnist},
}};

inline constexpr ChoiceTable<Descent, 2> optimizer_choices = {{
    {Descent::gd, "gd"},
    {Descent::lbfgs, "lbfgs"},
}};

struct FeatureLearningSettings {
  Model model = Model::diffusion;
  DataSource data = DataSource::two_patch;
  int digit_pos = 0, digit_neg = 1, n_show = 4;  // noisy_mnist only
  int d = 500, n = 64;
  double sigma_xi = 1.0;
  std::optional<double> snr, nsnr2;  // as the point gives them (at most one)
  int m = 1;
  double sigma0 = 0.005;
  double t = 2.5;
  int n_eps = 64;
  bool antithetic = true;
  double lr = 0.5;
  Descent optimizer = Descent::gd;
  double weight_decay = 0;
  long iters = 20000;
  double grad_tol = 1e-3;
  long log_every = 100;
  int n_test = 1000;

  // The snr the point runs with: snr, else sqrt(nsnr2 / n), else sqrt(1 / n).
  double resolved_snr() const;
};

const std::vector<ParamSpec>& feature_learning_params();
FeatureLearningSettings read_feature_learning_settings(const Params& params);

}  // namespace diffsweep::feature_learning
