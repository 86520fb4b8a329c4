// The transfer-learning (TGDP) report: every metric against the target data size per method row,
// which learned method wins where, the floors, TGDP against its baselines, the regularisers and
// the guidance target, and who memorises (docs/methods.md, "Metrics").
//
// A "method row" is one combination of the swept axes other than n_target (method, oracle,
// eta1, ...), over its replicates. Distances (mmd, energy, ...) are better lower; loglik and
// cond_acc higher. What counts as "plain" TGDP (no oracle, no regulariser, the default guidance
// target) is read from the defaults the file records, not assumed here.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "analysis/experiment_reports.hpp"
#include "analysis/row_groups.hpp"

namespace diffsweep::analysis {

namespace {

const std::vector<std::string> metric_order = {
    "mmd", "mmd_local", "energy", "sw2", "loglik", "weight_err", "fisher", "ratio_l1", "cond_acc"};

// The knobs whose non-default values make a TGDP row a variant rather than plain TGDP.
const char* const knobs[] = {"eta1", "eta2", "eta_mass", "guidance_target"};

bool higher_is_better(const std::string& metric) {
  return metric == "loglik" || metric == "cond_acc";
}

struct MethodRow {
  std::string label;
  std::size_t first = 0;                                 // a row of it, to read its parameters
  std::map<double, std::vector<std::size_t>> rows_by_n;  // n_target -> finished rows
  bool learned = false;  // measures a method itself, not a reference or an oracle
  bool plain = false;    // plain TGDP
};

std::string method_of(const ResultsTable& t, std::size_t row) {
  return t.has("method") ? t.value_text("method", row) : "";
}

// Every knob at its default.
bool has_plain_knobs(const ResultsTable& t, std::size_t row) {
  return std::all_of(std::begin(knobs), std::end(knobs),
                     [&](const char* k) { return t.at_default(k, row); });
}

bool is_learned(const ResultsTable& t, std::size_t row) {
  const std::string method = method_of(t, row);
  if (method == "source_only" || method == "exact_target") return false;
  return method != "tgdp" || t.at_default("oracle", row);
}

Spread metric_spread(const ResultsTable& t, const std::string& metric,
                     const std::vector<std::size_t>& rows) {
  return spread_of(pick(t.numbers(metric), rows));
}

std::string cell(const Spread& s) {
  if (s.count == 0) return "-";
  return fmt(s.median) + " " + interval_text(s.q25, s.q75);
}

// Compares two medians in words, as the better or worse of the two.
std::string compare(const std::string& metric, double a, double b) {
  if (!std::isfinite(a) || !std::isfinite(b)) return "cannot be compared with";
  const bool better = higher_is_better(metric) ? a > b : a < b;
  if (std::fabs(a - b) <= 0.05 * std::max(std::fabs(a), std::fabs(b))) return "ties with";
  return better ? "beats" : "loses to";
}

// "tgdp oracle=ratio eta1=1": the method, then each other axis whose value differs from the
// sweep's first row (with cases, rows that ignore an axis hold its default there).
std::string short_label(const ResultsTable& t, const std::vector<std::string>& by, std::size_t i) {
  std::string label = method_of(t, i);
  for (const auto& name : by)
    if (name != "method" && t.value_text(name, i) != t.value_text(name, 0))
      label += (label.empty() ? "" : " ") + name + "=" + t.value_text(name, i);
  return label.empty() ? "all" : label;
}

// The finished rows of a file, as method rows against n_target.
struct TransferRows {
  const ResultsTable& t;
  std::vector<std::string> by;  // the swept axes other than n_target
  std::vector<MethodRow> methods;
  std::set<double> n_values;
  std::vector<std::string> metrics;  // those of metric_order the file has

  explicit TransferRows(const ResultsTable& table) : t(table) {
    for (const auto& axis : t.axes)
      if (axis != "n_target" && t.has(axis)) by.push_back(axis);
    for (const auto& g : group_rows(t, by, [&](std::size_t i) { return t.done(i); })) {
      const std::size_t first = g.rows.front();
      MethodRow m{short_label(t, by, first), first, {}, is_learned(t, first), false};
      m.plain = method_of(t, first) == "tgdp" && m.learned && has_plain_knobs(t, first);
      for (auto i : g.rows) m.rows_by_n[t.numbers("n_target")[i]].push_back(i);
      for (const auto& [n, rows] : m.rows_by_n) n_values.insert(n);
      methods.push_back(std::move(m));
    }
    for (const auto& name : metric_order)
      if (t.has(name) && t.columns.at(name).role == Role::metric) metrics.push_back(name);
  }

  double median_at(std::size_t k, double n, const std::string& metric) const {
    const auto it = methods[k].rows_by_n.find(n);
    return it == methods[k].rows_by_n.end() ? std::nan("")
                                            : metric_spread(t, metric, it->second).median;
  }

  // The first method row whose `column` reads `value` and whose knobs are plain, so "oracle =
  // ratio" means the plain one.
  std::optional<std::size_t> find(const std::string& column, const std::string& value) const {
    for (std::size_t k = 0; k < methods.size(); ++k) {
      const std::size_t i = methods[k].first;
      if (t.has(column) && t.value_text(column, i) == value && has_plain_knobs(t, i)) return k;
    }
    return std::nullopt;
  }

  std::optional<std::size_t> plain_tgdp() const {
    for (std::size_t k = 0; k < methods.size(); ++k)
      if (methods[k].plain) return k;
    return std::nullopt;
  }
};

// Per metric: a table of method rows against n_target, and its figure.
std::string metric_tables(const TransferRows& d, Report& r) {
  std::string body = "\n## Transfer: each metric against n_target (median [q25, q75])\n";
  for (const auto& metric : d.metrics) {
    std::vector<std::string> header = {"method row"};
    for (double n : d.n_values) header.push_back("n_target=" + fmt(n));
    std::vector<std::vector<std::string>> rows;
    Plot plot{"transfer_" + metric,
              metric + " against the target data size",
              "n_target",
              metric + (higher_is_better(metric) ? " (higher is better)" : " (lower is better)"),
              true,
              !higher_is_better(metric) && metric != "loglik",
              std::nullopt,
              {}};
    for (const auto& m : d.methods) {
      std::vector<std::string> row = {m.label};
      PlotSeries series{m.label, {}, {}, {}, {}, false, false, -1};
      for (double n : d.n_values) {
        const auto it = m.rows_by_n.find(n);
        const Spread s =
            it == m.rows_by_n.end() ? Spread{} : metric_spread(d.t, metric, it->second);
        row.push_back(cell(s));
        if (s.count == 0) continue;
        r.summary.push_back({m.label, "n_target", n, metric, s});
        series.x.push_back(n);
        series.y.push_back(s.median);
        series.lo.push_back(s.q25);
        series.hi.push_back(s.q75);
      }
      rows.push_back(row);
      if (!series.x.empty()) plot.series.push_back(std::move(series));
    }
    body += "\n### " + metric + "\n\n" + markdown_table(header, rows);
    if (!plot.series.empty()) r.plots.push_back(std::move(plot));
  }
  return body;
}

// Which learned method has the best median, per n_target and metric.
std::string winners_table(const TransferRows& d) {
  std::vector<std::string> header = {"n_target"};
  for (const auto& metric : d.metrics) header.push_back(metric);
  std::vector<std::vector<std::string>> rows;
  for (double n : d.n_values) {
    std::vector<std::string> row = {fmt(n)};
    for (const auto& metric : d.metrics) {
      std::string best = "-";
      double best_value = std::nan("");
      for (std::size_t k = 0; k < d.methods.size(); ++k) {
        if (!d.methods[k].learned) continue;
        const double v = d.median_at(k, n, metric);
        if (!std::isfinite(v)) continue;
        if (!std::isfinite(best_value) ||
            (higher_is_better(metric) ? v > best_value : v < best_value)) {
          best_value = v;
          best = d.methods[k].label;
        }
      }
      row.push_back(best);
    }
    rows.push_back(row);
  }
  return "\n## Which learned method wins where (best median; references and oracles left "
         "out)\n\n" +
         markdown_table(header, rows);
}

// exact_target and TGDP with the exact guidance against two true samples' MMD.
void floor_verdicts(const TransferRows& d, Report& r) {
  if (!d.t.has("mmd") || !d.t.has("mmd_floor")) return;
  for (const auto& [column, value] : std::vector<std::pair<std::string, std::string>>{
           {"method", "exact_target"}, {"oracle", "guidance"}}) {
    const auto k = d.find(column, value);
    if (!k) continue;
    std::vector<std::size_t> all;
    for (const auto& [n, rows] : d.methods[*k].rows_by_n)
      all.insert(all.end(), rows.begin(), rows.end());
    const double ours = metric_spread(d.t, "mmd", all).median;
    const Spread floor = metric_spread(d.t, "mmd_floor", all);
    const bool at_floor = ours <= 2.0 * floor.q75;
    r.verdicts.push_back("floor: " + d.methods[*k].label + ": median mmd " + fmt(ours) +
                         " against " + fmt(floor.median) + " between two true-target samples: " +
                         (at_floor ? "at the floor" : "above the floor"));
  }
}

// Plain TGDP against the baselines, the reference and the exact ratio, per n_target, on MMD.
void baseline_verdicts(const TransferRows& d, Report& r) {
  const auto tgdp = d.plain_tgdp();
  if (!d.t.has("mmd") || !tgdp) return;
  for (double n : d.n_values) {
    const double ours = d.median_at(*tgdp, n, "mmd");
    std::string line = "n_target = " + fmt(n) + ": tgdp median mmd " + fmt(ours);
    for (const auto& [column, value] :
         std::vector<std::pair<std::string, std::string>>{{"method", "target_only"},
                                                          {"method", "finetune"},
                                                          {"method", "source_only"},
                                                          {"oracle", "ratio"}}) {
      const auto k = d.find(column, value);
      if (!k) continue;
      const double v = d.median_at(*k, n, "mmd");
      line += "; " + compare("mmd", ours, v) + " " + value + " (" + fmt(v) + ")";
    }
    r.verdicts.push_back(line);
  }
}

// Each swept regulariser, and the guidance target: the change against plain TGDP, and its cost.
void regulariser_verdicts(const TransferRows& d, Report& r) {
  const auto tgdp = d.plain_tgdp();
  if (!tgdp || !d.t.has("mmd")) return;
  for (const char* knob : knobs) {
    if (std::find(d.by.begin(), d.by.end(), knob) == d.by.end()) continue;
    for (std::size_t k = 0; k < d.methods.size(); ++k) {
      const std::size_t first = d.methods[k].first;
      if (k == *tgdp || !d.methods[k].learned || method_of(d.t, first) != "tgdp") continue;
      if (d.t.at_default(knob, first)) continue;
      // Only rows that differ from plain TGDP in this knob alone.
      const bool alone = std::all_of(std::begin(knobs), std::end(knobs), [&](const char* other) {
        return std::string(other) == knob || d.t.at_default(other, first);
      });
      if (!alone) continue;
      std::string line = std::string(knob) + " = " + d.t.value_text(knob, first) +
                         " against plain tgdp, median mmd:";
      for (double n : d.n_values) {
        const double with = d.median_at(k, n, "mmd"), without = d.median_at(*tgdp, n, "mmd");
        line += " n_target " + fmt(n) + ": " + fmt(with) + " vs " + fmt(without) + " (" +
                (std::isfinite(with) && without > 0 ? fmt(100.0 * (with / without - 1.0), 2) + "%"
                                                    : "n/a") +
                ")";
        if (d.t.has("time_guidance") && d.t.has("time_classifier")) {
          // eta1's cost is its time-dependent classifier, eta2's the guidance training.
          const auto training = [&](std::size_t row) {
            return d.median_at(row, n, "time_classifier") + d.median_at(row, n, "time_guidance");
          };
          line += ", training " + fmt(training(k) / training(*tgdp), 2) + "x the time";
        }
        line += ";";
      }
      line.pop_back();
      r.verdicts.push_back(line);
    }
  }
}

// A median log-likelihood above that of true target samples.
void memorisation_verdicts(const TransferRows& d, Report& r) {
  if (!d.t.has("loglik") || !d.t.has("loglik_true")) return;
  for (std::size_t k = 0; k < d.methods.size(); ++k)
    for (double n : d.n_values) {
      const double ll = d.median_at(k, n, "loglik"), truth = d.median_at(k, n, "loglik_true");
      if (std::isfinite(ll) && std::isfinite(truth) && ll > truth)
        r.verdicts.push_back(
            "memorises: " + d.methods[k].label + " at n_target = " + fmt(n) + ": loglik " +
            fmt(ll) + " above true samples' " + fmt(truth) +
            (d.t.has("mmd_local") ? ", mmd_local " + fmt(d.median_at(k, n, "mmd_local")) : ""));
    }
}

}  // namespace

Report transfer_report(const ResultsTable& t, const ReportOptions& options) {
  Report r = generic_report(t, options);
  r.title = "diffsweep report: transfer learning (" + t.path + ")";
  if (!t.has("n_target")) {
    r.notes.push_back("no n_target column: only the generic tables");
    return r;
  }
  if (t.has("method") && t.columns.at("method").default_value.empty())
    r.notes.push_back(
        "the file records no parameter defaults (written by an older diffsweep): no row can be "
        "told to be plain TGDP, so the comparisons with it are left out");
  const TransferRows d(t);
  const std::string body = metric_tables(d, r) + winners_table(d);
  floor_verdicts(d, r);
  baseline_verdicts(d, r);
  regulariser_verdicts(d, r);
  memorisation_verdicts(d, r);
  r.body = body + r.body;
  return r;
}

}  // namespace diffsweep::analysis
