// The feature-learning experiment's report (docs/methods.md, section 1, "What is measured"): per
// model, the stationary ratio R = S/N against n*SNR^2. For diffusion the theory predicts a power
// law with no jump, fitted on converged runs only (a run stopped at `iters` is another regime, not
// a point on the curve); for classification a sharp transition of R through 1, with test accuracy
// going from chance to 1. Also the training dynamics S(step), N(step) of a few points (Figure 2).
#include "analysis/feature_learning/accuracy_verdict.hpp"
#include "analysis/feature_learning/dynamics_figure.hpp"
#include "analysis/feature_learning/fl_inputs.hpp"
#include "analysis/feature_learning/fl_tables.hpp"
#include "analysis/feature_learning/noisy_mnist_figure.hpp"
#include "analysis/feature_learning/points_table.hpp"
#include "analysis/feature_learning/power_law_section.hpp"
#include "analysis/feature_learning/training_section.hpp"
#include "analysis/feature_learning/transition_section.hpp"
#include "analysis/report/curve_figures.hpp"
#include "analysis/report/experiment_reports.hpp"

namespace diffsweep::analysis {

namespace {

void left_out_notes(const ModelRows& rows, Report& r) {
  if (rows.unusable > 0)
    r.notes.push_back(rows.model + ": " + count_text(rows.unusable, "finished runs") +
                      " have no finite R or " + x_label + " and are left out");
  if (rows.unfinished > 0)
    r.notes.push_back(
        rows.model + ": " + count_text(rows.unfinished, "points not done") +
        " (missing, failed, diverged, or never placed by an adaptive search) are not in "
        "the curves");
}

// One model's sections, in the order its verdicts read.
void model_sections(const FlInputs& in, const std::string& m, const ReportOptions& options,
                    Report& r, FlTables& tables) {
  const ModelRows rows = rows_of_model(in, m);
  training_section(in, rows, r);
  power_law_section(in, rows, r, tables);
  if (rows.transition_model) transition_section(in, rows, r, tables);
  points_table(in, rows, r, tables);
  accuracy_verdict(in, rows, r, tables);
  left_out_notes(rows, r);
  const CurveAnalysis used = in.curve(rows.curve_rows(), in.ratio, "fl|" + m + "|caption");
  if (tables.interval_level.empty() || !median_coverage_note(used.replicates, in.p).empty())
    tables.interval_level = median_interval_level(used.replicates, in.p);
  tables.ratio_caption.push_back(
      m + ": " + describe(used.replicates) +
      (rows.transition_model ? " (every finished run" : " (converged runs") +
      median_coverage_note(used.replicates, in.p) + ")");
  add_dynamics_plot(r, in.t, m, in.x, rows.finished, options.dynamics_at, in.curve_by);
}

}  // namespace

Report feature_learning_report(const ResultsTable& t, const ReportOptions& options) {
  Report r;
  r.title = "diffsweep report: feature learning (" + t.path + ")";
  const FlInputs in = fl_inputs(t, options.parameters);
  if (!in.has_converged)
    r.notes.push_back("no `converged` metric: every finished run is treated as converged");
  r.notes.push_back(
      "the theorem's Theta(n SNR^2) is stated for its proof's signal and noise coefficients; the "
      "slope measured here is that of our R (raw inner products, max over filters), which need "
      "not be 1 (docs/methods.md)");
  FlTables tables;
  for (const auto& m : models_in_order(in.model)) model_sections(in, m, options, r, tables);
  caption_ratio_plots(in, tables);
  tables.acc_plot.hline_label = "chance (0.5)";
  tables.acc_plot.caption = tables.acc_caption;
  r.body += fl_table_sections(in, tables);
  const auto after_ratio = static_cast<std::ptrdiff_t>(tables.ratio_plots.size());
  r.plots.insert(r.plots.begin(), std::make_move_iterator(tables.ratio_plots.begin()),
                 std::make_move_iterator(tables.ratio_plots.end()));
  if (!tables.acc_plot.series.empty())
    r.plots.insert(r.plots.begin() + after_ratio, std::move(tables.acc_plot));
  add_noisy_mnist_figure(r, t, in.x);
  return r;
}

}  // namespace diffsweep::analysis
