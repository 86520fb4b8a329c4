// The transfer experiment's names as the results file holds them: its metrics, the parameters
// read outside the experiment, and the values of its choices those readers compare with. The
// experiment declares and writes them with these, and the analysis reads them with the same, so
// a renamed metric cannot leave a reader behind.
#pragma once

namespace diffsweep::transfer::names {

namespace param {
inline constexpr const char* method = "method";
inline constexpr const char* oracle = "oracle";
inline constexpr const char* guidance_estimator = "guidance_estimator";
inline constexpr const char* eta1 = "eta1";
inline constexpr const char* eta2 = "eta2";
inline constexpr const char* eta_mass = "eta_mass";
inline constexpr const char* guidance_target = "guidance_target";
inline constexpr const char* n_target = "n_target";
}  // namespace param

namespace methods {
inline constexpr const char* tgdp = "tgdp";
inline constexpr const char* target_only = "target_only";
inline constexpr const char* finetune = "finetune";
inline constexpr const char* source_only = "source_only";
inline constexpr const char* exact_target = "exact_target";
}  // namespace methods

namespace oracles {
inline constexpr const char* none = "none";
inline constexpr const char* source = "source";
inline constexpr const char* ratio = "ratio";
inline constexpr const char* guidance = "guidance";
}  // namespace oracles

namespace metric {
inline constexpr const char* mmd = "mmd";
inline constexpr const char* mmd_floor = "mmd_floor";
inline constexpr const char* mmd_local = "mmd_local";
inline constexpr const char* mmd_local_floor = "mmd_local_floor";
inline constexpr const char* energy = "energy";
inline constexpr const char* sw2 = "sw2";
inline constexpr const char* loglik = "loglik";
inline constexpr const char* loglik_true = "loglik_true";
inline constexpr const char* nn_ratio = "nn_ratio";
inline constexpr const char* nn_heldout_ratio = "nn_heldout_ratio";
inline constexpr const char* weight_err = "weight_err";
inline constexpr const char* fisher = "fisher";
inline constexpr const char* ratio_l1 = "ratio_l1";
inline constexpr const char* clf_steps_used = "clf_steps_used";
inline constexpr const char* clf_width_used = "clf_width_used";
inline constexpr const char* weight_ess = "weight_ess";
inline constexpr const char* source_reused = "source_reused";
inline constexpr const char* cond_acc = "cond_acc";
inline constexpr const char* time_source = "time_source";
inline constexpr const char* time_classifier = "time_classifier";
inline constexpr const char* time_guidance = "time_guidance";
inline constexpr const char* time_baseline = "time_baseline";
inline constexpr const char* time_sampling = "time_sampling";
inline constexpr const char* time_metrics = "time_metrics";
}  // namespace metric

}  // namespace diffsweep::transfer::names
