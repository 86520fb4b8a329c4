// The finished rows of a transfer results file as method rows against n_target. A "method row"
// is one combination of the swept axes other than n_target (method, oracle, eta1, ...), over its
// replicates. What counts as "plain" TGDP (no oracle, no regulariser, the default guidance
// target) is read from the defaults the file records, not assumed here.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analysis/report/report.hpp"
#include "analysis/report/results_table.hpp"
#include "analysis/statistics/analysis_parameters.hpp"
#include "analysis/transfer/transfer_metrics.hpp"
#include "transfer/transfer_names.hpp"

namespace diffsweep::analysis {

// The knobs whose non-default values make a TGDP row a variant rather than plain TGDP.
inline constexpr std::array<const char*, 4> knobs = {
    transfer::names::param::eta1, transfer::names::param::eta2, transfer::names::param::eta_mass,
    transfer::names::param::guidance_target};

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

// The `method` column's value of a row ("" without the column).
std::string method_of(const ResultsTable& t, std::size_t row);

struct TransferRows {
  const ResultsTable& t;
  const AnalysisParameters& p;
  std::vector<std::string> by;  // the swept axes other than n_target
  std::vector<MethodRow> methods;
  std::set<double> n_values;
  // The distinct settings, in the order of their first rows ("" alone without setting axes).
  std::vector<std::string> settings;
  std::vector<MetricInfo> metrics;  // those of metric_infos() the file has values of

  TransferRows(const ResultsTable& table, const AnalysisParameters& parameters);

  // One panel per setting in the figures, when there are a few: one plot of every method in
  // every setting is a tangle, and a panel per setting keeps a method's colour across them.
  bool panels() const { return settings.size() >= 2 && settings.size() <= 6; }

  // The finite values of `metric` of method row k at n, by replicate.
  std::map<double, double> values(std::size_t k, double n, const std::string& metric) const;
  bool has(std::size_t k, const std::string& metric) const;
  // The method rows with any value of `metric`.
  std::vector<std::size_t> rows_with(const std::string& metric) const;
  // The median over replicates of row k's metric at n, with its bootstrap interval.
  std::pair<Spread, Interval> median(std::size_t k, double n, const std::string& metric) const;
  // nn_ratio's summary, as its verdict reads it: the geometric mean over replicates with the
  // Student-t interval of the mean log (NaN interval with fewer than min_replicates).
  MeanInterval geometric_mean(std::size_t k, double n, const std::string& metric) const;
  // Row a against row b at n on `metric`, paired by replicate.
  Comparison compare(std::size_t a, std::size_t b, double n, const MetricInfo& metric) const;
  // The first method row whose `column` reads `value` and whose knobs are plain, so "oracle =
  // ratio" means the plain one; with `setting`, the first in that setting.
  std::optional<std::size_t> find(const std::string& column, const std::string& value,
                                  const std::optional<std::string>& setting = {}) const;
  std::optional<std::size_t> plain_tgdp() const;
  // Plain TGDP in each setting: the rows of the first plain row's method, one per setting.
  std::vector<std::size_t> plain_tgdp_per_setting() const;
  std::optional<std::size_t> plain_tgdp_in(const std::string& setting) const;
  const MetricInfo* metric(const std::string& name) const;
  ReplicateCount replicates() const;

 private:
  void add_method_rows();
  void assign_colors();
};

// "n_target = 10": where a comparison was made, as comparisons.csv and the verdicts name it.
std::string n_text(double n);

}  // namespace diffsweep::analysis
