#include "runner/cli/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <sstream>

#include "common/number_text.hpp"

namespace diffsweep {

namespace {

double median(std::vector<double> v) {
  if (v.empty()) return std::nan("");
  std::sort(v.begin(), v.end());
  const std::size_t h = v.size() / 2;
  return v.size() % 2 ? v[h] : 0.5 * (v[h - 1] + v[h]);
}

}  // namespace

void print_summary(std::ostream& out, const std::string& output, const Sweep& sweep,
                   const Experiment& experiment, const std::vector<PointRecord>& records,
                   std::size_t max_rows) {
  const StatusCounts counts = count_statuses(records);
  out << "results: " << output << "  (" << records.size() << " points: " << counts.done << " done, "
      << counts.failed << " failed, " << counts.diverged << " diverged, " << counts.not_run()
      << " not run)\n";

  // The first metrics an experiment declares are its main ones; a terminal is not wide enough
  // for all of a rich experiment's (the file has every one).
  constexpr std::size_t max_metrics = 8;
  const auto& all_metrics = experiment.metrics();
  const std::vector<MetricSpec> metrics(
      all_metrics.begin(), all_metrics.begin() + std::min(all_metrics.size(), max_metrics));
  std::vector<std::string> header(sweep.axis_names);
  header.push_back("done");
  for (const auto& m : metrics) header.push_back(m.name);
  std::vector<std::vector<std::string>> rows;
  const auto k = static_cast<std::size_t>(sweep.spec.replicates);
  for (std::size_t g = 0; g * k < records.size(); ++g) {
    std::vector<std::string> row;
    const auto& params = sweep.points[g * k].params;
    for (const auto& a : sweep.axis_names)
      row.push_back(display_text(params.values().find(a)->second));
    std::size_t done = 0;
    for (std::size_t r = 0; r < k; ++r) done += records[g * k + r].status == PointStatus::done;
    row.push_back(std::to_string(done) + "/" + std::to_string(k));
    for (const auto& m : metrics) {
      std::vector<double> values;
      for (std::size_t r = 0; r < k; ++r) {
        const auto& rec = records[g * k + r];
        if (rec.status != PointStatus::done) continue;
        if (auto it = rec.result.scalars.find(m.name); it != rec.result.scalars.end())
          values.push_back(it->second);
      }
      row.push_back(display_number(median(values)));
    }
    rows.push_back(std::move(row));
  }
  const std::size_t shown = std::min(rows.size(), max_rows);
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (std::size_t r = 0; r < shown; ++r) width[c] = std::max(width[c], rows[r][c].size());
  }
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c)
      out << (c ? "  " : "") << std::setw(static_cast<int>(width[c])) << cells[c];
    out << "\n";
  };
  out << "median over replicates per grid point"
      << (all_metrics.size() > metrics.size()
              ? " (" + std::to_string(all_metrics.size() - metrics.size()) +
                    " more metrics in the file)"
              : std::string())
      << ":\n";
  line(header);
  for (std::size_t r = 0; r < shown; ++r) line(rows[r]);
  if (rows.size() > shown) out << "... " << rows.size() - shown << " more grid points\n";
  std::size_t errors_shown = 0;
  for (const auto& r : records) {
    if ((r.status == PointStatus::failed || r.status == PointStatus::diverged) &&
        errors_shown < 3) {
      out << "point " << r.index << " " << to_string(r.status) << ": " << r.error << "\n";
      ++errors_shown;
    }
  }
}

}  // namespace diffsweep
