#include "analysis/feature_learning/fl_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "feature_learning/feature_learning_names.hpp"

namespace diffsweep::analysis {

namespace fl = feature_learning::names;

namespace {

// The control quantity per row: the n snr^2 the point ran with (metric `nsnr2_used`), else the
// `nsnr2` parameter a sweep gave instead of snr, else n * snr^2 from the parameters (a point that
// has not run yet has only its parameters).
std::vector<double> control_quantity(const ResultsTable& t) {
  const double nan = std::nan("");
  std::vector<double> x(t.rows, nan);
  for (const char* name : {fl::metric::nsnr2_used, fl::param::nsnr2}) {
    if (!t.has(name) || t.columns.at(name).is_text) continue;
    const auto& v = t.numbers(name);
    for (std::size_t i = 0; i < t.rows; ++i)
      if (!std::isfinite(x[i])) x[i] = v[i];
  }
  if (t.has(fl::param::n) && t.has(fl::param::snr))
    for (std::size_t i = 0; i < t.rows; ++i)
      if (!std::isfinite(x[i]))
        x[i] = t.numbers(fl::param::n)[i] * std::pow(t.numbers(fl::param::snr)[i], 2);
  return x;
}

// Only axes that take more than one value here tell curves apart.
void add_curve_axes(FlInputs& in) {
  const ResultsTable& t = in.t;
  for (const auto& axis : t.axes) {
    if (axis == fl::param::model || axis == fl::param::n || axis == fl::param::nsnr2 ||
        axis == fl::param::snr || !t.has(axis))
      continue;
    std::set<std::string> values;
    for (std::size_t i = 0; i < t.rows && values.size() < 2; ++i)
      values.insert(t.value_text(axis, i));
    if (values.size() > 1) in.curve_by.push_back(axis);
  }
  if (in.curve_by.size() > 2) in.panel_axis = in.curve_by.back();
}

void add_training_effect(FlInputs& in) {
  const ResultsTable& t = in.t;
  in.has_growth = t.has(fl::metric::S0) && t.has(fl::metric::N0) && t.has(fl::metric::w_norm0) &&
                  t.has(fl::metric::S) && t.has(fl::metric::N) && t.has(fl::metric::w_norm);
  in.early.assign(t.rows, 0);
  if (in.has_growth)
    for (std::size_t i = 0; i < t.rows; ++i)
      in.growth.push_back(run_growth(t.numbers(fl::metric::S)[i], t.numbers(fl::metric::S0)[i],
                                     t.numbers(fl::metric::N)[i], t.numbers(fl::metric::N0)[i],
                                     t.numbers(fl::metric::w_norm)[i],
                                     t.numbers(fl::metric::w_norm0)[i]));
  if (in.has_converged && t.has(fl::metric::steps))
    for (std::size_t i = 0; i < t.rows; ++i)
      in.early[i] =
          stopped_early(t.numbers(fl::metric::converged)[i], t.numbers(fl::metric::steps)[i], in.p);
}

}  // namespace

std::string FlInputs::label_in_panel(std::size_t i) const {
  std::string label;
  for (const auto& axis : curve_by)
    if (axis != panel_axis)
      label += (label.empty() ? "" : " ") + axis + "=" + t.value_text(axis, i);
  return label;
}

std::string FlInputs::panel_of(std::size_t i) const {
  return panel_axis.empty() ? "" : panel_axis + "=" + t.value_text(panel_axis, i);
}

bool FlInputs::converged(std::size_t i) const {
  return !has_converged || t.numbers(fl::metric::converged)[i] == 1;
}

bool FlInputs::untrained(std::size_t i) const {
  return early[i] || (has_growth && run_at_initialisation(growth[i], false, p));
}

CurveAnalysis FlInputs::curve(const std::vector<std::size_t>& rows, const std::vector<double>& y,
                              const std::string& key) const {
  return analyse_curve(pick(x, rows), pick(y, rows), point_keys(t, rows), p, key);
}

MedianCurve FlInputs::medians(const std::vector<std::size_t>& rows, const std::vector<double>& y,
                              const std::string& key) const {
  return median_curve(pick(x, rows), pick(y, rows), point_keys(t, rows), p, key);
}

std::string FlInputs::regime_text(const std::vector<std::size_t>& rows) const {
  if (!t.has(fl::metric::patch_to_noise2) || !t.has(fl::param::n)) return "-";
  std::vector<double> v;
  for (auto i : rows)
    v.push_back(t.numbers(fl::metric::patch_to_noise2)[i] / t.numbers(fl::param::n)[i]);
  const Spread s = spread_of(std::move(v));
  if (s.count == 0) return "-";
  // Rows of several regimes (the pooled fit of a sweep over t) get their range.
  if (s.max > 1.1 * s.min) return fmt(s.min, 2) + " to " + fmt(s.max, 2);
  return fmt(s.median, 2);
}

std::string FlInputs::training_text(const std::vector<std::size_t>& rows) const {
  if (!has_growth) return "not recorded";
  std::vector<double> signal, noise, norm;
  for (auto i : rows) {
    signal.push_back(growth[i].signal);
    noise.push_back(growth[i].noise);
    norm.push_back(growth[i].norm);
  }
  return "S/S0 " + fmt(spread_of(signal).median, 2) + ", N/N0 " + fmt(spread_of(noise).median, 2) +
         ", |W|/|W0| " + fmt(spread_of(norm).median, 2);
}

FlInputs fl_inputs(const ResultsTable& t, const AnalysisParameters& p) {
  FlInputs in{t,
              t.text(fl::param::model),
              t.numbers(fl::metric::R),
              control_quantity(t),
              t.has(fl::metric::converged),
              p};
  add_curve_axes(in);
  add_training_effect(in);
  return in;
}

ModelRows rows_of_model(const FlInputs& in, const std::string& m) {
  ModelRows rows;
  rows.model = m;
  rows.transition_model = m == fl::models::classification;
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
    if (in.untrained(i)) {
      rows.untrained.push_back(i);
      if (in.early[i]) rows.early.push_back(i);
      continue;
    }
    rows.finished.push_back(i);
    if (in.converged(i)) rows.converged.push_back(i);
  }
  return rows;
}

std::vector<std::string> models_in_order(const std::vector<std::string>& column) {
  std::set<std::string> seen(column.begin(), column.end());
  std::vector<std::string> out;
  for (const char* m : {fl::models::diffusion, fl::models::classification})
    if (seen.erase(m)) out.push_back(m);
  out.insert(out.end(), seen.begin(), seen.end());
  return out;
}

bool contains(const std::vector<std::size_t>& rows, std::size_t i) {
  return std::binary_search(rows.begin(), rows.end(), i);
}

std::string count_text(std::size_t k, const std::string& what) {
  return std::to_string(k) + " " + what;
}

std::string range_text(const CurveAnalysis& c) {
  return x_label + " from " + fmt(c.x_min, 2) + " to " + fmt(c.x_max, 2);
}

void replicate_limits(const std::string& what, const CurveAnalysis& c, const AnalysisParameters& p,
                      Report& r) {
  if (!c.enough_replicates)
    r.cannot_tell.push_back(what + ": " + describe(c.replicates) +
                            ", too few for any interval (--min-replicates " +
                            std::to_string(p.min_replicates) + "): its verdict is undetermined");
}

}  // namespace diffsweep::analysis
