#include "analysis/transfer/winners_table.hpp"

#include <algorithm>
#include <cmath>

#include "analysis/transfer/comparison_sentences.hpp"
#include "transfer/transfer_names.hpp"

namespace diffsweep::analysis {

namespace tr = transfer::names;

namespace {

// "**tgdp**" when it wins against all, else "tgdp (wins: finetune; undetermined: target_only)".
std::string winner_cell(const TransferRows& d, const Winner& w, double n, const MetricInfo& metric,
                        Report& r) {
  if (!w.best) return "-";
  std::map<Outcome, std::vector<std::string>> by_outcome;
  for (const auto& [k, c] : w.against) {
    record(r, n_text(n), metric.name, d.methods[*w.best].label, d.methods[k].label, c);
    by_outcome[c.outcome].push_back(d.methods[k].method);  // the table's row names the setting
  }
  const std::string name = d.methods[*w.best].method;
  if (w.wins_against_all()) return "**" + name + "**";
  std::string cell = name + " (";
  bool first = true;
  for (const auto& [outcome, names] : by_outcome) {
    cell += std::string(first ? "" : "; ") + outcome_word(outcome) + ": ";
    for (std::size_t i = 0; i < names.size(); ++i) cell += (i ? ", " : "") + names[i];
    first = false;
  }
  return cell + ")";
}

// Each reference row (exact_target, an oracle) against the winner, "exact_target: wins (-0.05
// [-0.06, -0.04])".
std::string references_cell(const TransferRows& d, const std::vector<std::size_t>& references,
                            std::optional<std::size_t> winner, double n, const MetricInfo& metric,
                            Report& r) {
  if (!winner) return "-";
  std::string cell;
  for (auto k : references) {
    if (!d.has(k, metric.name)) continue;
    const Comparison c = d.compare(k, *winner, n, metric);
    record(r, n_text(n), metric.name, d.methods[k].label, d.methods[*winner].label, c);
    cell += (cell.empty() ? "" : "; ") + d.methods[k].method + ": " + outcome_word(c.outcome) +
            " (" + short_difference(c) + ")";
  }
  return cell.empty() ? "-" : cell;
}

// The plain rows a user can run (learned ones and source_only), and the references.
struct Candidates {
  std::vector<std::size_t> runnable, references;
};

std::vector<std::size_t> in_setting(const TransferRows& d, const std::vector<std::size_t>& ks,
                                    const std::string& setting) {
  std::vector<std::size_t> out;
  for (auto k : ks)
    if (d.methods[k].setting == setting) out.push_back(k);
  return out;
}

Candidates candidates_of(const TransferRows& d) {
  Candidates c;
  for (std::size_t k = 0; k < d.methods.size(); ++k) {
    if (!d.methods[k].main) continue;
    if (d.methods[k].learned || method_of(d.t, d.methods[k].first) == tr::methods::source_only)
      c.runnable.push_back(k);
    else
      c.references.push_back(k);
  }
  return c;
}

std::string table_intro(const TransferRows& d, const Candidates& c) {
  const std::string& setting = d.settings.front();
  std::vector<std::string> runnable_names, reference_names;
  for (auto k : in_setting(d, c.runnable, setting)) runnable_names.push_back(d.methods[k].method);
  for (auto k : in_setting(d, c.references, setting))
    reference_names.push_back(d.methods[k].method);
  return "\n## Which method wins where\n\nAmong every plain row that does not use exact "
         "knowledge of the target, learned or not: " +
         word_list(runnable_names) + (d.settings.size() > 1 ? ", each setting on its own" : "") +
         " (variants of TGDP left out: they are compared with plain TGDP below). Per metric, "
         "among the rows that have it: the row with the best median, in bold when a paired test "
         "over replicates finds it better than every other row; otherwise, in brackets, its "
         "outcome against the others (\"wins\" against those it is better than)." +
         (reference_names.empty()
              ? std::string()
              : " Beside it, each reference row (" + word_list(reference_names) +
                    ") against that winner: its outcome and the paired difference (reference "
                    "minus winner) with its interval.") +
         " The tests are in comparisons.csv.\n\n";
}

}  // namespace

bool Winner::wins_against_all() const {
  return !against.empty() && std::all_of(against.begin(), against.end(), [](const auto& a) {
    return a.second.outcome == Outcome::wins;
  });
}

Winner winner_at(const TransferRows& d, const std::vector<std::size_t>& candidates, double n,
                 const MetricInfo& metric) {
  std::vector<std::size_t> with_metric;
  for (auto k : candidates)
    if (d.has(k, metric.name)) with_metric.push_back(k);
  Winner w;
  double best_value = std::nan("");
  for (auto k : with_metric) {
    const double v = d.median(k, n, metric.name).first.median;
    if (!std::isfinite(v)) continue;
    if (!w.best || (metric.higher_better ? v > best_value : v < best_value)) {
      w.best = k;
      best_value = v;
    }
  }
  if (!w.best) return w;
  for (auto k : with_metric)
    if (k != *w.best) w.against.push_back({k, d.compare(*w.best, k, n, metric)});
  return w;
}

std::string winners_table(const TransferRows& d, Report& r) {
  const Candidates c = candidates_of(d);
  if (std::none_of(d.settings.begin(), d.settings.end(),
                   [&](const std::string& s) { return in_setting(d, c.runnable, s).size() >= 2; }))
    return "";
  std::vector<std::string> header = {d.settings.size() > 1 ? "setting, n_target" : "n_target"};
  std::vector<const MetricInfo*> shared;
  for (const auto& metric : d.metrics)
    if (metric.compared && std::count_if(c.runnable.begin(), c.runnable.end(), [&](std::size_t k) {
                             return d.has(k, metric.name);
                           }) >= 2) {
      shared.push_back(&metric);
      header.push_back(metric.name);
      if (!c.references.empty()) header.push_back(metric.name + ": references against it");
    }
  std::vector<std::vector<std::string>> rows;
  for (const auto& setting : d.settings)
    for (double n : d.n_values) {
      std::vector<std::string> row = {(setting.empty() ? "" : setting + ", ") + fmt(n)};
      for (const auto* metric : shared) {
        const Winner w = winner_at(d, in_setting(d, c.runnable, setting), n, *metric);
        row.push_back(winner_cell(d, w, n, *metric, r));
        if (!c.references.empty())
          row.push_back(
              references_cell(d, in_setting(d, c.references, setting), w.best, n, *metric, r));
      }
      rows.push_back(row);
    }
  return table_intro(d, c) + markdown_table(header, rows);
}

}  // namespace diffsweep::analysis
