// The contract between the runner and an experiment: parameters in, scalar metrics and named
// series out, every random draw from the point's seed. The runner knows nothing else about an
// experiment, and an experiment knows nothing about MPI or HDF5.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "params.hpp"  // installed beside it (experiment_plugin.hpp)

namespace diffsweep {

struct MetricSpec {
  MetricSpec(std::string name_, std::string doc_, std::string units_ = {})
      : name(std::move(name_)), doc(std::move(doc_)), units(std::move(units_)) {}
  std::string name;
  std::string doc;
  std::string units;  // CF units, as the results file's `units` attribute gives them ("s"); empty
                      // for a pure number
};

// Who a point is. `seed` is derived from (sweep_seed, point_id) and seeds what belongs to this
// point alone. What several points share is seeded from `sweep_seed` and what they share, never
// from a point id or a rank: a pre-trained model from its settings; data that every method of one
// replicate must see (the same target samples, the same sampler noise) from `replicate`.
struct PointContext {
  std::uint64_t seed = 0;
  std::uint64_t sweep_seed = 0;
  std::uint64_t point_id = 0;
  std::int64_t replicate = 0;  // 0 .. replicates-1, the runner's replicate index of this point
};

// A point's outcome. Scalars must be declared in Experiment::metrics(); a scalar that does not
// apply to this point is left out (stored as NaN), while a NaN or infinite value that is present
// marks the point `diverged`. Series are free-form named 1-D arrays.
struct PointResult {
  std::map<std::string, double> scalars;
  std::map<std::string, std::vector<double>> series;
};

class Experiment {
 public:
  virtual ~Experiment() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view summary() const = 0;
  virtual const std::vector<ParamSpec>& params() const = 0;
  virtual const std::vector<MetricSpec>& metrics() const = 0;
  // The series it declares, for --describe (series stay free-form: a built-in one declares none).
  virtual std::vector<MetricSpec> series() const { return {}; }
  // Checks across parameters (each one alone was range-checked already); throws ParamError.
  virtual void validate(const Params& /*params*/) const {}
  // A point run() will be called with after those announced before it, told ahead so that an
  // experiment that runs elsewhere (an external program) can start it while the runner stores
  // the points before it. The runner may stop before it runs an announced point.
  virtual void announce(const Params& /*params*/, const PointContext& /*context*/) {}
  // Not const: an experiment may cache state shared by points (see PointContext::sweep_seed).
  // Throwing marks the point `failed` with the exception's message.
  virtual PointResult run(const Params& params, const PointContext& context) = 0;
};

}  // namespace diffsweep
