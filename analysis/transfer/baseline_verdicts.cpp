#include "analysis/transfer/baseline_verdicts.hpp"

#include <algorithm>
#include <set>

#include "analysis/transfer/comparison_sentences.hpp"
#include "transfer/transfer_names.hpp"

namespace diffsweep::analysis {

namespace tr = transfer::names;

namespace {

// The baselines and the reference plain TGDP is compared with, as (column, value).
const std::vector<std::pair<std::string, std::string>> baselines = {
    {tr::param::method, tr::methods::target_only},
    {tr::param::method, tr::methods::finetune},
    {tr::param::method, tr::methods::source_only},
    {tr::param::oracle, tr::oracles::ratio}};

std::string baseline_name(const std::string& value) {
  return value == tr::oracles::ratio ? "the exact ratio" : value;
}

// One row of the table: tgdp against baseline row k at n on every compared metric both have.
std::vector<std::string> metric_cells(const TransferRows& d, std::size_t tgdp, std::size_t k,
                                      double n, Report& r) {
  std::vector<std::string> cells;
  for (const auto& metric : d.metrics) {
    if (!metric.compared) continue;
    if (!d.has(tgdp, metric.name) || !d.has(k, metric.name)) {
      cells.push_back("-");
      continue;
    }
    const Comparison cm = d.compare(tgdp, k, n, metric);
    record(r, n_text(n), metric.name, d.methods[tgdp].label, d.methods[k].label, cm);
    cells.push_back(
        outcome_word(cm.outcome) + " " +
        (std::isfinite(cm.difference.lo) ? interval_text(cm.difference.lo, cm.difference.hi) : ""));
  }
  return cells;
}

// A metric no compared row shares with TGDP (ratio_l1: only a learned classifier has it) would be
// a column of "-": left out.
void drop_empty_columns(std::vector<std::string>& header,
                        std::vector<std::vector<std::string>>& table) {
  for (std::size_t col = header.size(); col-- > 2;)
    if (std::all_of(table.begin(), table.end(),
                    [&](const std::vector<std::string>& row) { return row[col] == "-"; })) {
      header.erase(header.begin() + static_cast<std::ptrdiff_t>(col));
      for (auto& row : table) row.erase(row.begin() + static_cast<std::ptrdiff_t>(col));
    }
}

void add_claim(const TransferRows& d, const std::set<std::string>& compared,
               const std::string& text, Report& r) {
  std::vector<std::string> found;
  for (const char* name : {tr::methods::target_only, tr::methods::finetune,
                           tr::methods::source_only, "the exact ratio"})
    if (compared.count(name))
      found.push_back(name + std::string(std::string(name) == tr::methods::source_only
                                             ? " (no transfer)"
                                             : ""));
  r.claims.push_back(
      {"TGDP against its baselines",
       "Plain TGDP is compared on MMD with " + word_list(found) +
           ", in each setting, as paired tests over replicates. Each difference is the mean "
           "over replicates of tgdp minus the other row (negative: TGDP closer to the target), "
           "with its " +
           fmt(100 * d.p.level) +
           "% Student-t interval and p-value; \"ties\" means the interval "
           "lies within +-" +
           fmt(100 * d.p.tie_margin) + "% of the other row's median." + text +
           " Every other metric is in the table \"TGDP against each other row\".",
       {"transfer_mmd"}});
}

}  // namespace

std::vector<BaselineComparison> baseline_comparisons(const TransferRows& d, std::size_t tgdp,
                                                     double n) {
  std::vector<BaselineComparison> out;
  const MetricInfo* mmd = d.metric(tr::metric::mmd);
  if (!mmd) return out;
  for (const auto& [column, value] : baselines)
    if (const auto k = d.find(column, value, d.methods[tgdp].setting))
      out.push_back({column, value, *k, d.compare(tgdp, *k, n, *mmd)});
  return out;
}

void baseline_verdicts(const TransferRows& d, Report& r) {
  if (!d.metric(tr::metric::mmd)) return;
  std::vector<std::vector<std::string>> table;
  std::vector<std::string> header = {"n_target", "against"};
  for (const auto& metric : d.metrics)
    if (metric.compared) header.push_back(metric.name);
  std::string text;
  std::set<std::string> compared;  // the rows found to compare with, as the claim names them
  for (const std::size_t tgdp : d.plain_tgdp_per_setting()) {
    const std::string& setting = d.methods[tgdp].setting;
    const std::string in_setting = setting.empty() ? "" : ", " + setting;
    for (double n : d.n_values) {
      const auto [ours, ours_in] = d.median(tgdp, n, tr::metric::mmd);
      std::string line =
          n_text(n) + in_setting + ": tgdp median mmd " + with_interval(ours.median, ours_in);
      std::vector<std::pair<std::string, Comparison>> against;
      for (const auto& b : baseline_comparisons(d, tgdp, n)) {
        compared.insert(baseline_name(b.value));
        line += "; against " + b.value + ": " + outcome_word(b.mmd.outcome) + " (" +
                describe(b.mmd) + ")";
        against.push_back({baseline_name(b.value), b.mmd});
        std::vector<std::string> row = {fmt(n) + in_setting, b.value};
        for (auto& cell : metric_cells(d, tgdp, b.row, n, r)) row.push_back(std::move(cell));
        table.push_back(row);
      }
      r.verdicts.push_back(line);
      if (!against.empty())
        text += " At n_target = " + fmt(n) + in_setting + " (median " +
                with_interval(ours.median, ours_in) + ") TGDP " + outcomes_sentence(against) + ".";
    }
  }
  if (compared.empty()) return;
  add_claim(d, compared, text, r);
  drop_empty_columns(header, table);
  r.body +=
      "\n## TGDP against each other row, every metric\n\nOutcome of plain tgdp against "
      "the row named, with the " +
      fmt(100 * d.p.level) +
      "% interval of the mean paired difference tgdp - other (the full tests in "
      "comparisons.csv).\n\n" +
      markdown_table(header, table);
}

}  // namespace diffsweep::analysis
