#include "analysis/transfer/regulariser_verdicts.hpp"

#include <algorithm>

#include "analysis/transfer/comparison_sentences.hpp"
#include "transfer/transfer_names.hpp"

namespace diffsweep::analysis {

namespace tr = transfer::names;

namespace {

// The variant's median training time (classifier and guidance) over plain TGDP's at n: eta1's
// cost is its time-dependent classifier, eta2's the guidance training.
std::string training_time_ratio(const TransferRows& d, const Variant& v, double n) {
  const auto training = [&](std::size_t row) {
    return d.median(row, n, tr::metric::time_classifier).first.median +
           d.median(row, n, tr::metric::time_guidance).first.median;
  };
  return fmt(training(v.row) / training(v.tgdp), 2);
}

// One variant's verdict line, and its sentence for the claim.
std::string variant_verdict(const TransferRows& d, const std::string& knob, const Variant& v,
                            const MetricInfo& mmd, Report& r) {
  const std::size_t first = d.methods[v.row].first;
  const std::string& setting = d.methods[v.row].setting;
  const std::string name =
      knob + " = " + d.t.value_text(knob, first) + (setting.empty() ? "" : " (" + setting + ")");
  std::string line = name + " against plain tgdp, mmd:";
  std::vector<std::pair<std::string, Comparison>> by_n;
  std::string cost;
  const bool timed = d.t.has(tr::metric::time_guidance) && d.t.has(tr::metric::time_classifier);
  for (double n : d.n_values) {
    const Comparison c = d.compare(v.row, v.tgdp, n, mmd);
    record(r, n_text(n), tr::metric::mmd, d.methods[v.row].label, d.methods[v.tgdp].label, c);
    by_n.push_back({"at n_target = " + fmt(n), c});
    line += " n_target " + fmt(n) + ": " + outcome_word(c.outcome) + " (" + describe(c) + ")";
    if (timed) {
      const std::string ratio = training_time_ratio(d, v, n);
      line += ", training " + ratio + "x the time";
      cost += (cost.empty() ? "" : ", ") + ratio + "x";
    }
    line += ";";
  }
  line.pop_back();
  r.verdicts.push_back(line);
  return " Against plain TGDP, " + name + " " + outcomes_sentence(by_n, true) +
         (cost.empty() ? "" : "; its training takes " + cost + " the time") + ".";
}

}  // namespace

std::vector<Variant> single_knob_variants(const TransferRows& d, const std::string& knob) {
  std::vector<Variant> out;
  if (std::find(d.by.begin(), d.by.end(), knob) == d.by.end()) return out;
  for (std::size_t k = 0; k < d.methods.size(); ++k) {
    const std::size_t first = d.methods[k].first;
    const auto tgdp = d.plain_tgdp_in(d.methods[k].setting);
    if (!tgdp || k == *tgdp || !d.methods[k].learned || method_of(d.t, first) != tr::methods::tgdp)
      continue;
    if (d.t.at_default(knob, first)) continue;
    const bool alone = std::all_of(knobs.begin(), knobs.end(), [&](const char* other) {
      return other == knob || d.t.at_default(other, first);
    });
    if (alone) out.push_back({k, *tgdp});
  }
  return out;
}

void regulariser_verdicts(const TransferRows& d, Report& r) {
  const MetricInfo* mmd = d.metric(tr::metric::mmd);
  if (!mmd) return;
  std::string text;
  for (const char* knob : knobs)
    for (const Variant& v : single_knob_variants(d, knob))
      text += variant_verdict(d, knob, v, *mmd, r);
  if (text.empty()) return;
  r.claims.push_back(
      {"Regularisers and the guidance target",
       "Each TGDP row that differs from plain TGDP in one knob is compared with plain TGDP on "
       "MMD, paired by replicate (difference: variant minus plain; negative: the variant is "
       "closer), with its median training time (classifier and guidance) relative to plain "
       "TGDP's, per n_target." +
           text,
       {"transfer_mmd_variants"}});
}

}  // namespace diffsweep::analysis
