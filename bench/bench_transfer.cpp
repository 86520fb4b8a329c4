// Times one point of the transfer experiment per method at the default settings (tgdp with each
// guidance estimator; the exact ratio with the regression it replaces), or with the
// overrides given as key=value arguments, on one core, after building the source model once;
// prints each point's phase timings and metrics.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "transfer/transfer_experiment.hpp"

using namespace diffsweep;
using namespace diffsweep::transfer;

int main(int argc, char** argv) {
  TransferExperiment e;
  Params base = default_params(e.params());
  std::vector<std::pair<std::string, std::string>> rows = {{"method", "exact_target"},
                                                           {"method", "source_only"},
                                                           {"method", "target_only"},
                                                           {"method", "finetune"},
                                                           {"oracle", "guidance"},
                                                           {"oracle", "ratio"},
                                                           {"guidance_estimator", "regression"},
                                                           {"oracle", "none"}};
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string kv = argv[i];
      const auto eq = kv.find('=');
      const std::string k = kv.substr(0, eq), v = kv.substr(eq + 1);
      const ParamSpec* spec = find_spec(e.params(), k);
      if (eq == std::string::npos || !spec) {
        std::fprintf(stderr, "bench_transfer: '%s' is not key=value with a known key\n", argv[i]);
        return 2;
      }
      base.set(k, parse_param_value(*spec, v));
    }
  } catch (const ParamError& err) {
    std::fprintf(stderr, "bench_transfer: %s\n", err.what());
    return 2;
  }
  const PointContext context{1, 1, 0};
  for (const auto& [key, value] : rows) {
    Params p = base;
    p.set(key, parse_param_value(*find_spec(e.params(), key), value));
    if (key == "oracle" || key == "guidance_estimator") p.set("method", std::string("tgdp"));
    // The exact ratio replaces the regression's.
    if (value == "ratio") p.set("guidance_estimator", std::string("regression"));
    // CPU time as well as wall time: on a shared machine the wall time also counts waiting.
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    const PointResult r = e.run(p, context);
    const double cpu = double(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-8s %-13s wall %6.2f s cpu %6.2f s (", key.c_str(), value.c_str(), seconds, cpu);
    for (const auto& [name, v] : r.scalars)
      if (name.rfind("time_", 0) == 0) std::printf(" %s %.2f", name.c_str() + 5, v);
    std::printf(" )\n   ");
    for (const auto& [name, v] : r.scalars)
      if (name.rfind("time_", 0) != 0) std::printf(" %s %.4g", name.c_str(), v);
    std::printf("\n");
    std::fflush(stdout);
  }
}
