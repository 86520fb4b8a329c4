#include "analysis/report_writer.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>  // environ

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
  out << "group,x_name,x,metric,count,median,q25,q75,min,max\n";
  for (const auto& row : r.summary) {
    const auto& s = row.spread;
    out << csv_field(row.group) << ',' << row.x_name << ',' << num(row.x) << ',' << row.metric
        << ',' << s.count << ',' << num(s.median) << ',' << num(s.q25) << ',' << num(s.q75) << ','
        << num(s.min) << ',' << num(s.max) << '\n';
  }
}

void write_fits_csv(const Report& r, const fs::path& path) {
  auto out = open_out(path);
  out << "group,x_name,y_name,points,slope,slope_lo,slope_hi,intercept,r_squared,crossing,"
         "width_decades\n";
  for (const auto& f : r.fits) {
    const auto& p = f.fit;
    const bool ok = p.valid();
    const double nan = std::nan("");
    out << csv_field(f.group) << ',' << f.x_name << ',' << f.y_name << ',' << p.points << ','
        << num(ok ? p.slope : nan) << ',' << num(ok ? p.slope_lo : nan) << ','
        << num(ok ? p.slope_hi : nan) << ',' << num(ok ? p.intercept : nan) << ','
        << num(ok ? p.r_squared : nan) << ',' << num(f.crossing.value_or(nan)) << ','
        << num(f.width.value_or(nan)) << '\n';
  }
}

// One CSV per plot (series,x,y,lo,hi,points_only) and one JSON index the script reads. The index
// names each CSV relative to itself, so the report folder can be moved and redrawn.
fs::path write_plot_data(const Report& r, const fs::path& dir) {
  const fs::path data_dir = dir / "plot-data";
  fs::create_directories(data_dir);
  nlohmann::json index = nlohmann::json::array();
  for (const Plot& p : r.plots) {
    const std::string csv = p.name + ".csv";
    auto out = open_out(data_dir / csv);
    out << "series,x,y,lo,hi,points_only,dashed,color\n";
    for (const auto& s : p.series)
      for (std::size_t i = 0; i < s.x.size(); ++i)
        out << csv_field(s.label) << ',' << num(s.x[i]) << ',' << num(s.y[i]) << ','
            << (s.lo.empty() ? "" : num(s.lo[i])) << ',' << (s.hi.empty() ? "" : num(s.hi[i]))
            << ',' << (s.points_only ? 1 : 0) << ',' << (s.dashed ? 1 : 0) << ',' << s.color
            << '\n';
    index.push_back({{"name", p.name},
                     {"title", p.title},
                     {"xlabel", p.xlabel},
                     {"ylabel", p.ylabel},
                     {"logx", p.logx},
                     {"logy", p.logy},
                     {"hline", p.hline ? nlohmann::json(*p.hline) : nlohmann::json(nullptr)},
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
  if (options.plot_script.empty()) return "figures not drawn (--no-plots)";
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

void write_markdown(const Report& r, const fs::path& path, bool figures) {
  auto out = open_out(path);
  out << "# " << r.title << "\n\n## Verdicts\n\n";
  for (const auto& v : r.verdicts) out << "- " << v << "\n";
  if (!r.notes.empty()) {
    out << "\n## Notes\n\n";
    for (const auto& n : r.notes) out << "- " << n << "\n";
  }
  out << "\n" << r.body;
  if (figures && !r.plots.empty()) {
    out << "\n## Figures\n\n";
    for (const auto& p : r.plots)
      out << "### " << p.title << "\n\n![" << p.title << "](" << p.name << ".png)\n\n";
  }
  out << "\nData: `summary.csv` (median and spread of each metric per group and x), `fits.csv` "
         "(power-law fits and crossings), `plot-data/` (each figure's points).\n";
}

}  // namespace

void write_report(Report& report, const std::string& dir_text, const WriterOptions& options) {
  const fs::path dir(dir_text);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw StorageError("cannot create report directory " + dir_text + ": " + ec.message());
  write_summary_csv(report, dir / "summary.csv");
  write_fits_csv(report, dir / "fits.csv");
  bool figures = false;
  if (!report.plots.empty()) {
    const fs::path index = write_plot_data(report, dir);
    const std::string problem = draw_plots(options, index, dir);
    figures = problem.empty();
    if (!figures) report.notes.push_back(problem);
  }
  write_markdown(report, dir / "report.md", figures);
}

}  // namespace diffsweep::analysis
