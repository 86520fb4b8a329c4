// The feature-learning experiment's report (docs/methods.md, section 1, "What is measured"): per
// model, the stationary ratio R = S/N against n*SNR^2. For diffusion the theory predicts a power
// law with no jump, fitted on converged runs only (a run stopped at `iters` is another regime, not
// a point on the curve); for classification a sharp transition of R through 1, with test accuracy
// going from chance to 1. Also the training dynamics S(step), N(step) of a few points (Figure 2).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "analysis/curve_verdicts.hpp"
#include "analysis/experiment_reports.hpp"
#include "analysis/noisy_mnist_figure.hpp"
#include "analysis/row_groups.hpp"

namespace diffsweep::analysis {

namespace {

const std::string x_label = "n*SNR^2";

// The control quantity per row: the n snr^2 the point ran with (metric `nsnr2_used`), else the
// `nsnr2` parameter a sweep gave instead of snr, else n * snr^2 from the parameters (a point that
// has not run yet has only its parameters).
std::vector<double> control_quantity(const ResultsTable& t) {
  const double nan = std::nan("");
  std::vector<double> x(t.rows, nan);
  for (const char* name : {"nsnr2_used", "nsnr2"}) {
    if (!t.has(name) || t.columns.at(name).is_text) continue;
    const auto& v = t.numbers(name);
    for (std::size_t i = 0; i < t.rows; ++i)
      if (!std::isfinite(x[i])) x[i] = v[i];
  }
  if (t.has("n") && t.has("snr"))
    for (std::size_t i = 0; i < t.rows; ++i)
      if (!std::isfinite(x[i])) x[i] = t.numbers("n")[i] * std::pow(t.numbers("snr")[i], 2);
  return x;
}

// Diffusion first, then classification, then anything else, as the paper presents them.
std::vector<std::string> models_in_order(const std::vector<std::string>& column) {
  std::set<std::string> seen(column.begin(), column.end());
  std::vector<std::string> out;
  for (const char* m : {"diffusion", "classification"})
    if (seen.erase(m)) out.push_back(m);
  out.insert(out.end(), seen.begin(), seen.end());
  return out;
}

// Two decimals always ("0.50", "1.00"): accuracies are compared with chance and with 1.
std::string accuracy_text(double a) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", a);
  return text;
}

std::string count_text(std::size_t k, const std::string& what) {
  return std::to_string(k) + " " + what;
}

// Points whose S and N series are drawn: the largest n's first replicate nearest each requested
// n*SNR^2 (e.g. the paper's 0.75 and 6.75), or by default at the smallest, middle and largest, so
// the low and high regimes and one in between are always shown.
std::vector<std::size_t> dynamics_points(const ResultsTable& t, const std::vector<double>& x,
                                         const std::vector<std::size_t>& rows,
                                         const std::vector<double>& at) {
  if (rows.empty()) return {};
  std::vector<std::size_t> candidates = largest_n_first_replicate(t, rows).rows;
  std::sort(candidates.begin(), candidates.end(), [&](auto a, auto b) { return x[a] < x[b]; });
  std::vector<std::size_t> chosen = {candidates.front(), candidates[candidates.size() / 2],
                                     candidates.back()};
  if (!at.empty()) {
    chosen.clear();
    for (double target : at)
      chosen.push_back(*std::min_element(candidates.begin(), candidates.end(), [&](auto a, auto b) {
        return std::abs(std::log(x[a] / target)) < std::abs(std::log(x[b] / target));
      }));
    std::sort(chosen.begin(), chosen.end(), [&](auto a, auto b) { return x[a] < x[b]; });
  }
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  return chosen;
}

void add_dynamics_plot(Report& r, const ResultsTable& t, const std::string& model,
                       const std::vector<double>& x, const std::vector<std::size_t>& rows,
                       const std::vector<double>& at) {
  Plot plot{"fl_dynamics_" + model,
            model + ": signal S and noise N learning during training",
            "step",
            "S, N",
            false,
            true,
            std::nullopt,
            {}};
  // One colour per point; S solid, N dashed.
  int colour = 0;
  for (auto i : dynamics_points(t, x, rows, at)) {
    const auto step = read_series(t, i, "step");
    for (const char* name : {"S", "N"}) {
      const auto values = read_series(t, i, name);
      if (step.empty() || values.size() != step.size()) continue;
      PlotSeries s;
      s.label = std::string(name) + ", " + x_label + " = " + fmt(x[i], 3) +
                ", n = " + t.value_text("n", i);
      s.x = step;
      s.y = values;
      s.dashed = name[0] == 'N';
      s.color = colour;
      plot.series.push_back(std::move(s));
    }
    ++colour;
  }
  if (plot.series.empty())
    r.notes.push_back(model + ": no step/S/N series in the file: no training-dynamics figure");
  else
    r.plots.push_back(std::move(plot));
}

// What every section reads: the file's columns the report uses, and the tables it fills.
struct FlInputs {
  const ResultsTable& t;
  const std::vector<std::string>& model;
  const std::vector<double>& ratio;
  std::vector<double> x;  // n*SNR^2 per row
  bool has_converged = false;

  bool converged(std::size_t i) const { return !has_converged || t.numbers("converged")[i] == 1; }
};

struct FlTables {
  std::vector<std::vector<std::string>> points, fits;
  Plot ratio_plot{"fl_R_vs_nsnr2",
                  "stationary ratio R = S/N (median, quartile band)",
                  x_label,
                  "R = S / N",
                  true,
                  true,
                  1.0,
                  {}};
  Plot acc_plot{"fl_test_acc_vs_nsnr2",
                "test accuracy (median, quartile band)",
                x_label,
                "test accuracy",
                true,
                false,
                0.5,
                {}};
};

// One model's rows, sorted by what they can be used for.
struct ModelRows {
  std::string model;
  std::vector<std::size_t> finished;   // done with a finite R and control quantity
  std::vector<std::size_t> converged;  // of those, stopped at a stationary point
  std::size_t unfinished = 0, unusable = 0;
  // The classifier's logistic loss on separable data keeps shrinking, so few of its runs reach a
  // stationary point: its transition is read from every finished run's final R.
  bool transition_model = false;
  const std::vector<std::size_t>& curve_rows() const {
    return transition_model ? finished : converged;
  }
  std::size_t excluded() const { return finished.size() - converged.size(); }
};

bool contains(const std::vector<std::size_t>& rows, std::size_t i) {
  return std::find(rows.begin(), rows.end(), i) != rows.end();
}

ModelRows rows_of_model(const FlInputs& in, const std::string& m) {
  ModelRows rows;
  rows.model = m;
  rows.transition_model = m == "classification";
  for (std::size_t i = 0; i < in.t.rows; ++i) {
    if (in.model[i] != m) continue;
    if (!in.t.done(i)) {
      ++rows.unfinished;
      continue;
    }
    if (!std::isfinite(in.ratio[i]) || !std::isfinite(in.x[i])) {
      ++rows.unusable;
      continue;
    }
    rows.finished.push_back(i);
    if (in.converged(i)) rows.converged.push_back(i);
  }
  return rows;
}

// The power law of R on converged runs, pooled and per n; verdicts for a power-law model only.
void power_law_section(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables) {
  const std::string& m = rows.model;
  const CurveAnalysis pooled =
      analyse_curve(pick(in.x, rows.converged), pick(in.ratio, rows.converged));
  std::string verdict = power_law_verdict(m, "R", x_label, pooled, "converged points");
  if (rows.excluded() > 0)
    verdict += "; " + count_text(rows.excluded(), "unconverged points excluded");
  if (!rows.transition_model) r.verdicts.push_back(verdict);
  tables.fits.push_back(
      {m, "all", "converged", std::to_string(pooled.fit.points), fmt(pooled.fit.slope),
       interval_text(pooled.fit.slope_lo, pooled.fit.slope_hi), fmt(pooled.fit.r_squared)});
  r.fits.push_back(
      {"model=" + m + " converged", x_label, "R", pooled.fit, std::nullopt, std::nullopt});
  const std::size_t curves =
      group_rows(in.t, {"n"}, [&](std::size_t i) { return contains(rows.curve_rows(), i); }).size();
  for (const auto& g :
       group_rows(in.t, {"n"}, [&](std::size_t i) { return contains(rows.converged, i); })) {
    const CurveAnalysis c = analyse_curve(pick(in.x, g.rows), pick(in.ratio, g.rows));
    if (!rows.transition_model && curves > 1)
      r.verdicts.push_back(
          power_law_verdict(m + " " + g.label, "R", x_label, c, "converged points"));
    tables.fits.push_back({m, g.label, "converged", std::to_string(c.fit.points), fmt(c.fit.slope),
                           interval_text(c.fit.slope_lo, c.fit.slope_hi), fmt(c.fit.r_squared)});
    r.fits.push_back({"model=" + m + " " + g.label + " converged", x_label, "R", c.fit,
                      std::nullopt, std::nullopt});
  }
}

// The transition of R through 1, from every finished run, pooled and per n.
void transition_section(const FlInputs& in, const ModelRows& rows, Report& r) {
  const std::string& m = rows.model;
  const CurveAnalysis all = analyse_curve(pick(in.x, rows.finished), pick(in.ratio, rows.finished));
  r.verdicts.push_back(transition_verdict(m, "R", x_label, all) + " (medians over " +
                       count_text(rows.finished.size(), "finished runs") + ", " +
                       std::to_string(rows.converged.size()) + " converged)");
  r.fits.push_back({"model=" + m + " all finished", x_label, "R", all.fit, all.transition.at,
                    all.transition.width});
  for (const auto& g :
       group_rows(in.t, {"n"}, [&](std::size_t i) { return contains(rows.finished, i); })) {
    const CurveAnalysis c = analyse_curve(pick(in.x, g.rows), pick(in.ratio, g.rows));
    r.fits.push_back({"model=" + m + " " + g.label + " all finished", x_label, "R", c.fit,
                      c.transition.at, c.transition.width});
  }
}

PlotSeries median_curve(const std::string& label, const std::vector<GroupedSpread>& by_x) {
  PlotSeries curve{label, {}, {}, {}, {}, false};
  for (const auto& s : by_x) {
    if (s.y.count == 0) continue;
    curve.x.push_back(s.x);
    curve.y.push_back(s.y.median);
    curve.lo.push_back(s.y.q25);
    curve.hi.push_back(s.y.q75);
  }
  return curve;
}

// Per (n, x): the spread over replicates of every metric, the table of R, and the curves of R
// and test accuracy.
void curve_section(const FlInputs& in, const ModelRows& rows, Report& r, FlTables& tables) {
  const ResultsTable& t = in.t;
  const std::string& m = rows.model;
  for (const auto& g :
       group_rows(t, {"n"}, [&](std::size_t i) { return contains(rows.finished, i); })) {
    const std::string group = "model=" + m + " " + g.label;
    for (const char* metric : {"R", "S", "N", "train_loss", "test_loss", "test_acc"}) {
      if (!t.has(metric)) continue;
      for (const auto& s : spread_by_x(pick(in.x, g.rows), pick(t.numbers(metric), g.rows)))
        if (s.y.count > 0) r.summary.push_back({group, "nsnr2", s.x, metric, s.y});
    }
    const auto acc_by_x = t.has("test_acc")
                              ? spread_by_x(pick(in.x, g.rows), pick(t.numbers("test_acc"), g.rows))
                              : std::vector<GroupedSpread>{};
    // The R the verdicts read: converged runs for the power law, every finished run for the
    // transition. Table and figure show exactly that.
    std::vector<std::size_t> used;
    for (auto i : g.rows)
      if (contains(rows.curve_rows(), i)) used.push_back(i);
    const auto used_by_x = spread_by_x(pick(in.x, used), pick(in.ratio, used));
    const auto all_by_x = spread_by_x(pick(in.x, g.rows), pick(in.ratio, g.rows));
    for (std::size_t k = 0; k < all_by_x.size(); ++k) {
      const double at = all_by_x[k].x;
      Spread r_used;
      r_used.count = 0;
      r_used.median = r_used.q25 = r_used.q75 = std::nan("");
      for (const auto& u : used_by_x)
        if (u.x == at) r_used = u.y;
      std::size_t conv_k = 0;
      for (auto i : g.rows)
        if (in.x[i] == at && in.converged(i)) ++conv_k;
      tables.points.push_back({m, t.value_text("n", g.rows.front()), fmt(at),
                               std::to_string(all_by_x[k].y.count), std::to_string(conv_k),
                               fmt(r_used.median), interval_text(r_used.q25, r_used.q75),
                               acc_by_x.empty() ? "-" : fmt(acc_by_x[k].y.median)});
    }
    tables.ratio_plot.series.push_back(
        median_curve(m + " " + g.label + (rows.transition_model ? "" : " (converged)"), used_by_x));
    if (!rows.transition_model && rows.excluded() > 0) {
      PlotSeries loose{m + " " + g.label + " unconverged (excluded)", {}, {}, {}, {}, true};
      for (auto i : g.rows)
        if (!contains(used, i)) {
          loose.x.push_back(in.x[i]);
          loose.y.push_back(in.ratio[i]);
        }
      if (!loose.x.empty()) tables.ratio_plot.series.push_back(std::move(loose));
    }
    if (!acc_by_x.empty()) {
      PlotSeries acc = median_curve(m + " " + g.label, acc_by_x);
      if (!acc.x.empty()) tables.acc_plot.series.push_back(std::move(acc));
    }
  }
}

// Test accuracy from the smallest to the largest n*SNR^2, pooled over n.
void accuracy_verdict(const FlInputs& in, const ModelRows& rows, Report& r) {
  if (!in.t.has("test_acc")) return;
  std::vector<GroupedSpread> known;
  for (const auto& s :
       spread_by_x(pick(in.x, rows.finished), pick(in.t.numbers("test_acc"), rows.finished)))
    if (s.y.count > 0) known.push_back(s);
  if (known.size() < 2) return;
  const auto& lo = known.front();
  const auto& hi = known.back();
  const bool as_predicted = lo.y.median < 0.6 && hi.y.median > 0.9;
  r.verdicts.push_back(rows.model + ": median test accuracy " + accuracy_text(lo.y.median) +
                       " at " + x_label + " = " + fmt(lo.x, 2) + " and " +
                       accuracy_text(hi.y.median) + " at " + x_label + " = " + fmt(hi.x, 2) +
                       (as_predicted ? ": near chance below, near 1 above, as predicted"
                                     : ": not the predicted change from chance to 1"));
}

void left_out_notes(const ModelRows& rows, Report& r) {
  if (rows.unusable > 0)
    r.notes.push_back(rows.model + ": " + count_text(rows.unusable, "finished runs") +
                      " have no finite R or " + x_label + " and are left out");
  if (rows.unfinished > 0)
    r.notes.push_back(rows.model + ": " + count_text(rows.unfinished, "points not done") +
                      " (missing, failed or diverged) are not in the curves");
}

}  // namespace

Report feature_learning_report(const ResultsTable& t, const ReportOptions& options) {
  Report r;
  r.title = "diffsweep report: feature learning (" + t.path + ")";
  const FlInputs in{t, t.text("model"), t.numbers("R"), control_quantity(t), t.has("converged")};
  if (!in.has_converged)
    r.notes.push_back("no `converged` metric: every finished run is treated as converged");
  r.notes.push_back(
      "the theorem's Theta(n SNR^2) is stated for its proof's signal and noise coefficients; the "
      "slope measured here is that of our R (raw inner products, max over filters), which need "
      "not be 1 (docs/methods.md)");
  FlTables tables;
  for (const auto& m : models_in_order(in.model)) {
    const ModelRows rows = rows_of_model(in, m);
    power_law_section(in, rows, r, tables);
    if (rows.transition_model) transition_section(in, rows, r);
    curve_section(in, rows, r, tables);
    accuracy_verdict(in, rows, r);
    left_out_notes(rows, r);
    add_dynamics_plot(r, t, m, in.x, rows.finished, options.dynamics_at);
  }

  r.body +=
      "## Stationary ratio R per point\n\nMedian and quartiles of R over replicates: over the "
      "converged runs for a power-law model (the fit's points), over every finished run for "
      "classification (the transition's). \"converged\" counts runs that stopped at a "
      "stationary point.\n\n" +
      markdown_table({"model", "n", x_label, "runs", "converged", "median R", "R quartiles",
                      "median test acc"},
                     tables.points);
  r.body += "\n## Power-law fits of log R on log(" + x_label +
            ")\n\nConverged runs only; 95% interval of the slope from Student's t.\n\n" +
            markdown_table({"model", "n", "runs", "points", "slope", "95% CI", "R^2"}, tables.fits);
  r.plots.insert(r.plots.begin(), std::move(tables.ratio_plot));
  if (!tables.acc_plot.series.empty())
    r.plots.insert(r.plots.begin() + 1, std::move(tables.acc_plot));
  add_noisy_mnist_figure(r, t, in.x);
  return r;
}

}  // namespace diffsweep::analysis
