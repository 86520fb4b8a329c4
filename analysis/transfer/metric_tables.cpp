#include "analysis/transfer/metric_tables.hpp"

#include <set>

#include "transfer/transfer_names.hpp"

namespace diffsweep::analysis {

namespace tr = transfer::names;

namespace {

// One metric's two figures: the plain rows, and plain TGDP with its variants (TGDP with a
// regulariser or another guidance target).
struct MetricFigures {
  Plot plot, variants;
  bool has_variants = false;
};

// One parenthesis: "(mmd) (lower is better)" read as two afterthoughts.
std::string preference_of(const MetricInfo& metric) {
  return !metric.compared ? "" : metric.higher_better ? "higher is better" : "lower is better";
}

MetricFigures empty_figures(const MetricInfo& metric) {
  const std::string preference = preference_of(metric);
  MetricFigures f{
      Plot{"transfer_" + metric.name,
           metric.title + " (" + metric.name + (preference.empty() ? "" : "; ") + preference + ")",
           "$n_\\mathrm{target}$ (target training samples)",
           metric.label,
           true,
           metric.log_axis,
           std::nullopt,
           {}},
      {}};
  f.plot.dodge = true;
  f.variants = f.plot;
  f.variants.name += "_variants";
  f.variants.title = metric.title + ": TGDP's variants against plain TGDP";
  if (!preference.empty()) f.variants.title += " (" + preference + ")";
  return f;
}

// Method row k's table row and its figure series: medians with their bootstrap intervals, or for
// the memorisation ratios the geometric means their verdict reads.
std::pair<std::vector<std::string>, PlotSeries> metric_row(const TransferRows& d, std::size_t k,
                                                           const MetricInfo& metric, Report& r) {
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
    r.summary.push_back({m.label, tr::param::n_target, n, metric.name, s, in});
    series.x.push_back(n);
    Interval shown = in;
    double y = s.median;
    if (memorisation_ratio(metric)) {
      const MeanInterval g = d.geometric_mean(k, n, metric.name);
      shown = {g.lo, g.hi, 1};
      y = g.mean;
    }
    row.push_back(with_interval(y, shown));
    series.y.push_back(y);
    series.lo.push_back(shown.lo);
    series.hi.push_back(shown.hi);
  }
  return {row, series};
}

// The floor or the true samples' level of `metric`, drawn in both figures; the caption's sentence.
std::string add_reference_levels(const TransferRows& d, const MetricInfo& metric,
                                 MetricFigures& f) {
  const auto ref = reference_levels().find(metric.name);
  if (ref == reference_levels().end() || !d.t.has(ref->second.metric)) return "";
  const ReferenceLevel& level_of = ref->second;
  std::string text;
  // The floor's samples depend on the setting and the replicate only: the same for every method
  // row of a setting, drawn in its panel.
  std::set<std::string> settings;
  for (std::size_t k : d.rows_with(level_of.metric)) {
    if (!settings.insert(d.methods[k].setting).second || (!d.panels() && settings.size() > 1))
      continue;
    PlotSeries level;
    level.label = level_of.label;
    level.role = "reference";
    if (d.panels()) level.panel = d.methods[k].setting;
    for (double n : d.n_values) {
      const auto [s, in] = d.median(k, n, level_of.metric);
      if (s.count == 0) continue;
      level.x.push_back(n);
      level.y.push_back(s.median);
    }
    if (level.x.empty()) continue;
    f.plot.series.push_back(level);
    f.variants.series.push_back(level);
    text = " Grey dashed line: " + level_of.label + " (median " + level_of.metric +
           " at each n_target" + (d.panels() ? ", in each setting" : "") + ").";
  }
  return text;
}

// 1 and the memorisation threshold beside a memorisation ratio; the caption's sentence.
std::string add_memorisation_levels(const TransferRows& d, const MetricInfo& metric,
                                    MetricFigures& f) {
  f.plot.hline = f.variants.hline = 1.0;
  f.plot.hline_label = f.variants.hline_label = metric.name == tr::metric::nn_ratio
                                                    ? "1: as far as fresh true samples"
                                                    : "1: as far as held-out target points";
  PlotSeries threshold;
  threshold.label = "memorisation threshold " + fmt(1 - d.p.memorisation_tolerance);
  threshold.role = "reference";
  for (double n : d.n_values) {
    threshold.x.push_back(n);
    threshold.y.push_back(1 - d.p.memorisation_tolerance);
  }
  f.plot.series.push_back(threshold);
  return " Dotted line: 1 (generated samples no nearer to the training points than the ratio's "
         "comparison); dashed grey line: the memorisation threshold.";
}

// What the points and error bars are, as the caption says it.
std::string marks_text(const TransferRows& d, const MetricInfo& metric) {
  const AnalysisParameters& p = d.p;
  if (d.replicates().median < static_cast<std::size_t>(p.min_replicates))
    return "Points: " + std::string(memorisation_ratio(metric) ? "geometric means" : "medians") +
           " over replicates (" + describe(d.replicates()) +
           "); no error bars: too few replicates for an interval (--min-replicates " +
           std::to_string(p.min_replicates) + ").";
  if (memorisation_ratio(metric))
    return "Points: geometric means over replicates; error bars: their " + fmt(100 * p.level) +
           "% Student-t intervals (on the log), as the memorisation verdict reads them (" +
           describe(d.replicates()) + ").";
  return "Points: medians over replicates; error bars: " +
         median_interval_level(d.replicates(), p) + " bootstrap intervals of the medians (" +
         describe(d.replicates()) + ", " + std::to_string(p.resamples) + " resamples" +
         median_coverage_note(d.replicates(), p) + ").";
}

// The figures' captions; the main one points to the variants' figure when mmd has one.
void caption(const TransferRows& d, const MetricInfo& metric, const std::string& reference_text,
             MetricFigures& f) {
  const std::string text =
      marks_text(d, metric) +
      (d.n_values.size() > 1 && d.rows_with(metric.name).size() > 1
           ? " Points of different rows are offset slightly along n_target so they do not hide "
             "each other."
           : "") +
      reference_text;
  f.plot.caption = text + (metric.name == tr::metric::mmd && f.has_variants
                               ? " Rows with a regulariser or another guidance target are in the "
                                 "next figure."
                               : "");
  f.variants.caption = text;
}

// One metric's table, its figures into `r`.
std::string metric_table(const TransferRows& d, const MetricInfo& metric, Report& r) {
  std::vector<std::string> header = {"method row"};
  for (double n : d.n_values) header.push_back("n_target=" + fmt(n));
  std::vector<std::vector<std::string>> rows;
  MetricFigures f = empty_figures(metric);
  for (std::size_t k : d.rows_with(metric.name)) {
    const MethodRow& m = d.methods[k];
    auto [row, series] = metric_row(d, k, metric, r);
    rows.push_back(row);
    if (series.x.empty()) continue;
    if (m.main) f.plot.series.push_back(series);
    const bool variant = m.learned && method_of(d.t, m.first) == tr::methods::tgdp && !m.main;
    f.has_variants = f.has_variants || variant;
    if (m.plain || variant) f.variants.series.push_back(series);
  }
  std::string reference_text = add_reference_levels(d, metric, f);
  if (memorisation_ratio(metric)) reference_text = add_memorisation_levels(d, metric, f);
  caption(d, metric, reference_text, f);
  if (!f.plot.series.empty()) r.plots.push_back(std::move(f.plot));
  if (metric.name == tr::metric::mmd && f.has_variants) r.plots.push_back(std::move(f.variants));
  return "\n### " + metric.name + "\n\n" + markdown_table(header, rows);
}

}  // namespace

std::string metric_tables(const TransferRows& d, Report& r) {
  std::string body = "\n## Each metric against n_target\n\nMedian over replicates with its " +
                     fmt(100 * d.p.level) + "% bootstrap interval (" + describe(d.replicates()) +
                     median_coverage_note(d.replicates(), d.p) +
                     "). Rows that do not have a metric" +
                     (d.find(tr::param::oracle, tr::oracles::ratio)
                          ? " (the exact ratio has no learned classifier, so no `ratio_l1`)"
                          : "") +
                     " are not listed for it.\n";
  for (const auto& metric : d.metrics) body += metric_table(d, metric, r);
  return body;
}

}  // namespace diffsweep::analysis
