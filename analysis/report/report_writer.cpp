#include "analysis/report/report_writer.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>  // environ

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "common/errors.hpp"

namespace diffsweep::analysis {

namespace fs = std::filesystem;

namespace {

// Full precision in the data files: they are for further analysis, not for reading.
std::string num(double v) {
  if (std::isnan(v)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::ofstream open_out(const fs::path& path) {
  std::ofstream out(path);
  if (!out) throw StorageError("cannot write " + path.string());
  return out;
}

void write_summary_csv(const Report& r, const fs::path& path) {
  auto out = open_out(path);
  out << "group,x_name,x,metric,count,median,median_lo,median_hi,q25,q75,min,max\n";
  for (const auto& row : r.summary) {
    const auto& s = row.spread;
    out << csv_field(row.group) << ',' << row.x_name << ',' << num(row.x) << ',' << row.metric
        << ',' << s.count << ',' << num(s.median) << ',' << num(row.median_interval.lo) << ','
        << num(row.median_interval.hi) << ',' << num(s.q25) << ',' << num(s.q75) << ','
        << num(s.min) << ',' << num(s.max) << '\n';
  }
}

void write_fits_csv(const Report& r, const fs::path& path) {
  auto out = open_out(path);
  out << "group,x_name,y_name,points,replicates_min,replicates_median,slope,slope_lo,slope_hi,"
         "intercept,r_squared,crossing,crossing_lo,crossing_hi,width_decades,width_lo,width_hi,"
         "slope_low_end,slope_low_end_lo,slope_low_end_hi,slope_high_end,slope_high_end_lo,"
         "slope_high_end_hi,slope_change_lo,slope_change_hi\n";
  for (const auto& f : r.fits) {
    const auto& p = f.fit;
    const bool ok = p.valid();
    const double nan = std::nan("");
    out << csv_field(f.group) << ',' << f.x_name << ',' << f.y_name << ',' << p.points << ','
        << f.replicates.fewest << ',' << f.replicates.median << ',' << num(ok ? p.slope : nan)
        << ',' << num(f.slope.lo) << ',' << num(f.slope.hi) << ',' << num(ok ? p.intercept : nan)
        << ',' << num(ok ? p.r_squared : nan) << ',' << num(f.crossing.value_or(nan)) << ','
        << num(f.crossing_interval.lo) << ',' << num(f.crossing_interval.hi) << ','
        << num(f.width.value_or(nan)) << ',' << num(f.width_interval.lo) << ','
        << num(f.width_interval.hi) << ',' << num(f.slope_low) << ','
        << num(f.slope_low_interval.lo) << ',' << num(f.slope_low_interval.hi) << ','
        << num(f.slope_high) << ',' << num(f.slope_high_interval.lo) << ','
        << num(f.slope_high_interval.hi) << ',' << num(f.slope_change_interval.lo) << ','
        << num(f.slope_change_interval.hi) << '\n';
  }
}

void write_comparisons_csv(const Report& r, const fs::path& path) {
  auto out = open_out(path);
  out << "where,metric,a,b,outcome,pairs,difference,difference_lo,difference_hi,p_value,"
         "a_better,reference,margin\n";
  for (const auto& row : r.comparisons) {
    const auto& c = row.comparison;
    out << csv_field(row.where) << ',' << row.metric << ',' << csv_field(row.a) << ','
        << csv_field(row.b) << ',' << csv_field(outcome_word(c.outcome)) << ',' << c.pairs << ','
        << num(c.difference.mean) << ',' << num(c.difference.lo) << ',' << num(c.difference.hi)
        << ',' << num(c.difference.p_value) << ',' << c.a_better << ',' << num(c.reference) << ','
        << num(c.margin) << '\n';
  }
}

// One CSV per plot (series,x,y,lo,hi,points_only,dashed,color,role,panel) and one JSON index the
// script reads. The index names each CSV relative to itself, so the report folder can be moved and
// redrawn.
fs::path write_plot_data(const Report& r, const fs::path& dir) {
  const fs::path data_dir = dir / "plot-data";
  fs::create_directories(data_dir);
  nlohmann::json index = nlohmann::json::array();
  for (const Plot& p : r.plots) {
    const std::string csv = p.name + ".csv";
    auto out = open_out(data_dir / csv);
    out << "series,x,y,lo,hi,points_only,dashed,color,role,panel\n";
    for (const auto& s : p.series)
      for (std::size_t i = 0; i < s.x.size(); ++i)
        out << csv_field(s.label) << ',' << num(s.x[i]) << ',' << num(s.y[i]) << ','
            << (s.lo.empty() ? "" : num(s.lo[i])) << ',' << (s.hi.empty() ? "" : num(s.hi[i]))
            << ',' << (s.points_only ? 1 : 0) << ',' << (s.dashed ? 1 : 0) << ',' << s.color << ','
            << s.role << ',' << csv_field(s.panel) << '\n';
    index.push_back({{"name", p.name},
                     {"title", p.title},
                     {"xlabel", p.xlabel},
                     {"ylabel", p.ylabel},
                     {"logx", p.logx},
                     {"logy", p.logy},
                     {"hline", p.hline ? nlohmann::json(*p.hline) : nlohmann::json(nullptr)},
                     {"hline_label", p.hline_label},
                     {"caption", p.caption},
                     {"dodge", p.dodge},
                     {"mark_every_value", p.mark_every_value},
                     {"kind", p.kind},
                     {"csv", csv}});
  }
  const fs::path index_path = data_dir / "plots.json";
  open_out(index_path) << index.dump(2) << "\n";
  return index_path;
}

// Runs argv (no shell: paths may hold any character) with stdout and stderr sent to `log`;
// returns the wait status, or an exit status of 127 when it cannot be started.
int run_logged(const std::vector<std::string>& args, const std::string& log) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int failed = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (failed) return 127 << 8;
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

// Runs the plot script; returns empty on success, else why the figures are missing.
std::string draw_plots(const WriterOptions& options, const fs::path& index, const fs::path& dir) {
  if (!options.draw) return "figures not drawn (--no-plots)";
  if (options.plot_script.empty()) return "figures not drawn: no plot script";
  const fs::path log = dir / "plot-data" / "plot.log";
  const int status =
      run_logged({options.python, options.plot_script, index.string(), dir.string()}, log.string());
  if (status == 0) return {};
  std::ifstream in(log);
  std::string last, line;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::string why;
  if (code == 3)  // plot.py's own status for a failed matplotlib import
    why = "matplotlib is not installed for " + options.python +
          " (Debian: apt-get install python3-matplotlib)";
  else if (code == 127)
    why = "cannot run " + options.python;
  else
    why = "the plot script failed: " + last;
  return "figures not drawn: " + why + "; the plot data are in plot-data/";
}

// report.md as a results section. Figures are numbered in the order the claims first cite them;
// figures no claim cites follow under "Other figures".
void write_markdown(const Report& r, const fs::path& path, bool figures,
                    const WriterOptions& options) {
  auto out = open_out(path);
  out << "# " << r.title << "\n\n";
  out << "Analysed by diffsweep-analyze "
      << (options.version.empty() ? "(version unknown)" : options.version)
      << " with the parameters listed under \"Method and parameters\".\n\n## Verdicts\n\n";
  for (const auto& v : r.verdicts) out << "- " << v << "\n";
  if (!r.notes.empty()) {
    out << "\n## Notes\n\n";
    for (const auto& n : r.notes) out << "- " << n << "\n";
  }
  std::vector<std::string> order;  // plot names by figure number
  const auto number_of = [&](const std::string& name) {
    auto it = std::find(order.begin(), order.end(), name);
    if (it == order.end()) it = order.insert(order.end(), name);
    return static_cast<std::size_t>(it - order.begin()) + 1;
  };
  const auto find_plot = [&](const std::string& name) -> const Plot* {
    for (const auto& p : r.plots)
      if (p.name == name) return &p;
    return nullptr;
  };
  const auto figure = [&](const Plot& p, std::size_t number) {
    out << "\n";
    if (figures) out << "![Figure " << number << ": " << p.title << "](" << p.name << ".png)\n\n";
    out << "*Figure " << number << ".* " << p.title << ". " << p.caption;
    if (figures)
      out << " (" << p.name << ".png; vector: [" << p.name << ".pdf](" << p.name << ".pdf))";
    else
      out << " (data: plot-data/" << p.name << ".csv)";
    out << "\n";
  };
  if (!r.claims.empty()) out << "\n## Results\n";
  for (const auto& c : r.claims) {
    out << "\n### " << c.heading << "\n\n" << c.text;
    std::vector<const Plot*> fresh;
    std::string cited;
    for (const auto& name : c.figures) {
      const Plot* p = find_plot(name);
      if (!p) continue;
      const bool first = std::find(order.begin(), order.end(), name) == order.end();
      cited +=
          (cited.empty() ? "" : ", ") + std::string("Figure ") + std::to_string(number_of(name));
      if (first) fresh.push_back(p);
    }
    if (!cited.empty()) out << " (" << cited << ")";
    out << "\n";
    for (const Plot* p : fresh) figure(*p, number_of(p->name));
  }
  if (!r.cannot_tell.empty()) {
    out << "\n### What this sweep cannot tell\n\n";
    for (const auto& line : r.cannot_tell) out << "- " << line << "\n";
  }
  bool others = false;
  for (const auto& p : r.plots) {
    if (std::find(order.begin(), order.end(), p.name) != order.end()) continue;
    if (!others) out << "\n## Other figures\n";
    others = true;
    figure(p, number_of(p.name));
  }
  out << "\n" << r.body;
  const auto& p = options.parameters;
  out << "\n## Method and parameters\n\n"
      << "- Medians, slopes, crossings and transition widths: " << fmt(100 * p.level)
      << "% percentile bootstrap intervals over replicates (" << p.resamples << " resamples, seed "
      << p.seed
      << "; each verdict draws from its own stream of the seed). Each sweep point's k "
         "replicates are redrawn k - 1 times with replacement, which makes the resampled mean's "
         "variance the unbiased s^2/k; a point with one replicate is held fixed.\n"
      << "- Comparisons between rows: paired over replicates (the rows of one replicate share "
         "data and seeds), the Student-t interval of the mean paired difference and its "
         "two-sided p-value; \"wins\"/\"loses\" when the interval excludes 0, \"ties\" when it "
         "lies within +-tie-margin of the other row's median, else \"undetermined\".\n"
      << "- Fewer replicates per point (or pairs) than min-replicates: \"undetermined\", "
         "whatever the point estimate.\n\n"
      << markdown_table({"parameter", "value", "meaning"}, parameter_table(p))
      << "\nData: `summary.csv` (median, its interval and the spread of each metric per group "
         "and x)"
      << (r.fits.empty() ? "" : ", `fits.csv` (power-law fits and crossings with their intervals)")
      << (r.comparisons.empty() ? "" : ", `comparisons.csv` (every paired test)")
      << (r.plots.empty() ? ""
                          : ", `plot-data/` (each figure's points; `python3 plot.py` in this "
                            "folder redraws the figures)")
      << ".\n";
}

}  // namespace

void write_report(Report& report, const std::string& dir_text, const WriterOptions& options) {
  const fs::path dir(dir_text);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw StorageError("cannot create report directory " + dir_text + ": " + ec.message());
  write_summary_csv(report, dir / "summary.csv");
  // A table with no rows is not written (and one left by an earlier run is removed).
  fs::remove(dir / "fits.csv", ec);
  fs::remove(dir / "comparisons.csv", ec);
  if (!report.fits.empty()) write_fits_csv(report, dir / "fits.csv");
  if (!report.comparisons.empty()) write_comparisons_csv(report, dir / "comparisons.csv");
  bool figures = false;
  if (!report.plots.empty()) {
    const fs::path index = write_plot_data(report, dir);
    if (!options.plot_script.empty()) {
      // The folder's own copy, so it redraws itself wherever it is moved.
      fs::copy_file(options.plot_script, dir / "plot.py", fs::copy_options::overwrite_existing, ec);
      if (ec)
        throw StorageError("cannot copy " + options.plot_script + " into " + dir_text + ": " +
                           ec.message());
    }
    const std::string problem = draw_plots(options, index, dir);
    figures = problem.empty();
    if (!figures) report.notes.push_back(problem);
  }
  write_markdown(report, dir / "report.md", figures, options);
}

}  // namespace diffsweep::analysis
