// The feature-learning experiment's names as the results file holds them: its metrics, the
// parameters read outside the experiment, and the values of its choices those readers compare
// with. The experiment declares and writes them with these, and the analysis reads them with the
// same, so a renamed metric cannot leave a reader behind.
#pragma once

namespace diffsweep::feature_learning::names {

namespace param {
inline constexpr const char* model = "model";
inline constexpr const char* data = "data";
inline constexpr const char* n = "n";
inline constexpr const char* snr = "snr";
inline constexpr const char* nsnr2 = "nsnr2";
}  // namespace param

namespace models {
inline constexpr const char* diffusion = "diffusion";
inline constexpr const char* classification = "classification";
}  // namespace models

namespace data_sources {
inline constexpr const char* two_patch = "two_patch";
inline constexpr const char* noisy_mnist = "noisy_mnist";
}  // namespace data_sources

// Every metric; a series of a metric's values over training steps has the metric's name.
namespace metric {
inline constexpr const char* S = "S";
inline constexpr const char* N = "N";
inline constexpr const char* R = "R";
inline constexpr const char* R0 = "R0";
inline constexpr const char* S0 = "S0";
inline constexpr const char* N0 = "N0";
inline constexpr const char* w_norm0 = "w_norm0";
inline constexpr const char* train_loss = "train_loss";
inline constexpr const char* test_loss = "test_loss";
inline constexpr const char* test_acc = "test_acc";
inline constexpr const char* converged = "converged";
inline constexpr const char* stalled = "stalled";
inline constexpr const char* steps = "steps";
inline constexpr const char* evaluations = "evaluations";
inline constexpr const char* grad_norm_ratio = "grad_norm_ratio";
inline constexpr const char* snr_used = "snr_used";
inline constexpr const char* nsnr2_used = "nsnr2_used";
inline constexpr const char* step_size = "step_size";
inline constexpr const char* step_min = "step_min";
inline constexpr const char* step_max = "step_max";
inline constexpr const char* step_last = "step_last";
inline constexpr const char* w_norm = "w_norm";
inline constexpr const char* mean_patch_cosine = "mean_patch_cosine";
inline constexpr const char* patch_to_noise2 = "patch_to_noise2";
}  // namespace metric

namespace series {
inline constexpr const char* step = "step";  // the training step of each logged value
inline constexpr const char* loss = "loss";
}  // namespace series

}  // namespace diffsweep::feature_learning::names
