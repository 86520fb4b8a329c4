#include "analysis/statistics/analysis_parameters.hpp"

#include <cmath>
#include <limits>

#include "analysis/report/report.hpp"
#include "common/errors.hpp"
#include "common/number_text.hpp"

namespace diffsweep::analysis {

namespace {

double number_of(const std::string& option, const std::string& text, double lo, double hi,
                 const char* range) {
  const auto v = parse_decimal(text);
  if (!v || !std::isfinite(*v) || !(*v >= lo) || !(*v <= hi))
    throw InputError("--" + option + ": value '" + text + "' is not " + range);
  return *v;
}

std::uint64_t whole_of(const std::string& option, const std::string& text, std::uint64_t lo,
                       std::uint64_t hi) {
  const auto v = parse_whole_number(text, hi);
  if (!v || *v < lo)
    throw InputError("--" + option + ": value '" + text + "' is not a whole number from " +
                     std::to_string(lo) + " to " + std::to_string(hi));
  return *v;
}

}  // namespace

const std::vector<ParameterSpec>& parameter_specs() {
  using P = AnalysisParameters;
  static const std::vector<ParameterSpec> specs = {
      {"seed", "seed of every bootstrap (each verdict draws from its own stream of it)",
       [](const P& p) { return std::to_string(p.seed); },
       [](P& p, const std::string& t) {
         p.seed = whole_of("seed", t, 0, std::numeric_limits<std::uint64_t>::max());
       }},
      {"resamples", "bootstrap resamples per interval",
       [](const P& p) { return std::to_string(p.resamples); },
       [](P& p, const std::string& t) {
         p.resamples = static_cast<int>(whole_of("resamples", t, 100, 1000000));
       }},
      {"level", "confidence level of every interval", [](const P& p) { return fmt(p.level); },
       [](P& p, const std::string& t) {
         p.level = number_of("level", t, 0.5, 0.999, "between 0.5 and 0.999");
       }},
      {"min-replicates",
       "fewest replicates per point (pairs, for a comparison) a verdict needs; fewer: "
       "undetermined",
       [](const P& p) { return std::to_string(p.min_replicates); },
       [](P& p, const std::string& t) {
         p.min_replicates = static_cast<int>(whole_of("min-replicates", t, 2, 100000));
       }},
      {"tie-margin",
       "\"ties\": the paired difference's interval lies within +- this share of the other "
       "row's median (also \"at the floor\")",
       [](const P& p) { return fmt(p.tie_margin); },
       [](P& p, const std::string& t) {
         p.tie_margin = number_of("tie-margin", t, 0, 10, "a number from 0 to 10");
       }},
      {"memorisation-tolerance",
       "\"memorises\": nn_ratio's and its control's intervals lie below 1 minus this; \"does "
       "not memorise\": nn_ratio's lies above it",
       [](const P& p) { return fmt(p.memorisation_tolerance); },
       [](P& p, const std::string& t) {
         p.memorisation_tolerance =
             number_of("memorisation-tolerance", t, 0, 0.99, "a number from 0 to 0.99");
       }},
      {"min-r2", "a power law explains at least this share of the variance of log y",
       [](const P& p) { return fmt(p.min_r_squared); },
       [](P& p, const std::string& t) {
         p.min_r_squared = number_of("min-r2", t, 0, 1, "a number from 0 to 1");
       }},
      {"max-jump", "a power law has no median further than this many decades off its line",
       [](const P& p) { return fmt(p.max_jump_decades); },
       [](P& p, const std::string& t) {
         p.max_jump_decades = number_of("max-jump", t, 0, 100, "a number from 0 to 100");
       }},
      {"sharp-width",
       "\"sharp\": y goes from 0.1 to 10 within fewer decades of x than this (the whole "
       "interval); a power law of slope 2 takes exactly 1",
       [](const P& p) { return fmt(p.sharp_width_decades); },
       [](P& p, const std::string& t) {
         p.sharp_width_decades =
             number_of("sharp-width", t, 0.001, 100, "a number from 0.001 to 100");
       }},
      {"chance-accuracy", "\"near chance\": the accuracy's interval lies below this",
       [](const P& p) { return fmt(p.chance_accuracy_max); },
       [](P& p, const std::string& t) {
         p.chance_accuracy_max = number_of("chance-accuracy", t, 0, 1, "a number from 0 to 1");
       }},
      {"learned-accuracy", "\"near 1\": the accuracy's interval lies above this",
       [](const P& p) { return fmt(p.learned_accuracy_min); },
       [](P& p, const std::string& t) {
         p.learned_accuracy_min = number_of("learned-accuracy", t, 0, 1, "a number from 0 to 1");
       }},
      {"max-slope-change",
       "a power law's local log-log slopes at the two ends of the range agree: their "
       "difference's interval contains 0 or lies within +- this; else \"curved\"",
       [](const P& p) { return fmt(p.max_slope_change); },
       [](P& p, const std::string& t) {
         p.max_slope_change = number_of("max-slope-change", t, 0, 100, "a number from 0 to 100");
       }},
      {"flat-trend",
       "\"flat within\": the interval of a crossing's trend (slope of log crossing on log n) "
       "lies within +- this",
       [](const P& p) { return fmt(p.flat_trend); },
       [](P& p, const std::string& t) {
         p.flat_trend = number_of("flat-trend", t, 0, 100, "a number from 0 to 100");
       }},
      {"trained-decades",
       "\"trained\": S/S0, N/N0 or |W|/|W0| moved by at least this many decades (0.3: a "
       "factor 2); \"at initialisation\": none did",
       [](const P& p) { return fmt(p.trained_decades); },
       [](P& p, const std::string& t) {
         p.trained_decades = number_of("trained-decades", t, 0, 100, "a number from 0 to 100");
       }},
      {"few-steps",
       "a run that stopped by grad_tol within this many steps is flagged, and is not "
       "counted as converged",
       [](const P& p) { return std::to_string(p.few_steps); },
       [](P& p, const std::string& t) {
         p.few_steps = static_cast<int>(whole_of("few-steps", t, 0, 1000000));
       }},
  };
  return specs;
}

std::vector<std::vector<std::string>> parameter_table(const AnalysisParameters& p) {
  const AnalysisParameters defaults;
  std::vector<std::vector<std::string>> rows;
  for (const auto& spec : parameter_specs()) {
    const std::string value = spec.read(p), default_value = spec.read(defaults);
    rows.push_back(
        {"`--" + spec.name + "`",
         value == default_value ? value + " (default)" : value + " (default " + default_value + ")",
         spec.meaning});
  }
  return rows;
}

}  // namespace diffsweep::analysis
