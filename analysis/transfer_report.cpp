// The transfer-learning (TGDP) report: every metric against the target data size per method row,
// which learned method wins where, the floors, the regularisers and the guidance target, and who
// memorises (METHODS.md section 2, "Metrics").
//
// A "method row" is one combination of the swept axes other than n_target (method, oracle,
// eta1, ...), over its replicates. Distances (mmd, energy, ...) are better lower; loglik and
// cond_acc higher.
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

bool higher_is_better(const std::string& metric) {
  return metric == "loglik" || metric == "cond_acc";
}

struct MethodRow {
  std::string label;
  std::size_t first = 0;                                 // a row of it, to read its parameters
  std::map<double, std::vector<std::size_t>> rows_by_n;  // n_target -> finished rows
};

std::string text_or(const ResultsTable& t, const char* column, std::size_t row,
                    const std::string& fallback) {
  return t.has(column) ? t.value_text(column, row) : fallback;
}

// The rows of a method row that measure the method itself, not a reference or an oracle.
bool is_learned(const ResultsTable& t, std::size_t row) {
  const std::string method = text_or(t, "method", row, "tgdp");
  if (method == "source_only" || method == "exact_target") return false;
  return method != "tgdp" || text_or(t, "oracle", row, "none") == "none";
}

// The default guidance target and every regulariser off.
bool has_plain_knobs(const ResultsTable& t, std::size_t row) {
  if (text_or(t, "guidance_target", row, "ratio") != "ratio") return false;
  for (const char* eta : {"eta1", "eta2", "eta_mass"})
    if (t.has(eta) && t.numbers(eta)[row] != 0.0) return false;
  return true;
}

// The plain TGDP row: no oracle and plain knobs.
bool is_plain_tgdp(const ResultsTable& t, std::size_t row) {
  return text_or(t, "method", row, "tgdp") == "tgdp" && is_learned(t, row) &&
         has_plain_knobs(t, row);
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

// The first method row whose `column` reads `value` and whose other knobs are plain (no
// regulariser, the default guidance target), so "oracle = ratio" means the plain one.
std::optional<std::size_t> find_row(const ResultsTable& t, const std::vector<MethodRow>& methods,
                                    const std::string& column, const std::string& value) {
  for (std::size_t k = 0; k < methods.size(); ++k) {
    const std::size_t i = methods[k].first;
    if (t.has(column) && t.value_text(column, i) == value && has_plain_knobs(t, i)) return k;
  }
  return std::nullopt;
}

// "tgdp oracle=ratio eta1=1": the method, then each other axis whose value differs from the
// sweep's first row (with cases, rows that ignore an axis hold its default there).
std::string short_label(const ResultsTable& t, const std::vector<std::string>& by, std::size_t i) {
  std::string label = text_or(t, "method", i, "");
  for (const auto& name : by)
    if (name != "method" && t.value_text(name, i) != t.value_text(name, 0))
      label += (label.empty() ? "" : " ") + name + "=" + t.value_text(name, i);
  return label.empty() ? "all" : label;
}

}  // namespace

Report transfer_report(const ResultsTable& t, const ReportOptions& options) {
  Report r = generic_report(t, options);
  r.title = "diffsweep report: transfer learning (" + t.path + ")";
  if (!t.has("n_target")) {
    r.notes.push_back("no n_target column: only the generic tables");
    return r;
  }
  std::vector<std::string> by;
  for (const auto& axis : t.axes)
    if (axis != "n_target" && t.has(axis)) by.push_back(axis);
  const auto groups = group_rows(t, by, [&](std::size_t i) { return t.done(i); });
  std::vector<MethodRow> methods;
  std::vector<bool> learned, plain;
  for (const auto& g : groups) {
    MethodRow m{short_label(t, by, g.rows.front()), g.rows.front(), {}};
    for (auto i : g.rows) m.rows_by_n[t.numbers("n_target")[i]].push_back(i);
    learned.push_back(is_learned(t, g.rows.front()));
    plain.push_back(is_plain_tgdp(t, g.rows.front()));
    methods.push_back(std::move(m));
  }
  std::set<double> n_values;
  for (const auto& m : methods)
    for (const auto& [n, rows] : m.rows_by_n) n_values.insert(n);
  std::vector<std::string> metrics;
  for (const auto& name : metric_order)
    if (t.has(name) && t.columns.at(name).role == Role::metric) metrics.push_back(name);

  std::string body = "\n## Transfer: each metric against n_target (median [q25, q75])\n";
  for (const auto& metric : metrics) {
    std::vector<std::string> header = {"method row"};
    for (double n : n_values) header.push_back("n_target=" + fmt(n));
    std::vector<std::vector<std::string>> rows;
    Plot plot{"transfer_" + metric,
              metric + " against the target data size",
              "n_target",
              metric + (higher_is_better(metric) ? " (higher is better)" : " (lower is better)"),
              true,
              !higher_is_better(metric) && metric != "loglik",
              std::nullopt,
              {}};
    for (const auto& m : methods) {
      std::vector<std::string> row = {m.label};
      PlotSeries series{m.label, {}, {}, {}, {}, false, false, -1};
      for (double n : n_values) {
        const auto it = m.rows_by_n.find(n);
        const Spread s = it == m.rows_by_n.end() ? Spread{} : metric_spread(t, metric, it->second);
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

  // Which learned method has the best median, per n_target and metric.
  {
    std::vector<std::string> header = {"n_target"};
    for (const auto& metric : metrics) header.push_back(metric);
    std::vector<std::vector<std::string>> rows;
    for (double n : n_values) {
      std::vector<std::string> row = {fmt(n)};
      for (const auto& metric : metrics) {
        std::string best = "-";
        double best_value = std::nan("");
        for (std::size_t k = 0; k < methods.size(); ++k) {
          const auto it = methods[k].rows_by_n.find(n);
          if (!learned[k] || it == methods[k].rows_by_n.end()) continue;
          const double v = metric_spread(t, metric, it->second).median;
          if (!std::isfinite(v)) continue;
          if (!std::isfinite(best_value) ||
              (higher_is_better(metric) ? v > best_value : v < best_value)) {
            best_value = v;
            best = methods[k].label;
          }
        }
        row.push_back(best);
      }
      rows.push_back(row);
    }
    body +=
        "\n## Which learned method wins where (best median; references and oracles left "
        "out)\n\n" +
        markdown_table(header, rows);
  }

  const auto median_at = [&](std::size_t k, double n, const std::string& metric) {
    const auto it = methods[k].rows_by_n.find(n);
    return it == methods[k].rows_by_n.end() ? std::nan("")
                                            : metric_spread(t, metric, it->second).median;
  };
  const bool have_mmd = t.has("mmd");

  // Floors: exact_target and TGDP with the exact guidance against two true samples' MMD.
  if (have_mmd && t.has("mmd_floor")) {
    for (const auto& [column, value] : std::vector<std::pair<std::string, std::string>>{
             {"method", "exact_target"}, {"oracle", "guidance"}}) {
      const auto k = find_row(t, methods, column, value);
      if (!k) continue;
      std::vector<std::size_t> all;
      for (const auto& [n, rows] : methods[*k].rows_by_n)
        all.insert(all.end(), rows.begin(), rows.end());
      const double ours = metric_spread(t, "mmd", all).median;
      const Spread floor = metric_spread(t, "mmd_floor", all);
      const bool at_floor = ours <= 2.0 * floor.q75;
      r.verdicts.push_back("floor: " + methods[*k].label + ": median mmd " + fmt(ours) +
                           " against " + fmt(floor.median) + " between two true-target samples: " +
                           (at_floor ? "at the floor" : "above the floor"));
    }
  }

  // Learned TGDP against the baselines, per n_target, on MMD.
  std::optional<std::size_t> tgdp;
  for (std::size_t k = 0; k < methods.size() && !tgdp; ++k)
    if (plain[k]) tgdp = k;
  if (have_mmd && tgdp) {
    for (double n : n_values) {
      std::string line =
          "n_target = " + fmt(n) + ": tgdp median mmd " + fmt(median_at(*tgdp, n, "mmd"));
      for (const auto& [column, value] :
           std::vector<std::pair<std::string, std::string>>{{"method", "target_only"},
                                                            {"method", "finetune"},
                                                            {"method", "source_only"},
                                                            {"oracle", "ratio"}}) {
        const auto k = find_row(t, methods, column, value);
        if (!k) continue;
        const double v = median_at(*k, n, "mmd");
        line += "; " + compare("mmd", median_at(*tgdp, n, "mmd"), v) + " " + value + " (" + fmt(v) +
                ")";
      }
      r.verdicts.push_back(line);
    }
  }

  // Each swept regulariser, and the guidance target: the change against plain TGDP.
  for (const char* knob : {"eta1", "eta2", "eta_mass", "guidance_target"}) {
    if (std::find(by.begin(), by.end(), knob) == by.end() || !tgdp || !have_mmd) continue;
    for (std::size_t k = 0; k < methods.size(); ++k) {
      if (k == *tgdp || !learned[k]) continue;
      const std::size_t first = methods[k].first;
      if (text_or(t, "method", first, "tgdp") != "tgdp") continue;
      const std::string value = t.value_text(knob, first);
      if (value == "0" || value == "ratio") continue;
      // Only rows that differ from plain TGDP in this knob alone.
      bool alone = true;
      for (const char* other : {"eta1", "eta2", "eta_mass", "guidance_target"}) {
        if (std::string(other) == knob || !t.has(other)) continue;
        const std::string v = t.value_text(other, first);
        alone = alone && (v == "0" || v == "ratio");
      }
      if (!alone) continue;
      std::string line = std::string(knob) + " = " + value + " against plain tgdp, median mmd:";
      for (double n : n_values) {
        const double with = median_at(k, n, "mmd"), without = median_at(*tgdp, n, "mmd");
        line += " n_target " + fmt(n) + ": " + fmt(with) + " vs " + fmt(without) + " (" +
                (std::isfinite(with) && without > 0 ? fmt(100.0 * (with / without - 1.0), 2) + "%"
                                                    : "n/a") +
                ")";
        if (t.has("time_guidance") && t.has("time_classifier")) {
          // eta1's cost is its time-dependent classifier, eta2's the guidance training.
          const auto training = [&](std::size_t row) {
            return median_at(row, n, "time_classifier") + median_at(row, n, "time_guidance");
          };
          line += ", training " + fmt(training(k) / training(*tgdp), 2) + "x the time";
        }
        line += ";";
      }
      line.pop_back();
      r.verdicts.push_back(line);
    }
  }

  // Memorisation: a median log-likelihood above that of true target samples.
  if (t.has("loglik") && t.has("loglik_true")) {
    for (std::size_t k = 0; k < methods.size(); ++k)
      for (double n : n_values) {
        const double ll = median_at(k, n, "loglik"), truth = median_at(k, n, "loglik_true");
        if (std::isfinite(ll) && std::isfinite(truth) && ll > truth)
          r.verdicts.push_back(
              "memorises: " + methods[k].label + " at n_target = " + fmt(n) + ": loglik " +
              fmt(ll) + " above true samples' " + fmt(truth) +
              (t.has("mmd_local") ? ", mmd_local " + fmt(median_at(k, n, "mmd_local")) : ""));
      }
  }
  r.body = body + r.body;
  return r;
}

}  // namespace diffsweep::analysis
