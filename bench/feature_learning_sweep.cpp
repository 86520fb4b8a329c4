// A stand-in for the runner while it is being written: runs the feature_learning experiment over
// the Cartesian product of the values given on the command line, one process, one point at a
// time, and prints a row per point with its wall time. Used to choose the defaults and to time
// the shipped sweeps.
//   feature_learning_sweep model=diffusion,classification n=16,64 nsnr2=0.75,6.75 replicates=5
// A value list may also be logspace(lo,hi,k) (k points geometric from lo to hi).
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "feature_learning_experiment.hpp"
#include "seeding.hpp"

using namespace diffsweep;

namespace {

std::vector<std::string> expand(const std::string& list) {
  std::vector<std::string> out;
  if (list.rfind("logspace(", 0) == 0) {
    double lo, hi;
    int k;
    if (std::sscanf(list.c_str(), "logspace(%lf,%lf,%d)", &lo, &hi, &k) != 3 || k < 2)
      throw std::runtime_error("bad logspace: " + list);
    for (int i = 0; i < k; ++i) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.6g", lo * std::pow(hi / lo, i / double(k - 1)));
      out.push_back(buf);
    }
    return out;
  }
  std::stringstream ss(list);
  for (std::string item; std::getline(ss, item, ',');) out.push_back(item);
  return out;
}

}  // namespace

int main(int argc, char** argv) try {
  FeatureLearningExperiment e;
  std::vector<std::pair<std::string, std::vector<std::string>>> axes;
  int replicates = 1;
  std::uint64_t seed = 1;
  bool print_series = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto eq = arg.find('=');
    if (eq == std::string::npos) throw std::runtime_error("expected key=values: " + arg);
    const std::string key = arg.substr(0, eq), value = arg.substr(eq + 1);
    if (key == "replicates")
      replicates = std::stoi(value);
    else if (key == "seed")
      seed = std::stoull(value);
    else if (key == "print_series")
      print_series = value == "1";
    else
      axes.push_back({key, expand(value)});
  }
  std::size_t total = 1;
  for (const auto& [k, v] : axes) total *= v.size();
  std::printf("%-15s %4s %9s %10s %10s %10s %5s %6s %8s %7s %7s\n", "model", "n", "nsnr2", "S", "N",
              "R", "conv", "steps", "grad_rat", "acc", "sec");
  const auto start_all = std::chrono::steady_clock::now();
  for (std::size_t idx = 0; idx < total; ++idx) {
    Params p = default_params(e.params());
    std::size_t rest = idx;
    for (const auto& [key, values] : axes) {
      p.set(key, parse_param_value(*find_spec(e.params(), key), values[rest % values.size()]));
      rest /= values.size();
    }
    e.validate(p);
    for (int rep = 0; rep < replicates; ++rep) {
      const auto start = std::chrono::steady_clock::now();
      const PointResult r = e.run(p, {derive_seed(seed, idx * 1000 + rep), seed, idx});
      const double sec =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const auto& s = r.scalars;
      const auto acc = s.find("test_acc");
      std::printf("%-15s %4lld %9.4g %10.4g %10.4g %10.4g %5.0f %6.0f %8.2g %7.3f %7.2f\n",
                  p.choice("model").c_str(), static_cast<long long>(p.integer("n")), s.at("nsnr2"),
                  s.at("S"), s.at("N"), s.at("R"), s.at("converged"), s.at("steps"),
                  s.at("grad_norm_ratio"), acc == s.end() ? NAN : acc->second, sec);
      if (print_series)
        for (std::size_t k = 0; k < r.series.at("step").size(); ++k)
          std::printf("    step %6.0f  S %10.4g  N %10.4g  R %10.4g  loss %.8g\n",
                      r.series.at("step")[k], r.series.at("S")[k], r.series.at("N")[k],
                      r.series.at("R")[k], r.series.at("loss")[k]);
      std::fflush(stdout);
    }
  }
  std::printf("total %.1f s\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start_all).count());
  return 0;
} catch (const std::exception& ex) {
  std::cerr << "feature_learning_sweep: " << ex.what() << "\n";
  return 1;
}
