#include "runner/cli/experiment_docs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>

#include "common/install_layout.hpp"
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
  out << std::left << std::setw(20) << "external"
      << "any program that speaks diffsweep's line protocol, named by the sweep file's command "
         "(docs/external-experiments.md; --describe SWEEP.ini)\n";
  out << std::left << std::setw(20) << "plugin:PATH"
      << "a C++ experiment compiled into a shared library against the installed diffsweep "
         "(docs/plugins.md; --describe SWEEP.ini)\n";
}

void describe_experiment(std::ostream& out, const Experiment& e) {
  // Columns as wide as their widest entry, so a long name or range never runs into the next.
  std::size_t name_w = 0, default_w = 0, range_w = 0;
  const auto default_text = [](const ParamSpec& p) {
    return p.default_value.empty() ? std::string("(unset)") : p.default_value;
  };
  for (const auto& p : e.params()) {
    name_w = std::max(name_w, p.name.size());
    default_w = std::max(default_w, default_text(p).size());
    range_w = std::max(range_w, range_text(p).size());
  }
  for (const auto& m : e.metrics()) name_w = std::max(name_w, m.name.size());
  for (const auto& m : e.series()) name_w = std::max(name_w, m.name.size());
  const auto w = [](std::size_t n) { return static_cast<int>(n + 2); };
  out << e.name() << ": " << e.summary() << "\n\nparameters (sweep keys):\n";
  for (const auto& p : e.params())
    out << "  " << std::left << std::setw(w(name_w)) << p.name << std::setw(9) << to_string(p.type)
        << "default " << std::setw(w(default_w)) << default_text(p) << std::setw(w(range_w))
        << range_text(p) << p.doc
        << (p.absent_value.empty()
                ? std::string()
                : " (added later: " + p.absent_value +
                      " computes what the experiment did before it existed; points at " +
                      p.absent_value + " keep their ids)")
        << "\n";
  const auto list = [&](const char* title, const std::vector<MetricSpec>& specs) {
    if (specs.empty()) return;
    out << "\n" << title << ":\n";
    for (const auto& m : specs)
      out << "  " << std::setw(w(name_w)) << m.name << m.doc
          << (m.units.empty() ? "" : " (" + m.units + ")") << "\n";
  };
  list("metrics", e.metrics());
  list("series", e.series());
  out << "\nThe docs/ pages cited above are installed in " << shared_data_dir() << "/docs.\n";
}

void print_points(std::ostream& out, const Sweep& sweep, const PointSelection& selection,
                  const std::vector<std::string>* statuses) {
  std::size_t selected = sweep.size();
  if (!selection.everything()) {
    selected = 0;
    for (std::size_t i = 0; i < sweep.size(); ++i) selected += selection.contains(i);
  }
  out << sweep.size() << " points of experiment " << sweep.spec.experiment << " (sweep "
      << sweep.spec.name << ", hash " << results::hex_id(sweep.hash) << ")";
  if (!selection.everything())
    out << "; " << selected << " selected (" << selection.describe() << ")";
  out << "\n";
  std::vector<std::string> header = {"index", "point_id", "replicate", "seed"};
  if (statuses) header.push_back("status");
  header.insert(header.end(), sweep.axis_names.begin(), sweep.axis_names.end());
  const auto row_of = [&](std::size_t i) {
    const SweepPoint p = sweep.point(i);
    std::vector<std::string> row = {std::to_string(p.index), std::to_string(p.point_id),
                                    std::to_string(p.replicate), std::to_string(p.seed)};
    if (statuses) row.push_back(i < statuses->size() ? (*statuses)[i] : "?");
    for (const auto& a : sweep.axis_names) row.push_back(display_text(*sweep.value(i, a)));
    return row;
  };
  // Points are listed as they are built, never held: the columns are as wide as the first
  // rows need (a later, wider value pushes its line along).
  constexpr std::size_t measured = 10000;
  std::vector<std::size_t> width(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = header[c].size();
  for (std::size_t i = 0, seen = 0; i < sweep.size() && seen < measured; ++i) {
    if (!selection.contains(i)) continue;
    ++seen;
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
  for (std::size_t i = 0; i < sweep.size(); ++i)
    if (selection.contains(i)) print(row_of(i));
}

}  // namespace diffsweep
