// A transfer results table built in memory: every method row at every n_target and replicate,
// each metric's value chosen by the test.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "tests/support/results_table_builder.hpp"

namespace diffsweep::test {

// A luck every row of a replicate shares (the paired tests cancel it), and a small zero-mean
// noise a row may add of its own, per replicate.
inline constexpr double replicate_luck[] = {0.0, 0.03, -0.02, 0.05, -0.01};
inline constexpr double row_noise[] = {0.001, -0.001, 0.0005, -0.0005, 0.0};

struct MethodSpec {
  std::string method;
  std::string oracle = "none";
  double eta1 = 0;
};

// value(k, n, replicate, metric): method k's value of `metric` at n_target n in that replicate.
using MetricValue = std::function<double(std::size_t, double, int, const std::string&)>;

inline results::ResultsTable transfer_table(const std::vector<MethodSpec>& methods,
                                            const std::vector<double>& n_targets, int replicates,
                                            const std::vector<std::string>& metrics,
                                            const MetricValue& value) {
  std::vector<std::string> method, oracle;
  std::vector<double> eta1, n_target, replicate;
  std::vector<std::vector<double>> values(metrics.size());
  for (std::size_t k = 0; k < methods.size(); ++k)
    for (double n : n_targets)
      for (int rep = 0; rep < replicates; ++rep) {
        method.push_back(methods[k].method);
        oracle.push_back(methods[k].oracle);
        eta1.push_back(methods[k].eta1);
        n_target.push_back(n);
        replicate.push_back(rep);
        for (std::size_t j = 0; j < metrics.size(); ++j)
          values[j].push_back(value(k, n, rep, metrics[j]));
      }
  auto t = table_of("transfer", method.size(), {"method", "oracle", "eta1", "n_target"});
  add_text(t, "method", results::Role::parameter, method, "tgdp");
  add_text(t, "oracle", results::Role::parameter, oracle, "none");
  add_numbers(t, "eta1", results::Role::parameter, eta1, "0");
  add_numbers(t, "n_target", results::Role::parameter, n_target, "100");
  add_numbers(t, "replicate", results::Role::point, replicate);
  for (std::size_t j = 0; j < metrics.size(); ++j)
    add_numbers(t, metrics[j], results::Role::metric, values[j]);
  return t;
}

}  // namespace diffsweep::test
