#include "analysis/transfer/transfer_metrics.hpp"

#include "transfer/transfer_names.hpp"

namespace diffsweep::analysis {

namespace tr = transfer::names;

const std::vector<MetricInfo>& metric_infos() {
  static const std::vector<MetricInfo> infos = {
      {tr::metric::mmd, "MMD to the target", "MMD (RBF kernel, median bandwidth)", false, true},
      {tr::metric::mmd_local, "Local MMD to the target", "MMD (RBF kernel, bandwidth = spread)",
       false, true},
      {tr::metric::energy, "Energy distance to the target", "energy distance", false, true},
      {tr::metric::sw2, "Sliced Wasserstein distance to the target", "$SW_2$ (128 directions)",
       false, true},
      // Not a score: above the true samples' level means samples too concentrated, not better.
      {tr::metric::loglik, "Mean target log-density of the samples", "mean $\\log q(x)$ (nats)",
       true, false, false},
      {tr::metric::weight_err, "Mixture-weight error",
       "mixture-weight error $\\sum_k |\\hat\\pi_k - \\pi_k|$", false, true},
      // The formula is in docs/methods.md: as an axis label it is too small to read.
      {tr::metric::fisher, "Score error of the sampler",
       "score error ($\\sigma_t^2$-weighted, mean over t)", false, true},
      {tr::metric::ratio_l1, "Density-ratio error of the learned classifier",
       "density-ratio error $\\mathbb{E}_p\\,|\\hat w - w|$", false, true},
      {tr::metric::cond_acc, "Conditional accuracy", "accuracy (fraction correct)", true, false},
      // Ratios on a log axis: a source_only row far above 1 would otherwise squeeze the decision
      // band just below 1 into a few pixels.
      {tr::metric::nn_ratio, "Memorisation: nearest-neighbour distance ratio",
       "$\\mathrm{med}\\,d_\\mathrm{NN}$(generated) / $\\mathrm{med}\\,d_\\mathrm{NN}$(fresh true)",
       true, true, false},
      {tr::metric::nn_heldout_ratio,
       "Memorisation control: nearest training point against held-out points",
       "$\\mathrm{med}\\,d(g, \\mathrm{training}) / \\mathrm{med}\\,d(g, \\mathrm{held\\ out})$",
       true, true, false},
  };
  return infos;
}

bool memorisation_ratio(const MetricInfo& m) {
  return m.name == tr::metric::nn_ratio || m.name == tr::metric::nn_heldout_ratio;
}

const std::map<std::string, ReferenceLevel>& reference_levels() {
  static const std::map<std::string, ReferenceLevel> r = {
      {tr::metric::mmd, {tr::metric::mmd_floor, "floor: two true-target samples"}},
      {tr::metric::mmd_local, {tr::metric::mmd_local_floor, "floor: two true-target samples"}},
      {tr::metric::loglik, {tr::metric::loglik_true, "true target samples"}},
  };
  return r;
}

}  // namespace diffsweep::analysis
