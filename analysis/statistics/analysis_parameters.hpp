// Every threshold and setting a verdict depends on, named once, with its default: the command line
// sets them (--tie-margin 0.05) and the report prints them, so a reader knows what "ties" or
// "sharp" meant for these verdicts and can ask for another choice.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace diffsweep::analysis {

struct AnalysisParameters {
  // Uncertainty.
  std::uint64_t seed = 1;  // of every bootstrap (each verdict's stream derived from it)
  int resamples = 2000;    // bootstrap resamples per interval
  double level = 0.95;     // of every interval
  int min_replicates = 3;  // fewer per point (or pairs): "undetermined"
  // Comparisons between methods, and with a floor.
  double tie_margin = 0.1;  // "ties": the difference's interval within +-10% of the other's median
  // Memorisation: "memorises" when nn_ratio's interval lies below 1 - tolerance.
  double memorisation_tolerance = 0.1;
  // Curves.
  double min_r_squared = 0.9;         // a power law explains at least this share of log variance
  double max_jump_decades = 0.5;      // and no median sits further than this off its line
  double sharp_width_decades = 1.0;   // "sharp": 0.1 to 10 within fewer decades than this
  double chance_accuracy_max = 0.6;   // "near chance": accuracy below this
  double learned_accuracy_min = 0.9;  // "near 1": accuracy above this
  // "curved": the change of the local log-log slope across the range is further from 0 than this
  double max_slope_change = 0.2;
  // "flat within": a trend's slope (of log crossing on log n) lies within +- this
  double flat_trend = 0.1;
  // Training's effect: "trained" when S/S0, N/N0 or |W|/|W0| moved by at least this many decades
  double trained_decades = 0.3;
  int few_steps = 10;  // a run stopped by grad_tol within this many steps is flagged
};

// One parameter as the command line and the report know it.
struct ParameterSpec {
  std::string name;  // command-line option without "--", e.g. "tie-margin"
  std::string meaning;
  std::string (*read)(const AnalysisParameters&);
  // Throws InputError naming the option and the value when the text is not acceptable.
  void (*write)(AnalysisParameters&, const std::string& text);
};

const std::vector<ParameterSpec>& parameter_specs();

// "name = value (default d)" for every parameter, in table order, the default marked as such.
std::vector<std::vector<std::string>> parameter_table(const AnalysisParameters& p);

}  // namespace diffsweep::analysis
