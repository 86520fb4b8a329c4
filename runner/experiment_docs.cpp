#include "experiment_docs.hpp"

#include <cmath>
#include <cstdio>
#include <iomanip>

#include "experiment_registry.hpp"

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
        << std::setw(26) << range_text(p) << p.doc << "\n";
  out << "\nmetrics:\n";
  for (const auto& m : e.metrics()) out << "  " << std::setw(18) << m.name << m.doc << "\n";
}

void print_points(std::ostream& out, const Sweep& sweep, const Experiment& e) {
  out << sweep.points.size() << " points of experiment " << e.name() << " (sweep "
      << sweep.spec.name << ", hash " << hex_id(sweep.hash) << ")\n";
  out << "index  point_id          replicate  seed                  ";
  for (const auto& a : sweep.axis_names) out << a << "  ";
  out << "\n";
  for (const auto& p : sweep.points) {
    out << std::left << std::setw(7) << p.index << hex_id(p.point_id) << "  " << std::setw(11)
        << p.replicate << std::setw(22) << p.seed;
    for (const auto& a : sweep.axis_names)
      out << canonical_text(*find_spec(e.params(), a), p.params.values().find(a)->second) << "  ";
    out << "\n";
  }
}

}  // namespace diffsweep
