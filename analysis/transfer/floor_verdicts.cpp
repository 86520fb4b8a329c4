#include "analysis/transfer/floor_verdicts.hpp"

#include "analysis/transfer/comparison_sentences.hpp"
#include "transfer/transfer_names.hpp"

namespace diffsweep::analysis {

namespace tr = transfer::names;

namespace {

// The verdict line and the claim's sentence of one row's floor comparisons.
std::pair<std::string, std::string> floor_texts(const std::string& label, const PerN& per_n) {
  std::string line = "floor: " + label + ": mmd against mmd_floor (two true samples)";
  std::string text;
  if (per_n.same_everywhere()) {
    const auto& c = per_n.at.front().second;
    line += ", the same at every n_target: " + floor_word(c.outcome) + ", " + describe(c);
    text += " " + label + " (the same at every n_target: it does not use the target data) is " +
            floor_word(c.outcome) + ": the difference is " + short_difference(c) + " (" +
            std::to_string(c.pairs) + " pairs; the margin is " + fmt(c.margin, 2) + ").";
    return {line, text};
  }
  text += " " + label + ":";
  for (std::size_t i = 0; i < per_n.at.size(); ++i) {
    const auto& [n, c] = per_n.at[i];
    line += std::string(i ? ";" : ":") + " n_target " + fmt(n) + ": " + floor_word(c.outcome) +
            " (" + describe(c) + ")";
    text += std::string(i ? "," : "") + " " + floor_word(c.outcome) + " at n_target = " + fmt(n) +
            " (" + short_difference(c) + ")";
  }
  return {line, text + "."};
}

// The first undetermined floor comparison of a row, for the "cannot tell" list.
void floor_limits(const std::string& label, const PerN& per_n, Report& r) {
  for (const auto& [n, c] : per_n.at) {
    if (c.outcome != Outcome::undetermined) continue;
    r.cannot_tell.push_back(
        "whether " + label + " is at the noise floor: its paired difference's interval is +-" +
        fmt((c.difference.hi - c.difference.lo) / 2, 2) + " wide, the margin of a tie +-" +
        fmt(c.margin, 2) + " (" + std::to_string(c.pairs) + " pairs)");
    return;
  }
}

}  // namespace

bool PerN::same_everywhere() const {
  if (at.size() < 2) return false;
  for (const auto& [n, c] : at)
    if (c.difference.mean != at.front().second.difference.mean ||
        c.pairs != at.front().second.pairs)
      return false;
  return true;
}

PerN floor_comparisons(const TransferRows& d, std::size_t k) {
  PerN per_n;
  for (double n : d.n_values) {
    const auto a = d.values(k, n, tr::metric::mmd), b = d.values(k, n, tr::metric::mmd_floor);
    std::vector<double> xa, xb;
    for (const auto& [rep, v] : a)
      if (b.count(rep)) xa.push_back(v), xb.push_back(b.at(rep));
    if (xa.empty()) continue;
    per_n.at.push_back({n, compare_paired(xa, xb, false, d.p)});
  }
  return per_n;
}

std::string floor_word(Outcome o) {
  switch (o) {
    case Outcome::ties:
      return "at the floor";
    case Outcome::loses:
      return "above the floor";
    case Outcome::wins:
      return "below the floor";
    default:
      return outcome_word(o);
  }
}

void floor_verdicts(const TransferRows& d, Report& r) {
  if (!d.metric(tr::metric::mmd) || !d.t.has(tr::metric::mmd_floor)) return;
  std::string text;
  for (const auto& [column, value] : std::vector<std::pair<std::string, std::string>>{
           {tr::param::method, tr::methods::exact_target},
           {tr::param::oracle, tr::oracles::guidance}}) {
    const auto k = d.find(column, value);
    if (!k) continue;
    const PerN per_n = floor_comparisons(d, *k);
    const std::string& label = d.methods[*k].label;
    for (const auto& [n, c] : per_n.at)
      record(r, n_text(n), tr::metric::mmd, label, tr::metric::mmd_floor, c);
    if (per_n.at.empty()) continue;
    const auto [line, sentence] = floor_texts(label, per_n);
    r.verdicts.push_back(line);
    text += sentence;
    floor_limits(label, per_n, r);
  }
  if (text.empty()) return;
  r.claims.push_back(
      {"The noise floor",
       "A sampler of the exact target score, and TGDP given the exact guidance, should be as "
       "close to the target as a second true sample is. Their MMD is compared with `mmd_floor` "
       "(a second true-target sample against the same reference) replicate by replicate; \"at "
       "the floor\" means the paired difference's " +
           fmt(100 * d.p.level) + "% interval lies within +-" + fmt(100 * d.p.tie_margin) +
           "% of the floor's median." + text,
       {"transfer_mmd"}});
}

}  // namespace diffsweep::analysis
