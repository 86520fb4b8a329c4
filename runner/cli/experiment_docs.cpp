#include "runner/cli/experiment_docs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>

#include "common/number_text.hpp"
#include "experiment_registry.hpp"
#include "results_io/results_format.hpp"

namespace diffsweep {

namespace {

std::string range_text(const ParamSpec& s) {
  if (s.type == ParamType::choice) {
    std::string t;
    for (const auto& c : s.choices) t += (t.empty() ? "" : " | ") + c;
    return t;
  }
  if (s.type == ParamType::boolean) return "true | false";
  char buf[64];
  std::snprintf(buf, sizeof buf, "[%g, %g]%s", s.min, s.max, s.auto_value ? " or auto" : "");
  return buf;
}

}  // namespace

void list_experiments(std::ostream& out) {
  for (auto name : experiment_names())
    out << std::left << std::setw(20) << name << make_experiment(name)->summary() << "\n";
}

void describe_experiment(std::ostream& out, const Experiment& e) {
  out << e.name() << ": " << e.summary() << "\n\nparameters (sweep keys):\n";
  for (const auto& p : e.params())
    out << "  " << std::left << std::setw(18) << p.name << std::setw(9) << to_string(p.type)
        << "default " << std::setw(12) << (p.default_value.empty() ? "(unset)" : p.default_value)
        << std::setw(26) << range_text(p) << "  " << p.doc << "\n";
  out << "\nmetrics:\n";
  for (const auto& m : e.metrics()) out << "  " << std::setw(18) << m.name << m.doc << "\n";
}

void print_points(std::ostream& out, const Sweep& sweep, const Experiment&) {
  out << sweep.size() << " points of experiment " << sweep.spec.experiment << " (sweep "
      << sweep.spec.name << ", hash " << results::hex_id(sweep.hash) << ")\n";
  std::vector<std::string> header = {"index", "point_id", "replicate", "seed"};
  header.insert(header.end(), sweep.axis_names.begin(), sweep.axis_names.end());
  const auto row_of = [&](std::size_t i) {
    const SweepPoint p = sweep.point(i);
    std::vector<std::string> row = {std::to_string(p.index), results::hex_id(p.point_id),
                                    std::to_string(p.replicate), std::to_string(p.seed)};
    for (const auto& a : sweep.axis_names) row.push_back(display_text(*sweep.value(i, a)));
    return row;
  };
  // Points are listed as they are built, never held: the columns are as wide as the first
  // rows need (a later, wider value pushes its line along).
  constexpr std::size_t measured = 10000;
  std::vector<std::size_t> width(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
  for (std::size_t i = 0; i < std::min(sweep.size(), measured); ++i) {
    const auto row = row_of(i);
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  }
  const auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c)
      line +=
          (c ? "  " : "") + row[c] +
          std::string(c + 1 < row.size() && row[c].size() < width[c] ? width[c] - row[c].size() : 0,
                      ' ');
    out << line << "\n";
  };
  print(header);
  for (std::size_t i = 0; i < sweep.size(); ++i) print(row_of(i));
}

}  // namespace diffsweep
