#include "analysis/transfer/memorisation_verdicts.hpp"

#include <cmath>
#include <vector>

#include "transfer/transfer_names.hpp"

namespace diffsweep::analysis {

namespace tr = transfer::names;

namespace {

// The (method row, n_target) places of each outcome, as the claim lists them.
struct Tally {
  std::size_t clear = 0, tested = 0;
  std::vector<std::string> memorises, concentrated, undetermined;
};

std::string ratio_text(const MeanInterval& m) { return with_interval(m.mean, {m.lo, m.hi, 1}, 2); }

std::string outcome_text(Memorisation o) {
  switch (o) {
    case Memorisation::memorises:
      return "memorises";
    case Memorisation::concentrated:
      return "concentrated, not copying (as near to as many fresh points as to its training "
             "points)";
    case Memorisation::too_few:
      return "undetermined (too few replicates)";
    case Memorisation::control_undetermined:
      return "undetermined (the control is)";
    default:
      return "undetermined";
  }
}

// Counts one place in the tally; "" for a row that does not memorise (its line leaves it out).
std::string tally(const std::string& where, Memorisation o, Tally& t) {
  ++t.tested;
  switch (o) {
    case Memorisation::does_not:
      ++t.clear;
      return "";
    case Memorisation::memorises:
      t.memorises.push_back(where);
      break;
    case Memorisation::concentrated:
      t.concentrated.push_back(where);
      break;
    case Memorisation::too_few:
      t.undetermined.push_back(where + ", too few replicates");
      break;
    default:
      t.undetermined.push_back(where);
  }
  return outcome_text(o);
}

// "; n_target 10: nn_ratio 0.35 [0.13, 0.95], 3 replicates: undetermined; ..." for method row k.
std::string row_line(const TransferRows& d, std::size_t k, Tally& t) {
  std::string line;
  for (double n : d.n_values) {
    const MemorisationAt m = memorisation_at(d, k, n);
    if (m.ratio.n == 0) continue;
    std::string value =
        "nn_ratio " + ratio_text(m.ratio) + ", " + std::to_string(m.ratio.n) + " replicates";
    if (m.control) value += ", control " + ratio_text(*m.control);
    const std::string where = d.methods[k].label + " at n_target = " + fmt(n) + " (" + value + ")";
    const std::string outcome = tally(where, m.outcome, t);
    if (!outcome.empty()) line += "; n_target " + fmt(n) + ": " + value + ": " + outcome;
  }
  return line;
}

std::string count_line(const Tally& t, double threshold, bool control) {
  return "memorisation: " + std::to_string(t.memorises.size()) + " of " + std::to_string(t.tested) +
         " (method row, n_target) memorise, " + std::to_string(t.clear) +
         " do not (nn_ratio's interval above " + fmt(threshold) + "), " +
         (control ? std::to_string(t.concentrated.size()) +
                        (t.concentrated.size() == 1 ? " is" : " are") +
                        " concentrated without copying, "
                  : std::string()) +
         std::to_string(t.undetermined.size()) + " undetermined";
}

std::string listed(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) s += (i ? "; " : "") + items[i];
  return s;
}

std::string claim_text(const TransferRows& d, const Tally& t, bool control) {
  const double threshold = 1 - d.p.memorisation_tolerance;
  const std::string rule =
      "its nn_ratio's " + fmt(100 * d.p.level) +
      "% interval (geometric mean over replicates, Student's t on the log) lies below " +
      fmt(threshold) + " (1 - tolerance " + fmt(d.p.memorisation_tolerance) + ")" +
      (control ? " and so does its control's" : "");
  std::string text =
      "A model that memorises its few target points generates samples closer to them than fresh "
      "true samples are. `nn_ratio` is the median distance of the generated samples to their "
      "nearest target training point over the same for fresh true target samples: about 1 for "
      "an exact sampler, well below 1 for one that copies its data, but also below 1 for samples "
      "merely more concentrated than the target's, which are nearer to any typical point. Its "
      "control `nn_heldout_ratio` divides by the distance to as many fresh true points as there "
      "are training points instead: the two sets are exchangeable for a sampler that has not "
      "seen the training points, so the control stays near 1 however concentrated the samples "
      "are. A row memorises when " +
      rule +
      "; it is concentrated without copying when nn_ratio is below and the control above; "
      "it does not memorise when nn_ratio's interval lies above the threshold. Of " +
      std::to_string(t.tested) + " (method row, n_target), " + std::to_string(t.clear) +
      " do not memorise.";
  text += t.memorises.empty() ? " None memorises." : " Memorise: " + listed(t.memorises) + ".";
  if (!t.concentrated.empty())
    text += " Concentrated without copying: " + listed(t.concentrated) + ".";
  if (!t.undetermined.empty()) text += " Undetermined: " + listed(t.undetermined) + ".";
  return text +
         " `loglik` is reported beside them (Other figures), but a log-likelihood above the true "
         "samples' also comes from samples too concentrated within components, so it is not the "
         "test.";
}

// A file without nn_ratio (or its control) says what it cannot test.
bool missing_ratio_notes(const TransferRows& d, Report& r) {
  if (!d.metric(tr::metric::nn_ratio)) {
    r.notes.push_back(
        "no nn_ratio metric (a file written before diffsweep recorded it): memorisation is not "
        "tested; loglik is reported, but a log-likelihood above the true samples' is not a test "
        "of memorisation");
    r.cannot_tell.push_back(
        "whether any method memorises its target data: the file has no "
        "nn_ratio (rerun the sweep with this diffsweep)");
    return true;
  }
  if (!d.metric(tr::metric::nn_heldout_ratio))
    r.notes.push_back(
        "no nn_heldout_ratio (a file written before diffsweep recorded it): a row whose samples "
        "are only more concentrated than the target's is not told from one that copies its "
        "training points");
  return false;
}

}  // namespace

Memorisation memorisation_outcome(const MeanInterval& ratio,
                                  const std::optional<MeanInterval>& control, double threshold) {
  if (!std::isfinite(ratio.hi)) return Memorisation::too_few;
  if (ratio.lo >= threshold) return Memorisation::does_not;
  if (ratio.hi >= threshold || (control && !std::isfinite(control->hi)))
    return Memorisation::undetermined;
  if (!control || control->hi < threshold) return Memorisation::memorises;
  if (control->lo >= threshold) return Memorisation::concentrated;
  return Memorisation::control_undetermined;
}

MemorisationAt memorisation_at(const TransferRows& d, std::size_t k, double n) {
  MemorisationAt m;
  m.ratio = d.geometric_mean(k, n, tr::metric::nn_ratio);
  if (d.metric(tr::metric::nn_heldout_ratio))
    m.control = d.geometric_mean(k, n, tr::metric::nn_heldout_ratio);
  m.outcome = memorisation_outcome(m.ratio, m.control, 1 - d.p.memorisation_tolerance);
  return m;
}

void memorisation_verdicts(const TransferRows& d, Report& r) {
  if (missing_ratio_notes(d, r)) return;
  const bool control = d.metric(tr::metric::nn_heldout_ratio) != nullptr;
  Tally t;
  for (std::size_t k : d.rows_with(tr::metric::nn_ratio)) {
    const std::string line = row_line(d, k, t);
    if (!line.empty()) r.verdicts.push_back("memorisation: " + d.methods[k].label + line);
  }
  r.verdicts.push_back(count_line(t, 1 - d.p.memorisation_tolerance, control));
  std::vector<std::string> figures = {"transfer_nn_ratio"};
  if (control) figures.push_back("transfer_nn_heldout_ratio");
  r.claims.push_back({"Memorisation", claim_text(d, t, control), figures});
}

}  // namespace diffsweep::analysis
