#include "synthetic/synthetic_experiment.hpp"

#include <chrono>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <thread>

#include "common/seeding.hpp"
#include "synthetic/synthetic_names.hpp"

namespace diffsweep {

std::string_view SyntheticExperiment::summary() const {
  return "value = x^exponent * y * exp(noise * z), z ~ N(0,1) from the point's seed; for testing "
         "the runner and the analysis";
}

const std::vector<ParamSpec>& SyntheticExperiment::params() const {
  static const std::vector<ParamSpec> specs = [] {
    constexpr double inf = std::numeric_limits<double>::infinity();
    std::vector<ParamSpec> s;
    s.push_back({synthetic::names::param::x,
                 ParamType::real,
                 "1",
                 -inf,
                 inf,
                 {},
                 {},
                 "base of the power law"});
    s.push_back(
        {synthetic::names::param::y, ParamType::real, "1", -inf, inf, {}, {}, "multiplier"});
    s.push_back(
        {synthetic::names::param::exponent, ParamType::real, "1", -inf, inf, {}, {}, "power of x"});
    s.push_back({"noise",
                 ParamType::real,
                 "0",
                 0,
                 inf,
                 {},
                 {},
                 "log-normal noise level: value is multiplied by exp(noise * z)"});
    s.push_back({"sleep_ms",
                 ParamType::integer,
                 "0",
                 0,
                 3.6e6,
                 {},
                 {},
                 "milliseconds to sleep before returning (a slow point)",
                 "ms"});
    s.push_back({"throw_above",
                 ParamType::real,
                 "inf",
                 -inf,
                 inf,
                 {},
                 {},
                 "throw (point failed) when x > throw_above"});
    s.push_back({"nan_above",
                 ParamType::real,
                 "inf",
                 -inf,
                 inf,
                 {},
                 {},
                 "return NaN (point diverged) when x > nan_above"});
    s.push_back({"flaky",
                 ParamType::real,
                 "0",
                 0.0,
                 1.0,
                 {},
                 {},
                 "probability that the point throws (failed), drawn from its seed: a transient "
                 "failure, which a retry with another seed may not repeat"});
    return s;
  }();
  return specs;
}

const std::vector<MetricSpec>& SyntheticExperiment::metrics() const {
  static const std::vector<MetricSpec> m = {
      {synthetic::names::metric::value, "x^exponent * y * exp(noise * z)"}};
  return m;
}

PointResult SyntheticExperiment::run(const Params& p, const PointContext& context) {
  const double x = p.real(synthetic::names::param::x);
  if (const auto ms = p.integer("sleep_ms"); ms > 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  if (x > p.real("throw_above"))
    throw std::runtime_error("synthetic: x = " + std::to_string(x) + " is above throw_above");
  // Each draw has a stream of its own, so the flaky draw leaves the value's noise as it was. A
  // draw whose outcome is fixed (flaky = 0 never throws, noise = 0 multiplies by exp(0) = 1) is
  // not made: seeding a generator costs more than the rest of an empty point, and the dispatch
  // benchmark's points are meant to measure the runner, not the generator.
  if (const double flaky = p.real("flaky"); flaky > 0) {
    std::mt19937_64 flaky_rng(mix64(context.seed ^ 0x666c616b79ULL));
    if (const double u = std::uniform_real_distribution<double>(0.0, 1.0)(flaky_rng); u < flaky)
      throw std::runtime_error("synthetic: a flaky failure (draw " + std::to_string(u) +
                               " < flaky = " + std::to_string(flaky) + ")");
  }
  double value =
      std::pow(x, p.real(synthetic::names::param::exponent)) * p.real(synthetic::names::param::y);
  if (const double noise = p.real("noise"); noise > 0) {
    std::mt19937_64 rng(context.seed);
    value *= std::exp(noise * std::normal_distribution<double>(0.0, 1.0)(rng));
  }
  if (x > p.real("nan_above")) value = std::numeric_limits<double>::quiet_NaN();
  PointResult r;
  r.scalars[synthetic::names::metric::value] = value;
  auto& trace = r.series["trace"];
  for (int k = 1; k <= 10; ++k) trace.push_back(value * k / 10.0);
  return r;
}

}  // namespace diffsweep
