// The transfer-learning (TGDP) report: every metric against the target data size per method row,
// which learned method wins where, the floors, TGDP against its baselines, the regularisers and
// the guidance target, and who memorises (docs/methods.md, section 2.9).
//
// A "method row" is one combination of the swept axes other than n_target (method, oracle,
// eta1, ...), over its replicates. Every comparison is a paired test over replicates
// (paired_comparison.hpp): the methods of one replicate share their target data, evaluation
// samples and sampler noise. Distances (mmd, energy, ...) are better lower; loglik, cond_acc
// higher. What counts as "plain" TGDP (no oracle, no regulariser, the default guidance target) is
// read from the defaults the file records, not assumed here.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "analysis/report/experiment_reports.hpp"
#include "analysis/report/row_groups.hpp"

namespace diffsweep::analysis {

namespace {

struct MetricInfo {
  std::string name;
  std::string title;   // the figure's subject
  std::string label;   // the figure's y axis, with math
  bool higher_better;  // for comparisons
  bool log_axis;
  bool compared = true;  // false: reported, not a score to rank rows by (loglik, nn_ratio)
};

const std::vector<MetricInfo>& metric_infos() {
  static const std::vector<MetricInfo> infos = {
      {"mmd", "MMD to the target", "MMD (RBF kernel, median bandwidth)", false, true},
      {"mmd_local", "Local MMD to the target", "MMD (RBF kernel, bandwidth = spread)", false, true},
      {"energy", "Energy distance to the target", "energy distance", false, true},
      {"sw2", "Sliced Wasserstein distance to the target", "$SW_2$ (128 directions)", false, true},
      // Not a score: above the true samples' level means samples too concentrated, not better.
      {"loglik", "Mean target log-density of the samples", "mean $\\log q(x)$ (nats)", true, false,
       false},
      {"weight_err", "Mixture-weight error",
       "mixture-weight error $\\sum_k |\\hat\\pi_k - \\pi_k|$", false, true},
      // The formula is in docs/methods.md: as an axis label it is too small to read.
      {"fisher", "Score error of the sampler", "score error ($\\sigma_t^2$-weighted, mean over t)",
       false, true},
      {"ratio_l1", "Density-ratio error of the learned classifier",
       "density-ratio error $\\mathbb{E}_p\\,|\\hat w - w|$", false, true},
      {"cond_acc", "Conditional accuracy", "accuracy (fraction correct)", true, false},
      // Ratios on a log axis: a source_only row far above 1 would otherwise squeeze the decision
      // band just below 1 into a few pixels.
      {"nn_ratio", "Memorisation: nearest-neighbour distance ratio",
       "$\\mathrm{med}\\,d_\\mathrm{NN}$(generated) / $\\mathrm{med}\\,d_\\mathrm{NN}$(fresh true)",
       true, true, false},
      {"nn_heldout_ratio", "Memorisation control: nearest training point against held-out points",
       "$\\mathrm{med}\\,d(g, \\mathrm{training}) / \\mathrm{med}\\,d(g, \\mathrm{held\\ out})$",
       true, true, false},
  };
  return infos;
}

// nn_ratio and its control: summarised by geometric means, as the memorisation verdict reads them.
bool memorisation_ratio(const MetricInfo& m) {
  return m.name == "nn_ratio" || m.name == "nn_heldout_ratio";
}

// A metric's reference level drawn beside it, from the same rows.
const std::map<std::string, std::pair<std::string, std::string>>& references() {
  static const std::map<std::string, std::pair<std::string, std::string>> r = {
      {"mmd", {"mmd_floor", "floor: two true-target samples"}},
      {"mmd_local", {"mmd_local_floor", "floor: two true-target samples"}},
      {"loglik", {"loglik_true", "true target samples"}},
  };
  return r;
}

// The knobs whose non-default values make a TGDP row a variant rather than plain TGDP.
const char* const knobs[] = {"eta1", "eta2", "eta_mass", "guidance_target"};

// The baselines and the reference plain TGDP is compared with, as (column, value).
const std::vector<std::pair<std::string, std::string>> baselines = {{"method", "target_only"},
                                                                    {"method", "finetune"},
                                                                    {"method", "source_only"},
                                                                    {"oracle", "ratio"}};

struct MethodRow {
  std::string label;      // the method, then its setting: "tgdp oracle=ratio target_rotation=30"
  std::string method;     // "tgdp oracle=ratio": which method, whatever the setting
  std::string setting;    // "target_rotation=30": the setting axes' values, each named
  std::size_t first = 0;  // a row of it, to read its parameters
  // n_target -> replicate -> finished row
  std::map<double, std::map<double, std::size_t>> rows;
  bool learned = false;  // measures a method itself, not a reference or an oracle
  bool plain = false;    // plain TGDP
  bool main = false;     // every knob at its default: drawn in the main figures
  int color = 0;         // the same in every figure
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

// The axes that say which method a row is (its estimator, oracle, regularisers). The other swept
// axes besides n_target (target_rotation, dim, ...) say where it ran: its setting.
bool names_method(const std::string& axis) {
  return axis == "method" || axis == "oracle" || axis == "guidance_estimator" ||
         std::find(std::begin(knobs), std::end(knobs), axis) != std::end(knobs);
}

// "tgdp oracle=ratio eta1=1": the method, then each other method axis whose value differs from
// the sweep's first row (with cases, rows that ignore an axis hold its default there).
std::string method_label(const ResultsTable& t, const std::vector<std::string>& by, std::size_t i) {
  std::string label = method_of(t, i);
  for (const auto& name : by)
    if (name != "method" && names_method(name) && t.value_text(name, i) != t.value_text(name, 0))
      label += (label.empty() ? "" : " ") + name + "=" + t.value_text(name, i);
  return label.empty() ? "all" : label;
}

// "target_rotation=10": every setting axis, its first value named too, so no row's setting is
// left for the reader to infer.
std::string setting_label(const ResultsTable& t, const std::vector<std::string>& by,
                          std::size_t i) {
  std::string label;
  for (const auto& name : by)
    if (!names_method(name))
      label += (label.empty() ? "" : " ") + name + "=" + t.value_text(name, i);
  return label;
}

// The finished rows of a file, as method rows against n_target.
struct TransferRows {
  const ResultsTable& t;
  const AnalysisParameters& p;
  std::vector<std::string> by;  // the swept axes other than n_target
  std::vector<MethodRow> methods;
  std::set<double> n_values;
  // The distinct settings, in the order of their first rows ("" alone without setting axes).
  std::vector<std::string> settings;
  std::vector<MetricInfo> metrics;  // those of metric_infos() the file has values of

  TransferRows(const ResultsTable& table, const AnalysisParameters& parameters)
      : t(table), p(parameters) {
    for (const auto& axis : t.axes)
      if (axis != "n_target" && t.has(axis)) by.push_back(axis);
    const auto& n = t.numbers("n_target");
    const std::vector<double> no_replicates(t.rows, 0.0);
    const auto& replicate = t.has("replicate") ? t.numbers("replicate") : no_replicates;
    for (const auto& g : group_rows(t, by, [&](std::size_t i) { return t.done(i); })) {
      const std::size_t first = g.rows.front();
      MethodRow m;
      m.method = method_label(t, by, first);
      m.setting = setting_label(t, by, first);
      m.label = m.method + (m.setting.empty() ? "" : " " + m.setting);
      m.first = first;
      m.learned = is_learned(t, first);
      m.main = has_plain_knobs(t, first);
      m.plain = method_of(t, first) == "tgdp" && m.learned && m.main;
      for (auto i : g.rows) m.rows[n[i]][replicate[i]] = i;
      for (const auto& [nv, rows] : m.rows) n_values.insert(nv);
      methods.push_back(std::move(m));
    }
    // One colour per method, the same in every setting's panel and every figure. The main rows
    // take the palette's first, strongest colours, so no two of them in one figure differ only
    // in shade; the variants follow (their figure shows plain TGDP in its colour too).
    std::map<std::string, int> colors;
    for (const bool main : {true, false})
      for (auto& m : methods)
        if (m.main == main)
          m.color = colors.try_emplace(m.method, int(colors.size())).first->second;
    for (const auto& m : methods)
      if (std::find(settings.begin(), settings.end(), m.setting) == settings.end())
        settings.push_back(m.setting);
    for (const auto& info : metric_infos())
      if (t.has(info.name) && t.columns.at(info.name).role == Role::metric &&
          !rows_with(info.name).empty())
        metrics.push_back(info);
  }

  // One panel per setting in the figures, when there are a few: one plot of every method in
  // every setting is a tangle, and a panel per setting keeps a method's colour across them.
  bool panels() const { return settings.size() >= 2 && settings.size() <= 6; }

  // The finite values of `metric` of method row k at n, by replicate.
  std::map<double, double> values(std::size_t k, double n, const std::string& metric) const {
    std::map<double, double> out;
    const auto it = methods[k].rows.find(n);
    if (it == methods[k].rows.end() || !t.has(metric)) return out;
    for (const auto& [rep, i] : it->second)
      if (std::isfinite(t.numbers(metric)[i])) out[rep] = t.numbers(metric)[i];
    return out;
  }

  bool has(std::size_t k, const std::string& metric) const {
    for (double n : n_values)
      if (!values(k, n, metric).empty()) return true;
    return false;
  }

  // The method rows with any value of `metric`.
  std::vector<std::size_t> rows_with(const std::string& metric) const {
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < methods.size(); ++k)
      if (has(k, metric)) out.push_back(k);
    return out;
  }

  // The median over replicates of row k's metric at n, with its bootstrap interval.
  std::pair<Spread, Interval> median(std::size_t k, double n, const std::string& metric) const {
    std::vector<double> v;
    for (const auto& [rep, value] : values(k, n, metric)) v.push_back(value);
    const Spread s = spread_of(v);
    Interval in = no_interval();
    if (s.count >= static_cast<std::size_t>(p.min_replicates)) {
      Strata one(1);
      for (std::size_t i = 0; i < v.size(); ++i) one[0].push_back(i);
      in = median_interval(v, one, p,
                           "transfer|" + methods[k].label + "|" + fmt(n, 17) + "|" + metric);
    }
    return {s, in};
  }

  // nn_ratio's summary, as its verdict reads it: the geometric mean over replicates with the
  // Student-t interval of the mean log (NaN interval with fewer than min_replicates).
  MeanInterval geometric_mean(std::size_t k, double n, const std::string& metric) const {
    std::vector<double> logs;
    for (const auto& [rep, v] : values(k, n, metric))
      if (v > 0) logs.push_back(std::log(v));
    MeanInterval m = mean_interval(logs, p.level);
    if (m.n < static_cast<std::size_t>(p.min_replicates)) m.lo = m.hi = std::nan("");
    m.mean = std::exp(m.mean);
    m.lo = std::exp(m.lo);
    m.hi = std::exp(m.hi);
    return m;
  }

  // Row a against row b at n on `metric`, paired by replicate.
  Comparison compare(std::size_t a, std::size_t b, double n, const MetricInfo& metric) const {
    const auto va = values(a, n, metric.name), vb = values(b, n, metric.name);
    std::vector<double> xa, xb;
    for (const auto& [rep, v] : va)
      if (vb.count(rep)) xa.push_back(v), xb.push_back(vb.at(rep));
    return compare_paired(xa, xb, metric.higher_better, p);
  }

  // The first method row whose `column` reads `value` and whose knobs are plain, so "oracle =
  // ratio" means the plain one; with `setting`, the first in that setting.
  std::optional<std::size_t> find(const std::string& column, const std::string& value,
                                  const std::optional<std::string>& setting = {}) const {
    for (std::size_t k = 0; k < methods.size(); ++k) {
      const std::size_t i = methods[k].first;
      if (t.has(column) && t.value_text(column, i) == value && methods[k].main &&
          (!setting || methods[k].setting == *setting))
        return k;
    }
    return std::nullopt;
  }

  std::optional<std::size_t> plain_tgdp() const {
    for (std::size_t k = 0; k < methods.size(); ++k)
      if (methods[k].plain) return k;
    return std::nullopt;
  }

  // Plain TGDP in each setting: the rows of the first plain row's method, one per setting.
  std::vector<std::size_t> plain_tgdp_per_setting() const {
    std::vector<std::size_t> out;
    const auto first = plain_tgdp();
    for (std::size_t k = 0; first && k < methods.size(); ++k)
      if (methods[k].plain && methods[k].method == methods[*first].method) out.push_back(k);
    return out;
  }

  std::optional<std::size_t> plain_tgdp_in(const std::string& setting) const {
    for (auto k : plain_tgdp_per_setting())
      if (methods[k].setting == setting) return k;
    return std::nullopt;
  }

  const MetricInfo* metric(const std::string& name) const {
    for (const auto& m : metrics)
      if (m.name == name) return &m;
    return nullptr;
  }

  ReplicateCount replicates() const {
    std::vector<std::string> keys;
    for (const auto& m : methods)
      for (const auto& [n, reps] : m.rows)
        for (std::size_t k = 0; k < reps.size(); ++k) keys.push_back(m.label + fmt(n, 17));
    return replicate_count(strata_of(keys));
  }
};

std::string n_text(double n) { return "n_target = " + fmt(n); }

// Comparisons of one pair at every n_target, collapsed into one when they are all the same (rows
// that do not use the target data give the same numbers at every n_target).
struct PerN {
  std::vector<std::pair<double, Comparison>> at;
  bool same_everywhere() const {
    if (at.size() < 2) return false;
    for (const auto& [n, c] : at)
      if (c.difference.mean != at.front().second.difference.mean ||
          c.pairs != at.front().second.pairs)
        return false;
    return true;
  }
};

// Into comparisons.csv, once: the winners table and the baseline table may test the same pair.
void record(Report& r, const std::string& where, const std::string& metric, const std::string& a,
            const std::string& b, const Comparison& c) {
  for (const auto& row : r.comparisons)
    if (row.where == where && row.metric == metric && row.a == a && row.b == b) return;
  r.comparisons.push_back({where, metric, a, b, c});
}

// Per metric: a table of the method rows that have it against n_target, and its figure (the
// plain rows; the variants of TGDP have their own figure for mmd).
std::string metric_tables(const TransferRows& d, Report& r) {
  const AnalysisParameters& p = d.p;
  const std::string coverage = median_coverage_note(d.replicates(), p);
  std::string body =
      "\n## Each metric against n_target\n\nMedian over replicates with its " + fmt(100 * p.level) +
      "% bootstrap interval (" + describe(d.replicates()) + coverage +
      "). Rows that do not have a metric" +
      (d.find("oracle", "ratio") ? " (the exact ratio has no learned classifier, so no `ratio_l1`)"
                                 : "") +
      " are not listed for it.\n";
  for (const auto& metric : d.metrics) {
    std::vector<std::string> header = {"method row"};
    for (double n : d.n_values) header.push_back("n_target=" + fmt(n));
    std::vector<std::vector<std::string>> rows;
    // One parenthesis: "(mmd) (lower is better)" read as two afterthoughts.
    const std::string preference = !metric.compared       ? ""
                                   : metric.higher_better ? "higher is better"
                                                          : "lower is better";
    Plot plot{
        "transfer_" + metric.name,
        metric.title + " (" + metric.name + (preference.empty() ? "" : "; ") + preference + ")",
        "$n_\\mathrm{target}$ (target training samples)",
        metric.label,
        true,
        metric.log_axis,
        std::nullopt,
        {}};
    plot.dodge = true;
    Plot variants = plot;
    variants.name += "_variants";
    variants.title = metric.title + ": TGDP's variants against plain TGDP";
    if (!preference.empty()) variants.title += " (" + preference + ")";
    bool has_variants = false;  // TGDP with a regulariser or another guidance target
    for (std::size_t k : d.rows_with(metric.name)) {
      const MethodRow& m = d.methods[k];
      std::vector<std::string> row = {m.label};
      PlotSeries series;
      series.label = d.panels() ? m.method : m.label;
      series.panel = d.panels() ? m.setting : "";
      series.color = m.color;
      for (double n : d.n_values) {
        const auto [s, in] = d.median(k, n, metric.name);
        if (s.count == 0) {
          row.push_back("-");
          continue;
        }
        r.summary.push_back({m.label, "n_target", n, metric.name, s, in});
        series.x.push_back(n);
        if (memorisation_ratio(metric)) {
          const MeanInterval g = d.geometric_mean(k, n, metric.name);
          row.push_back(with_interval(g.mean, {g.lo, g.hi, 1}));
          series.y.push_back(g.mean);
          series.lo.push_back(g.lo);
          series.hi.push_back(g.hi);
          continue;
        }
        row.push_back(with_interval(s.median, in));
        series.y.push_back(s.median);
        series.lo.push_back(in.lo);
        series.hi.push_back(in.hi);
      }
      rows.push_back(row);
      if (series.x.empty()) continue;
      if (m.main) plot.series.push_back(series);
      const bool variant = m.learned && method_of(d.t, m.first) == "tgdp" && !m.main;
      has_variants = has_variants || variant;
      if (m.plain || variant) variants.series.push_back(series);
    }
    std::string reference_text;
    const auto ref = references().find(metric.name);
    if (ref != references().end() && d.t.has(ref->second.first)) {
      // The floor's samples depend on the setting and the replicate only: the same for every
      // method row of a setting, drawn in its panel.
      std::set<std::string> settings;
      for (std::size_t k : d.rows_with(ref->second.first)) {
        if (!settings.insert(d.methods[k].setting).second || (!d.panels() && settings.size() > 1))
          continue;
        PlotSeries level;
        level.label = ref->second.second;
        level.role = "reference";
        if (d.panels()) level.panel = d.methods[k].setting;
        for (double n : d.n_values) {
          const auto [s, in] = d.median(k, n, ref->second.first);
          if (s.count == 0) continue;
          level.x.push_back(n);
          level.y.push_back(s.median);
        }
        if (level.x.empty()) continue;
        plot.series.push_back(level);
        variants.series.push_back(level);
        reference_text = " Grey dashed line: " + ref->second.second + " (median " +
                         ref->second.first + " at each n_target" +
                         (d.panels() ? ", in each setting" : "") + ").";
      }
    }
    if (memorisation_ratio(metric)) {
      plot.hline = variants.hline = 1.0;
      plot.hline_label = variants.hline_label = metric.name == "nn_ratio"
                                                    ? "1: as far as fresh true samples"
                                                    : "1: as far as held-out target points";
      PlotSeries threshold;
      threshold.label = "memorisation threshold " + fmt(1 - p.memorisation_tolerance);
      threshold.role = "reference";
      for (double n : d.n_values) {
        threshold.x.push_back(n);
        threshold.y.push_back(1 - p.memorisation_tolerance);
      }
      plot.series.push_back(threshold);
      reference_text =
          " Dotted line: 1 (generated samples no nearer to the training points than the ratio's "
          "comparison); dashed grey line: the memorisation threshold.";
    }
    const bool bars = d.replicates().median >= static_cast<std::size_t>(p.min_replicates);
    const std::string marks =
        !bars
            ? "Points: " + std::string(memorisation_ratio(metric) ? "geometric means" : "medians") +
                  " over replicates (" + describe(d.replicates()) +
                  "); no error bars: too few replicates for an interval (--min-replicates " +
                  std::to_string(p.min_replicates) + ")."
        : memorisation_ratio(metric)
            ? "Points: geometric means over replicates; error bars: their " + fmt(100 * p.level) +
                  "% Student-t intervals (on the log), as the memorisation verdict reads them (" +
                  describe(d.replicates()) + ")."
            : "Points: medians over replicates; error bars: " +
                  median_interval_level(d.replicates(), p) +
                  " bootstrap intervals of the medians (" + describe(d.replicates()) + ", " +
                  std::to_string(p.resamples) + " resamples" + coverage + ").";
    const std::string caption =
        marks +
        (d.n_values.size() > 1 && d.rows_with(metric.name).size() > 1
             ? " Points of different rows are offset slightly along n_target so they do not hide "
               "each other."
             : "") +
        reference_text;
    const bool with_variants = metric.name == "mmd" && has_variants;
    plot.caption = caption + (with_variants ? " Rows with a regulariser or another guidance "
                                              "target are in the next figure."
                                            : "");
    variants.caption = caption;
    body += "\n### " + metric.name + "\n\n" + markdown_table(header, rows);
    if (!plot.series.empty()) r.plots.push_back(std::move(plot));
    if (with_variants) r.plots.push_back(std::move(variants));
  }
  return body;
}

// "-0.16 [-0.25, -0.08], p = 0.013": a comparison as a sentence quotes it.
std::string short_difference(const Comparison& c) {
  const auto& d = c.difference;
  std::string s = fmt(d.mean, 2);
  if (std::isfinite(d.lo)) s += " " + interval_text(d.lo, d.hi) + ", " + p_value_text(d.p_value);
  return s;
}

// "wins against A (...) and B (...); is undetermined against C (...)": comparisons of one row
// with several, grouped by outcome. `at`: the others are places ("at n_target = 10"), not rows.
std::string outcomes_sentence(const std::vector<std::pair<std::string, Comparison>>& against,
                              bool at = false) {
  const std::pair<Outcome, const char*> groups[] = {
      {Outcome::wins, "wins against "},
      {Outcome::loses, "loses to "},
      {Outcome::ties, "ties with "},
      {Outcome::undetermined, "is undetermined against "},
      {Outcome::too_few, "has too few pairs against "}};
  const std::pair<Outcome, const char*> places[] = {{Outcome::wins, "wins "},
                                                    {Outcome::loses, "loses "},
                                                    {Outcome::ties, "ties "},
                                                    {Outcome::undetermined, "is undetermined "},
                                                    {Outcome::too_few, "has too few pairs "}};
  std::string out;
  for (const auto& [outcome, words] : at ? places : groups) {
    std::vector<std::string> names;
    for (const auto& [name, c] : against)
      if (c.outcome == outcome) names.push_back(name + " (" + short_difference(c) + ")");
    if (names.empty()) continue;
    out += (out.empty() ? "" : "; ") + std::string(words) + word_list(names);
  }
  return out;
}

// One cell of the winners table: the row with the best median, tested against each other row
// that has the metric.
std::string winner_cell(const TransferRows& d, const std::vector<std::size_t>& candidates, double n,
                        const MetricInfo& metric, Report& r, std::optional<std::size_t>& winner) {
  std::vector<std::size_t> learned;
  for (auto k : candidates)
    if (d.has(k, metric.name)) learned.push_back(k);
  std::optional<std::size_t> best;
  double best_value = std::nan("");
  for (auto k : learned) {
    const double v = d.median(k, n, metric.name).first.median;
    if (!std::isfinite(v)) continue;
    if (!best || (metric.higher_better ? v > best_value : v < best_value)) {
      best = k;
      best_value = v;
    }
  }
  winner = best;
  if (!best) return "-";
  std::map<Outcome, std::vector<std::string>> by_outcome;
  for (auto k : learned) {
    if (k == *best) continue;
    const Comparison c = d.compare(*best, k, n, metric);
    record(r, n_text(n), metric.name, d.methods[*best].label, d.methods[k].label, c);
    by_outcome[c.outcome].push_back(d.methods[k].method);  // the table's row names the setting
  }
  const std::string name = d.methods[*best].method;
  if (by_outcome.size() == 1 && by_outcome.begin()->first == Outcome::wins)
    return "**" + name + "**";
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

// Which method wins where, by paired tests: every plain row a user can run, learned or not
// (source_only, which ignores the target data, can beat every learned method at small
// n_target), and beside it each reference row (exact_target, the oracles: what is reachable with
// exact knowledge) against that winner. A metric is shown where two or more runnable rows have
// it, and each cell compares the rows that have it.
// Rows of different settings are never compared: each setting has its own rows of the table.
std::string winners_table(const TransferRows& d, Report& r) {
  std::vector<std::size_t> learned, references;
  for (std::size_t k = 0; k < d.methods.size(); ++k) {
    if (!d.methods[k].main) continue;
    if (d.methods[k].learned || method_of(d.t, d.methods[k].first) == "source_only")
      learned.push_back(k);
    else
      references.push_back(k);
  }
  const auto in_setting = [&](const std::vector<std::size_t>& ks, const std::string& setting) {
    std::vector<std::size_t> out;
    for (auto k : ks)
      if (d.methods[k].setting == setting) out.push_back(k);
    return out;
  };
  const std::vector<std::string>& settings = d.settings;
  if (std::none_of(settings.begin(), settings.end(),
                   [&](const std::string& s) { return in_setting(learned, s).size() >= 2; }))
    return "";
  std::vector<std::string> header = {settings.size() > 1 ? "setting, n_target" : "n_target"};
  std::vector<const MetricInfo*> shared;
  for (const auto& metric : d.metrics)
    if (metric.compared && std::count_if(learned.begin(), learned.end(), [&](std::size_t k) {
                             return d.has(k, metric.name);
                           }) >= 2) {
      shared.push_back(&metric);
      header.push_back(metric.name);
      if (!references.empty()) header.push_back(metric.name + ": references against it");
    }
  std::vector<std::vector<std::string>> rows;
  for (const auto& setting : settings)
    for (double n : d.n_values) {
      std::vector<std::string> row = {(setting.empty() ? "" : setting + ", ") + fmt(n)};
      for (const auto* metric : shared) {
        std::optional<std::size_t> winner;
        row.push_back(winner_cell(d, in_setting(learned, setting), n, *metric, r, winner));
        if (!references.empty())
          row.push_back(references_cell(d, in_setting(references, setting), winner, n, *metric, r));
      }
      rows.push_back(row);
    }
  std::vector<std::string> learned_names, reference_names;
  for (auto k : in_setting(learned, settings.front())) learned_names.push_back(d.methods[k].method);
  for (auto k : in_setting(references, settings.front()))
    reference_names.push_back(d.methods[k].method);
  const std::string names = word_list(learned_names);
  return "\n## Which method wins where\n\nAmong every plain row that does not use exact "
         "knowledge of the target, learned or not: " +
         names + (settings.size() > 1 ? ", each setting on its own" : "") +
         " (variants of TGDP left out: they are compared with plain TGDP below). Per metric, "
         "among the rows that have it: the row with the best median, in bold when a paired test "
         "over replicates finds it better than every other row; otherwise, in brackets, its "
         "outcome against the others (\"wins\" against those it is better than)." +
         (reference_names.empty()
              ? std::string()
              : " Beside it, each reference row (" + word_list(reference_names) +
                    ") against that winner: its outcome and the paired difference (reference "
                    "minus winner) with its interval.") +
         " The tests are in comparisons.csv.\n\n" + markdown_table(header, rows);
}

// exact_target and TGDP with the exact guidance against two true samples' MMD, paired.
void floor_verdicts(const TransferRows& d, Report& r) {
  const MetricInfo* mmd = d.metric("mmd");
  if (!mmd || !d.t.has("mmd_floor")) return;
  const auto word = [](Outcome o) {
    switch (o) {
      case Outcome::ties:
        return std::string("at the floor");
      case Outcome::loses:
        return std::string("above the floor");
      case Outcome::wins:
        return std::string("below the floor");
      default:
        return outcome_word(o);
    }
  };
  std::string text;
  for (const auto& [column, value] : std::vector<std::pair<std::string, std::string>>{
           {"method", "exact_target"}, {"oracle", "guidance"}}) {
    const auto k = d.find(column, value);
    if (!k) continue;
    PerN per_n;
    for (double n : d.n_values) {
      const auto a = d.values(*k, n, "mmd"), b = d.values(*k, n, "mmd_floor");
      std::vector<double> xa, xb;
      for (const auto& [rep, v] : a)
        if (b.count(rep)) xa.push_back(v), xb.push_back(b.at(rep));
      if (xa.empty()) continue;
      const Comparison c = compare_paired(xa, xb, false, d.p);
      per_n.at.push_back({n, c});
      record(r, n_text(n), "mmd", d.methods[*k].label, "mmd_floor", c);
    }
    if (per_n.at.empty()) continue;
    const std::string& label = d.methods[*k].label;
    std::string line = "floor: " + label + ": mmd against mmd_floor (two true samples)";
    if (per_n.same_everywhere()) {
      const auto& c = per_n.at.front().second;
      line += ", the same at every n_target: " + word(c.outcome) + ", " + describe(c);
      text += " " + label + " (the same at every n_target: it does not use the target data) is " +
              word(c.outcome) + ": the difference is " + short_difference(c) + " (" +
              std::to_string(c.pairs) + " pairs; the margin is " + fmt(c.margin, 2) + ").";
    } else {
      text += " " + label + ":";
      for (std::size_t i = 0; i < per_n.at.size(); ++i) {
        const auto& [n, c] = per_n.at[i];
        line += std::string(i ? ";" : ":") + " n_target " + fmt(n) + ": " + word(c.outcome) + " (" +
                describe(c) + ")";
        text += std::string(i ? "," : "") + " " + word(c.outcome) + " at n_target = " + fmt(n) +
                " (" + short_difference(c) + ")";
      }
      text += ".";
    }
    r.verdicts.push_back(line);
    for (const auto& [n, c] : per_n.at) {
      if (c.outcome != Outcome::undetermined) continue;
      r.cannot_tell.push_back(
          "whether " + label + " is at the noise floor: its paired difference's interval is +-" +
          fmt((c.difference.hi - c.difference.lo) / 2, 2) + " wide, the margin of a tie +-" +
          fmt(c.margin, 2) + " (" + std::to_string(c.pairs) + " pairs)");
      break;
    }
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

// Plain TGDP against the baselines and the exact ratio, per n_target: mmd as verdicts, every
// metric both rows have in a table.
void baseline_verdicts(const TransferRows& d, Report& r) {
  const MetricInfo* mmd = d.metric("mmd");
  if (!mmd) return;
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
      const auto [ours, ours_in] = d.median(tgdp, n, "mmd");
      std::string line =
          n_text(n) + in_setting + ": tgdp median mmd " + with_interval(ours.median, ours_in);
      std::vector<std::pair<std::string, Comparison>> against;
      for (const auto& [column, value] : baselines) {
        const auto k = d.find(column, value, setting);
        if (!k) continue;
        const std::string name = value == "ratio" ? "the exact ratio" : value;
        compared.insert(name);
        const Comparison c = d.compare(tgdp, *k, n, *mmd);
        line += "; against " + value + ": " + outcome_word(c.outcome) + " (" + describe(c) + ")";
        against.push_back({name, c});
        std::vector<std::string> row = {fmt(n) + in_setting, value};
        for (const auto& metric : d.metrics) {
          if (!metric.compared) continue;
          if (!d.has(tgdp, metric.name) || !d.has(*k, metric.name)) {
            row.push_back("-");
            continue;
          }
          const Comparison cm = d.compare(tgdp, *k, n, metric);
          record(r, n_text(n), metric.name, d.methods[tgdp].label, d.methods[*k].label, cm);
          row.push_back(outcome_word(cm.outcome) + " " +
                        (std::isfinite(cm.difference.lo)
                             ? interval_text(cm.difference.lo, cm.difference.hi)
                             : ""));
        }
        table.push_back(row);
      }
      r.verdicts.push_back(line);
      if (!against.empty())
        text += " At n_target = " + fmt(n) + in_setting + " (median " +
                with_interval(ours.median, ours_in) + ") TGDP " + outcomes_sentence(against) + ".";
    }
  }
  if (compared.empty()) return;
  std::vector<std::string> found;
  for (const char* name : {"target_only", "finetune", "source_only", "the exact ratio"})
    if (compared.count(name))
      found.push_back(name +
                      std::string(std::string(name) == "source_only" ? " (no transfer)" : ""));
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
  // A metric no compared row shares with TGDP (ratio_l1: only a learned classifier has it) would
  // be a column of "-": left out.
  for (std::size_t col = header.size(); col-- > 2;)
    if (std::all_of(table.begin(), table.end(),
                    [&](const std::vector<std::string>& row) { return row[col] == "-"; })) {
      header.erase(header.begin() + static_cast<std::ptrdiff_t>(col));
      for (auto& row : table) row.erase(row.begin() + static_cast<std::ptrdiff_t>(col));
    }
  r.body +=
      "\n## TGDP against each other row, every metric\n\nOutcome of plain tgdp against "
      "the row named, with the " +
      fmt(100 * d.p.level) +
      "% interval of the mean paired difference tgdp - other (the full tests in "
      "comparisons.csv).\n\n" +
      markdown_table(header, table);
}

// Each swept regulariser, and the guidance target: paired against plain TGDP, and its cost.
void regulariser_verdicts(const TransferRows& d, Report& r) {
  const MetricInfo* mmd = d.metric("mmd");
  if (!mmd) return;
  std::string text;
  for (const char* knob : knobs) {
    if (std::find(d.by.begin(), d.by.end(), knob) == d.by.end()) continue;
    for (std::size_t k = 0; k < d.methods.size(); ++k) {
      const std::size_t first = d.methods[k].first;
      const auto tgdp = d.plain_tgdp_in(d.methods[k].setting);  // in the variant's own setting
      if (!tgdp || k == *tgdp || !d.methods[k].learned || method_of(d.t, first) != "tgdp") continue;
      if (d.t.at_default(knob, first)) continue;
      // Only rows that differ from plain TGDP in this knob alone.
      const bool alone = std::all_of(std::begin(knobs), std::end(knobs), [&](const char* other) {
        return std::string(other) == knob || d.t.at_default(other, first);
      });
      if (!alone) continue;
      const std::string& setting = d.methods[k].setting;
      const std::string name = std::string(knob) + " = " + d.t.value_text(knob, first) +
                               (setting.empty() ? "" : " (" + setting + ")");
      std::string line = name + " against plain tgdp, mmd:";
      std::vector<std::pair<std::string, Comparison>> by_n;
      std::string cost;
      for (double n : d.n_values) {
        const Comparison c = d.compare(k, *tgdp, n, *mmd);
        record(r, n_text(n), "mmd", d.methods[k].label, d.methods[*tgdp].label, c);
        by_n.push_back({"at n_target = " + fmt(n), c});
        line += " n_target " + fmt(n) + ": " + outcome_word(c.outcome) + " (" + describe(c) + ")";
        if (d.t.has("time_guidance") && d.t.has("time_classifier")) {
          // eta1's cost is its time-dependent classifier, eta2's the guidance training.
          const auto training = [&](std::size_t row) {
            return d.median(row, n, "time_classifier").first.median +
                   d.median(row, n, "time_guidance").first.median;
          };
          const std::string ratio = fmt(training(k) / training(*tgdp), 2);
          line += ", training " + ratio + "x the time";
          cost += (cost.empty() ? "" : ", ") + ratio + "x";
        }
        line += ";";
      }
      line.pop_back();
      r.verdicts.push_back(line);
      text += " Against plain TGDP, " + name + " " + outcomes_sentence(by_n, true) +
              (cost.empty() ? "" : "; its training takes " + cost + " the time") + ".";
    }
  }
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

// Memorisation: nn_ratio, the median distance of generated samples to their nearest target
// training point over the same for fresh true samples, per row and n_target, with its control
// nn_heldout_ratio (the same distance over that to as many fresh true points), which separates
// copying from mere concentration. Intervals are Student's t over replicates on the log ratio, so
// they are the geometric mean's.
void memorisation_verdicts(const TransferRows& d, Report& r) {
  if (!d.metric("nn_ratio")) {
    r.notes.push_back(
        "no nn_ratio metric (a file written before diffsweep recorded it): memorisation is not "
        "tested; loglik is reported, but a log-likelihood above the true samples' is not a test "
        "of memorisation");
    r.cannot_tell.push_back(
        "whether any method memorises its target data: the file has no "
        "nn_ratio (rerun the sweep with this diffsweep)");
    return;
  }
  const bool control = d.metric("nn_heldout_ratio") != nullptr;
  if (!control)
    r.notes.push_back(
        "no nn_heldout_ratio (a file written before diffsweep recorded it): a row whose samples "
        "are only more concentrated than the target's is not told from one that copies its "
        "training points");
  const double threshold = 1 - d.p.memorisation_tolerance;
  const auto text_of = [](const MeanInterval& m) {
    return with_interval(m.mean, {m.lo, m.hi, 1}, 2);
  };
  std::size_t clear = 0, tested = 0;
  std::vector<std::string> memorises, concentrated, undetermined;
  for (std::size_t k : d.rows_with("nn_ratio")) {
    std::string line;
    for (double n : d.n_values) {
      const MeanInterval m = d.geometric_mean(k, n, "nn_ratio");
      if (m.n == 0) continue;
      ++tested;
      std::string value = "nn_ratio " + text_of(m) + ", " + std::to_string(m.n) + " replicates";
      const MeanInterval c = control ? d.geometric_mean(k, n, "nn_heldout_ratio") : MeanInterval{};
      if (control) value += ", control " + text_of(c);
      const std::string where =
          d.methods[k].label + " at n_target = " + fmt(n) + " (" + value + ")";
      std::string outcome;
      if (!std::isfinite(m.hi)) {
        outcome = "undetermined (too few replicates)";
        undetermined.push_back(where + ", too few replicates");
      } else if (m.lo >= threshold) {
        ++clear;
        continue;
      } else if (m.hi >= threshold || (control && !std::isfinite(c.hi))) {
        outcome = "undetermined";
        undetermined.push_back(where);
      } else if (!control || c.hi < threshold) {
        outcome = "memorises";
        memorises.push_back(where);
      } else if (c.lo >= threshold) {
        outcome =
            "concentrated, not copying (as near to as many fresh points as to its training "
            "points)";
        concentrated.push_back(where);
      } else {
        outcome = "undetermined (the control is)";
        undetermined.push_back(where);
      }
      line += "; n_target " + fmt(n) + ": " + value + ": " + outcome;
    }
    if (!line.empty()) r.verdicts.push_back("memorisation: " + d.methods[k].label + line);
  }
  const std::string rule =
      "its nn_ratio's " + fmt(100 * d.p.level) +
      "% interval (geometric mean over replicates, Student's t on the log) lies below " +
      fmt(threshold) + " (1 - tolerance " + fmt(d.p.memorisation_tolerance) + ")" +
      (control ? " and so does its control's" : "");
  r.verdicts.push_back(
      "memorisation: " + std::to_string(memorises.size()) + " of " + std::to_string(tested) +
      " (method row, n_target) memorise, " + std::to_string(clear) +
      " do not (nn_ratio's interval above " + fmt(threshold) + "), " +
      (control ? std::to_string(concentrated.size()) + (concentrated.size() == 1 ? " is" : " are") +
                     " concentrated without copying, "
               : std::string()) +
      std::to_string(undetermined.size()) + " undetermined");
  const auto list = [](const std::vector<std::string>& items) {
    std::string s;
    for (std::size_t i = 0; i < items.size(); ++i) s += (i ? "; " : "") + items[i];
    return s;
  };
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
      std::to_string(tested) + " (method row, n_target), " + std::to_string(clear) +
      " do not memorise.";
  text += memorises.empty() ? " None memorises." : " Memorise: " + list(memorises) + ".";
  if (!concentrated.empty()) text += " Concentrated without copying: " + list(concentrated) + ".";
  if (!undetermined.empty()) text += " Undetermined: " + list(undetermined) + ".";
  text +=
      " `loglik` is reported beside them (Other figures), but a log-likelihood above the true "
      "samples' also comes from samples too concentrated within components, so it is not the "
      "test.";
  std::vector<std::string> figures = {"transfer_nn_ratio"};
  if (control) figures.push_back("transfer_nn_heldout_ratio");
  r.claims.push_back({"Memorisation", text, figures});
}

void limits(const TransferRows& d, Report& r) {
  const ReplicateCount reps = d.replicates();
  std::size_t undetermined = 0, total = 0;
  for (const auto& c : r.comparisons) {
    ++total;
    if (c.comparison.outcome == Outcome::undetermined || c.comparison.outcome == Outcome::too_few)
      ++undetermined;
  }
  if (total > 0 && undetermined > 0)
    r.cannot_tell.push_back(
        std::to_string(undetermined) + " of " + std::to_string(total) +
        " paired comparisons are undetermined with " + describe(reps) +
        ": their differences are smaller than this many replicates resolve; more replicates "
        "(e.g. tgdp_small_n.ini's 20) would decide them");
  if (reps.median < static_cast<std::size_t>(d.p.min_replicates))
    r.cannot_tell.push_back(describe(reps) + ": too few for any interval (--min-replicates " +
                            std::to_string(d.p.min_replicates) + ")");
  if (!d.n_values.empty())
    r.cannot_tell.push_back("n_target outside [" + fmt(*d.n_values.begin()) + ", " +
                            fmt(*d.n_values.rbegin()) + "]: not swept");
}

}  // namespace

Report transfer_report(const ResultsTable& t, const ReportOptions& options) {
  Report r;
  r.title = "diffsweep report: transfer learning (" + t.path + ")";
  if (!t.has("n_target")) {
    r = generic_report(t, options);
    r.notes.push_back("no n_target column: only the generic tables");
    return r;
  }
  if (t.has("method") && t.columns.at("method").default_value.empty())
    r.notes.push_back(
        "the file records no parameter defaults (written by an older diffsweep): no row can be "
        "told to be plain TGDP, so the comparisons with it are left out");
  const TransferRows d(t, options.parameters);
  floor_verdicts(d, r);
  baseline_verdicts(d, r);
  regulariser_verdicts(d, r);
  memorisation_verdicts(d, r);
  const std::string tables = winners_table(d, r) + metric_tables(d, r);
  limits(d, r);
  r.body = status_table(t) + tables + r.body;
  return r;
}

}  // namespace diffsweep::analysis
