// A stand-in for the runner while it is being written: runs the feature_learning experiment over
// the Cartesian product of a sweep's values, one process, one point at a time, and prints a row
// per point with its wall time (bench/feature_learning_summary.py fits and summarises the rows).
// Used to choose the defaults and to time the shipped sweeps. Either a sweep file or key=values:
//   feature_learning_sweep sweeps/fl_fig2.ini [key=values ...]
//   feature_learning_sweep model=diffusion,classification n=16,64 nsnr2=0.75,6.75 replicates=5
// A value list may be a,b,c, linspace(lo, hi, k) or logspace(lo, hi, k) (k points geometric from
// lo to hi). Point seeds are derive_seed(seed, point index * 1000 + replicate), not the runner's.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "feature_learning_experiment.hpp"
#include "seeding.hpp"

using namespace diffsweep;

namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::string> expand(std::string list) {
  list.erase(std::remove(list.begin(), list.end(), ' '), list.end());
  std::vector<std::string> out;
  for (const char* fn : {"logspace", "linspace"}) {
    if (list.rfind(std::string(fn) + "(", 0) != 0) continue;
    double lo, hi;
    int k;
    if (std::sscanf(list.c_str() + std::strlen(fn), "(%lf,%lf,%d)", &lo, &hi, &k) != 3 || k < 2)
      throw std::runtime_error("bad " + std::string(fn) + ": " + list);
    for (int i = 0; i < k; ++i) {
      const double f = i / double(k - 1);
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.6g",
                    fn[1] == 'o' ? lo * std::pow(hi / lo, f) : lo + (hi - lo) * f);
      out.push_back(buf);
    }
    return out;
  }
  std::stringstream ss(list);
  for (std::string item; std::getline(ss, item, ',');) out.push_back(item);
  return out;
}

// [sweep] seed/replicates, [fixed] key = value, [axes] key = values; '#' and ';' start comments.
void read_sweep_file(const std::string& path,
                     std::vector<std::pair<std::string, std::vector<std::string>>>& axes,
                     int& replicates, std::uint64_t& seed) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::string section, line;
  while (std::getline(in, line)) {
    line = trim(line.substr(0, line.find_first_of("#;")));
    if (line.empty()) continue;
    if (line.front() == '[') {
      section = line;
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string::npos) throw std::runtime_error(path + ": expected key = value: " + line);
    const std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    if (section == "[sweep]") {
      if (key == "replicates") replicates = std::stoi(value);
      if (key == "seed") seed = std::stoull(value);
    } else if (section == "[fixed]") {
      axes.push_back({key, {value}});
    } else if (section == "[axes]") {
      axes.push_back({key, expand(value)});
    }
  }
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
    if (arg.size() > 4 && arg.substr(arg.size() - 4) == ".ini") {
      read_sweep_file(arg, axes, replicates, seed);
      continue;
    }
    const auto eq = arg.find('=');
    if (eq == std::string::npos) throw std::runtime_error("expected key=values: " + arg);
    const std::string key = arg.substr(0, eq), value = arg.substr(eq + 1);
    if (key == "replicates")
      replicates = std::stoi(value);
    else if (key == "seed")
      seed = std::stoull(value);
    else if (key == "print_series")
      print_series = value == "1";
    else {
      // A later key=values overrides the sweep file's.
      std::erase_if(axes, [&](const auto& axis) { return axis.first == key; });
      axes.push_back({key, expand(value)});
    }
  }
  std::size_t total = 1;
  for (const auto& [k, v] : axes) total *= v.size();
  std::printf("%-15s %4s %9s %10s %10s %10s %5s %6s %8s %7s %7s %6s\n", "model", "n", "nsnr2", "S",
              "N", "R", "conv", "steps", "grad_rat", "acc", "sec", "cos");
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
      std::printf("%-15s %4lld %9.4g %10.4g %10.4g %10.4g %5.0f %6.0f %8.2g %7.3f %7.2f %6.3f\n",
                  p.choice("model").c_str(), static_cast<long long>(p.integer("n")), s.at("nsnr2_used"),
                  s.at("S"), s.at("N"), s.at("R"), s.at("converged"), s.at("steps"),
                  s.at("grad_norm_ratio"), acc == s.end() ? NAN : acc->second, sec,
                  s.at("mean_patch_cosine"));
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
