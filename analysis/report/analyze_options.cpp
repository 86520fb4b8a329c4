#include "analysis/report/analyze_options.hpp"

#include <cmath>
#include <filesystem>

#include "common/errors.hpp"
#include "common/number_text.hpp"

namespace diffsweep::analysis {

std::string analyze_usage() {
  std::string s =
      "usage: diffsweep-analyze RESULTS.h5 [-o REPORT_DIR] [--no-plots] [--python PATH]\n"
      "                         [--plot-script PATH] [--dynamics-at NSNR2 ...] "
      "[--include-outside]\n"
      "                         [--PARAMETER VALUE ...]\n"
      "Checks what the theory predicts in a diffsweep results file (finished or not), each "
      "verdict\n"
      "with its interval, and writes REPORT_DIR/report.md, summary.csv, fits.csv, "
      "comparisons.csv\n"
      "and each figure as PDF and PNG; prints the verdicts.\n\n"
      "options:\n"
      "  -o, --output DIR      report directory (created if needed; default: RESULTS without\n"
      "                        .h5, plus -report)\n"
      "  --no-plots            write the plot data but draw no figures\n"
      "  --python PATH         interpreter with matplotlib that draws the figures\n"
      "                        (default /usr/bin/python3)\n"
      "  --plot-script PATH    the drawing script (default: plot.py installed beside this\n"
      "                        program)\n"
      "  --dynamics-at X ...   feature learning: n*SNR^2 values whose S, N training curves\n"
      "                        are drawn (default: the smallest, middle and largest)\n"
      "  --include-outside     also use the points of earlier sweeps of the file that the\n"
      "                        current sweep no longer names (in_sweep false; left out by\n"
      "                        default)\n"
      "  --version             print the version\n"
      "  -h, --help            this help\n\n"
      "analysis parameters (each verdict's thresholds; the report lists them):\n";
  const AnalysisParameters defaults;
  for (const auto& spec : parameter_specs()) {
    std::string line = "  --" + spec.name + " (default " + spec.read(defaults) + ")";
    s += line + "\n      " + spec.meaning + "\n";
  }
  return s;
}

namespace {

// The analysis parameter `--name`, if `arg` is one.
const ParameterSpec* find_parameter(const std::string& arg) {
  if (arg.rfind("--", 0) != 0) return nullptr;
  for (const auto& spec : parameter_specs())
    if (arg.substr(2) == spec.name) return &spec;
  return nullptr;
}

}  // namespace

AnalyzeOptions parse_analyze_options(int argc, const char* const* argv) {
  AnalyzeOptions o;
  const auto value_of = [&](int& i, const std::string& name) {
    if (i + 1 >= argc) throw InputError("option '" + name + "' needs a value (see --help)");
    return std::string(argv[++i]);
  };
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      o.help = true;
    } else if (arg == "--version") {
      o.version = true;
    } else if (arg == "-o" || arg == "--output") {
      o.report_dir = value_of(i, arg);
    } else if (arg == "--include-outside") {
      o.include_outside = true;
    } else if (arg == "--no-plots") {
      o.plots = false;
    } else if (arg == "--python") {
      o.python = value_of(i, arg);
    } else if (arg == "--plot-script") {
      o.plot_script = value_of(i, arg);
    } else if (arg == "--dynamics-at") {
      // Every following argument that is not an option is one value.
      const int first = i + 1;
      while (i + 1 < argc && argv[i + 1][0] != '-') {
        const std::string text = argv[++i];
        const auto v = parse_decimal(text);
        if (!v || !(*v > 0) || !std::isfinite(*v))
          throw InputError("--dynamics-at: value '" + text + "' is not a positive number");
        o.dynamics_at.push_back(*v);
      }
      if (i < first) throw InputError("option '--dynamics-at' needs a value (see --help)");
    } else if (const ParameterSpec* spec = find_parameter(arg)) {
      spec->write(o.parameters, value_of(i, arg));
    } else if (!arg.empty() && arg[0] == '-') {
      throw InputError("unrecognised option '" + arg + "' (see --help)");
    } else if (o.results.empty()) {
      o.results = arg;
    } else {
      throw InputError("more than one results file given: '" + o.results + "' and '" + arg +
                       "' (see --help)");
    }
  }
  if (o.help || o.version) return o;
  if (o.results.empty()) throw InputError("no results file given (see --help)");
  if (o.report_dir.empty()) {
    const std::filesystem::path p(o.results);
    o.report_dir = (p.parent_path() / (p.stem().string() + "-report")).string();
  }
  return o;
}

}  // namespace diffsweep::analysis
