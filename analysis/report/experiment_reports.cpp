#include "analysis/report/experiment_reports.hpp"

#include <map>

#include "analysis/report/refine_report.hpp"
#include "analysis/report/sequential_map.hpp"
#include "analysis/report/sequential_report.hpp"
#include "transfer/transfer_names.hpp"

namespace diffsweep::analysis {

namespace {

using ReportFunction = Report (*)(const ResultsTable&, const ReportOptions&);

// Add an experiment's theory checks here.
const std::map<std::string, ReportFunction>& report_functions() {
  static const std::map<std::string, ReportFunction> functions = {
      {"synthetic", synthetic_report},
      {"feature_learning", feature_learning_report},
      {"transfer", transfer_report},
  };
  return functions;
}

// The per-setting number an experiment's map of sequential verdicts prints in each cell.
std::string map_annotation(const std::string& experiment) {
  return experiment == "transfer" ? transfer::names::metric::weight_ess : "";
}

}  // namespace

Report build_report(const ResultsTable& table, const ReportOptions& options) {
  const auto it = report_functions().find(table.experiment);
  Report r;
  if (it != report_functions().end()) {
    r = it->second(table, options);
  } else {
    r = generic_report(table, options);
    r.notes.insert(r.notes.begin(), "no theory checks exist for experiment '" + table.experiment +
                                        "' yet: this is the generic report (status counts and "
                                        "per-metric medians per sweep point)");
  }
  add_refine_findings(table, options.parameters, r);
  add_sequential_findings(table, r);
  add_sequential_map(table, map_annotation(table.experiment), r);
  r.verdicts.insert(r.verdicts.begin(), table.path + ": " + describe_counts(table));
  return r;
}

}  // namespace diffsweep::analysis
