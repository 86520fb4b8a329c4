// The transfer-learning (TGDP) report: every metric against the target data size per method row,
// which learned method wins where, the floors, TGDP against its baselines, the regularisers and
// the guidance target, and who memorises (docs/methods.md, section 2.9).
//
// Every comparison is a paired test over replicates (paired_comparison.hpp): the methods of one
// replicate share their target data, evaluation samples and sampler noise. Distances (mmd,
// energy, ...) are better lower; loglik, cond_acc higher.
#include "analysis/report/experiment_reports.hpp"
#include "analysis/transfer/baseline_verdicts.hpp"
#include "analysis/transfer/floor_verdicts.hpp"
#include "analysis/transfer/memorisation_verdicts.hpp"
#include "analysis/transfer/metric_tables.hpp"
#include "analysis/transfer/regulariser_verdicts.hpp"
#include "analysis/transfer/transfer_rows.hpp"
#include "analysis/transfer/winners_table.hpp"
#include "transfer/transfer_names.hpp"

namespace diffsweep::analysis {

namespace tr = transfer::names;

namespace {

void limits(const TransferRows& d, Report& r) {
  const ReplicateCount reps = d.replicates();
  std::size_t undetermined = 0, total = 0;
  for (const auto& c : r.comparisons) {
    ++total;
    if (c.comparison.outcome == Outcome::undetermined || c.comparison.outcome == Outcome::too_few)
      ++undetermined;
  }
  if (total > 0 && undetermined > 0)
    r.cannot_tell.push_back(
        std::to_string(undetermined) + " of " + std::to_string(total) +
        " paired comparisons are undetermined with " + describe(reps) +
        ": their differences are smaller than this many replicates resolve; more replicates "
        "(e.g. tgdp_small_n.ini's 20) would decide them");
  if (reps.median < static_cast<std::size_t>(d.p.min_replicates))
    r.cannot_tell.push_back(describe(reps) + ": too few for any interval (--min-replicates " +
                            std::to_string(d.p.min_replicates) + ")");
  if (!d.n_values.empty())
    r.cannot_tell.push_back("n_target outside [" + fmt(*d.n_values.begin()) + ", " +
                            fmt(*d.n_values.rbegin()) + "]: not swept");
}

}  // namespace

Report transfer_report(const ResultsTable& t, const ReportOptions& options) {
  Report r;
  r.title = "diffsweep report: transfer learning (" + t.path + ")";
  if (!t.has(tr::param::n_target)) {
    r = generic_report(t, options);
    r.notes.push_back("no n_target column: only the generic tables");
    return r;
  }
  if (t.has(tr::param::method) && t.columns.at(tr::param::method).default_value.empty())
    r.notes.push_back(
        "the file records no parameter defaults (written by an older diffsweep): no row can be "
        "told to be plain TGDP, so the comparisons with it are left out");
  const TransferRows d(t, options.parameters);
  floor_verdicts(d, r);
  baseline_verdicts(d, r);
  regulariser_verdicts(d, r);
  memorisation_verdicts(d, r);
  const std::string tables = winners_table(d, r) + metric_tables(d, r);
  limits(d, r);
  r.body = status_table(t) + tables + r.body;
  return r;
}

}  // namespace diffsweep::analysis
