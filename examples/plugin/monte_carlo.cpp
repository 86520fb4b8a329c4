// A Monte Carlo estimate of E[exp(x Z)] for a standard normal Z, whose exact value is
// exp(x^2 / 2): how its error falls with the number of samples, and how fast the variance
// exp(2 x^2) - exp(x^2) makes it grow with x. A complete diffsweep experiment plugin.
#include <cmath>
#include <diffsweep/experiment_plugin.hpp>
#include <random>

namespace {

using diffsweep::MetricSpec;
using diffsweep::ParamSpec;
using diffsweep::ParamType;

class MonteCarlo : public diffsweep::Experiment {
 public:
  std::string_view name() const override { return "monte_carlo"; }
  std::string_view summary() const override {
    return "Monte Carlo estimate of E[exp(x Z)], Z ~ N(0, 1) (exactly exp(x^2 / 2))";
  }
  const std::vector<ParamSpec>& params() const override { return params_; }
  const std::vector<MetricSpec>& metrics() const override { return metrics_; }

  // Checks across parameters: each one alone was range-checked against params() already.
  void validate(const diffsweep::Params& p) const override {
    if (p.real("x") > 2 && p.integer("samples") < 100)
      throw diffsweep::ParamError("samples", std::to_string(p.integer("samples")),
                                  "below 100 with x above 2, where the variance is over 2900");
  }

  diffsweep::PointResult run(const diffsweep::Params& p,
                             const diffsweep::PointContext& context) override {
    // Every draw from the point's seed: the result does not depend on who runs it, or when.
    std::mt19937_64 generator(context.seed);
    std::normal_distribution<double> z;
    const double x = p.real("x");
    const std::int64_t n = p.integer("samples");
    double sum = 0;
    for (std::int64_t i = 0; i < n; ++i) sum += std::exp(x * z(generator));
    const double estimate = sum / static_cast<double>(n), exact = std::exp(x * x / 2);
    return {{{"estimate", estimate}, {"rel_error", std::abs(estimate - exact) / exact}}, {}};
  }

 private:
  std::vector<ParamSpec> params_ = {
      {.name = "x",
       .type = ParamType::real,
       .default_value = "1",
       .min = 0,
       .max = 4,
       .doc = "the exponent's scale"},
      {.name = "samples",
       .type = ParamType::integer,
       .default_value = "1000",
       .min = 1,
       .max = 1e8,
       .doc = "samples averaged"},
  };
  std::vector<MetricSpec> metrics_ = {
      {"estimate", "the sample mean of exp(x Z)"},
      {"rel_error", "|estimate - exp(x^2 / 2)| / exp(x^2 / 2)"},
  };
};

}  // namespace

DIFFSWEEP_PLUGIN(MonteCarlo)
