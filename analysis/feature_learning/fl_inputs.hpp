// What every section of the feature-learning report reads: the file's columns it uses, each row's
// control quantity n*SNR^2 and training's effect, and one model's rows sorted by what they can be
// used for.
#pragma once

#include <string>
#include <vector>

#include "analysis/report/curve_verdicts.hpp"
#include "analysis/report/report.hpp"
#include "analysis/report/results_table.hpp"
#include "analysis/report/row_groups.hpp"
#include "analysis/statistics/analysis_parameters.hpp"
#include "analysis/statistics/training_effect.hpp"
#include "feature_learning/feature_learning_names.hpp"

namespace diffsweep::analysis {

inline const std::string x_label = "n*SNR^2";

struct FlInputs {
  const ResultsTable& t;
  const std::vector<std::string>& model;
  const std::vector<double>& ratio;
  std::vector<double> x;  // n*SNR^2 per row
  bool has_converged = false;
  const AnalysisParameters& p;
  // What tells one curve from another: n, then every other swept axis but the model and the
  // control quantity's (m and t in a width sweep).
  std::vector<std::string> curve_by = {feature_learning::names::param::n};
  // With two or more axes besides n, the R figure gets one panel per value of the last (t in a
  // width sweep), so each panel's curves stay few enough to tell apart.
  std::string panel_axis = "";
  // Training's effect per row (training_effect.hpp), when the file records S0, N0 and w_norm0.
  bool has_growth = false;
  std::vector<RunGrowth> growth{};
  std::vector<char> early{};  // stopped by grad_tol within few-steps

  bool several_axes() const { return curve_by.size() > 1; }
  // Row i's curve as its panel shows it: the values of curve_by but the panel's own.
  std::string label_in_panel(std::size_t i) const;
  std::string panel_of(std::size_t i) const;
  bool converged(std::size_t i) const;
  bool untrained(std::size_t i) const;
  CurveAnalysis curve(const std::vector<std::size_t>& rows, const std::vector<double>& y,
                      const std::string& key) const;
  // The medians and their intervals only, for tables and figures.
  MedianCurve medians(const std::vector<std::size_t>& rows, const std::vector<double>& y,
                      const std::string& key) const;
  // The diffusion model's regime: the median of (alpha/beta)^2 sigma^2 d / n over `rows`, from
  // the metric patch_to_noise2 = (alpha sigma / beta)^2 d (docs/feature-learning.md: small means
  // the clean patches are small against the diffusion noise); "-" without it.
  std::string regime_text(const std::vector<std::size_t>& rows) const;
  // Training's effect over `rows` (a curve), for the fits table: the runs' median growths.
  std::string training_text(const std::vector<std::size_t>& rows) const;
};

// The inputs of `t`: its curves' axes, each row's x, growth and early stop.
FlInputs fl_inputs(const ResultsTable& t, const AnalysisParameters& p);

// One model's rows, sorted by what they can be used for.
struct ModelRows {
  std::string model;
  std::vector<std::size_t> finished;   // done with a finite R and control quantity
  std::vector<std::size_t> converged;  // of those, stopped at a stationary point
  // Done with a finite R, but training did not move the filters (at initialisation, or stopped
  // by grad_tol within few-steps): their R is the initial filters', on no curve.
  std::vector<std::size_t> untrained;
  std::vector<std::size_t> early;  // of those, stopped within few-steps
  std::size_t unfinished = 0, unusable = 0;
  // The classifier's logistic loss on separable data keeps shrinking, so few of its runs reach a
  // stationary point: its transition is read from every finished run's final R.
  bool transition_model = false;
  const std::vector<std::size_t>& curve_rows() const {
    return transition_model ? finished : converged;
  }
  std::size_t excluded() const { return finished.size() - converged.size(); }
};

ModelRows rows_of_model(const FlInputs& in, const std::string& m);

// Diffusion first, then classification, then anything else, as the paper presents them.
std::vector<std::string> models_in_order(const std::vector<std::string>& column);

// Every row list here is in ascending order (built by one pass over the table, or a subset of
// one): a binary search, so a sweep of many rows does not scan them once per row.
bool contains(const std::vector<std::size_t>& rows, std::size_t i);

std::string count_text(std::size_t k, const std::string& what);
std::string range_text(const CurveAnalysis& c);
// What a curve's replicates cannot decide, for the "cannot tell" list.
void replicate_limits(const std::string& what, const CurveAnalysis& c, const AnalysisParameters& p,
                      Report& r);

}  // namespace diffsweep::analysis
