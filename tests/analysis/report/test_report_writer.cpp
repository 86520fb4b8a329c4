// A Report written into a folder: the CSV tables at full precision, a table with no rows left
// out, each plot's data and index, report.md's sections and figure numbering, and the note left
// when the figures cannot be drawn. The plot "interpreter" is /bin/sh running a one-line script,
// so every outcome of drawing is chosen by the test.
#define BOOST_TEST_MODULE report_writer
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analysis/report/report_writer.hpp"
#include "common/errors.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;
namespace fs = std::filesystem;

namespace {

// A fresh folder of this test's own under the system's temporary one, removed at the end.
struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("report_writer_test_" + std::to_string(::getpid()));
  Scratch() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Scratch() { fs::remove_all(dir); }
  fs::path script(const std::string& body) const {
    const fs::path p = dir / "plot.sh";
    std::ofstream(p) << body << "\n";
    return p;
  }
};

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

Plot plot(const std::string& name, const std::string& title) {
  Plot p;
  p.name = name;
  p.title = title;
  p.xlabel = "x";
  p.ylabel = "y";
  p.caption = "Caption of " + name + ".";
  PlotSeries s;
  s.label = "a, b";
  s.x = {1, 10};
  s.y = {0.5, std::nan("")};
  s.lo = {0.25, 1};
  s.hi = {0.75, 2};
  s.color = 2;
  s.panel = "p=1";
  p.series.push_back(s);
  return p;
}

// Two claims citing three plots (the second claim cites the first's figure again) and one plot
// no claim cites.
Report report() {
  Report r;
  r.title = "Test report";
  r.verdicts = {"first verdict", "second verdict"};
  r.notes = {"a note"};
  r.claims = {{"Claim one", "Evidence one.", {"beta", "missing"}},
              {"Claim two", "Evidence two.", {"alpha", "beta"}}};
  r.cannot_tell = {"too few replicates"};
  r.body = "## Tables\n\nbody text\n";
  Spread s;
  s.count = 3;
  s.median = 0.1;
  s.q25 = 0.05;
  s.q75 = 0.2;
  s.min = 0;
  s.max = 1;
  r.summary.push_back({"model=a, n=2", "x", 0.5, "mse", s, Interval{0.01, 0.3, 1}});
  r.plots = {plot("alpha", "Alpha"), plot("beta", "Beta"), plot("gamma", "Gamma")};
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(summary_and_comparisons_are_written_at_full_precision) {
  Scratch scratch;
  Report r = report();
  Comparison c;
  c.pairs = 5;
  c.difference.mean = -0.05;
  c.difference.lo = -0.07;
  c.difference.hi = -0.03;
  c.difference.p_value = 0.003;
  c.a_better = 5;
  c.reference = 0.2;
  c.margin = 0.02;
  c.outcome = Outcome::wins;
  r.comparisons.push_back({"n_target=10", "mmd", "tgdp", "a \"b\"", c});
  WriterOptions o;
  o.draw = false;
  write_report(r, (scratch.dir / "out").string(), o);
  const fs::path out = scratch.dir / "out";
  BOOST_TEST(read(out / "summary.csv") ==
             "group,x_name,x,metric,count,median,median_lo,median_hi,q25,q75,min,max\n"
             "\"model=a, n=2\",x,0.5,mse,3,0.10000000000000001,0.01,0.29999999999999999,"
             "0.050000000000000003,0.20000000000000001,0,1\n");
  BOOST_TEST(read(out / "comparisons.csv") ==
             "where,metric,a,b,outcome,pairs,difference,difference_lo,difference_hi,p_value,"
             "a_better,reference,margin\n"
             "n_target=10,mmd,tgdp,\"a \"\"b\"\"\",wins,5,-0.050000000000000003,"
             "-0.070000000000000007,-0.029999999999999999,0.0030000000000000001,5,"
             "0.20000000000000001,0.02\n");
  BOOST_TEST(!fs::exists(out / "fits.csv"));  // no fits: no table
}

BOOST_AUTO_TEST_CASE(a_table_left_by_an_earlier_run_is_removed_when_it_has_no_rows) {
  Scratch scratch;
  const fs::path out = scratch.dir / "out";
  Report first = report();
  FitRow f;
  f.group = "all";
  f.x_name = "x";
  f.y_name = "value";
  f.fit.points = 4;
  f.fit.slope = 2;
  f.fit.intercept = 0;
  f.fit.r_squared = 1;
  f.crossing = 3;
  first.fits.push_back(f);
  WriterOptions o;
  o.draw = false;
  write_report(first, out.string(), o);
  BOOST_TEST(read(out / "fits.csv").find("\nall,x,value,4,0,0,2,,,0,1,3,,,,,,,,,,,,,\n") !=
                 std::string::npos,
             read(out / "fits.csv"));
  Report second = report();
  write_report(second, out.string(), o);
  BOOST_TEST(!fs::exists(out / "fits.csv"));
}

BOOST_AUTO_TEST_CASE(each_plot_has_its_data_and_an_entry_in_the_index) {
  Scratch scratch;
  Report r = report();
  WriterOptions o;
  o.draw = false;
  write_report(r, scratch.dir.string(), o);
  BOOST_TEST(read(scratch.dir / "plot-data" / "alpha.csv") ==
             "series,x,y,lo,hi,points_only,dashed,color,role,panel\n"
             "\"a, b\",1,0.5,0.25,0.75,0,0,2,data,p=1\n"
             "\"a, b\",10,,1,2,0,0,2,data,p=1\n");
  const std::string index = read(scratch.dir / "plot-data" / "plots.json");
  BOOST_TEST(has(index, "\"csv\": \"gamma.csv\""));
  BOOST_TEST(has(index, "\"caption\": \"Caption of beta.\""));
  BOOST_TEST(has(index, "\"hline\": null"));
  BOOST_TEST(!fs::exists(scratch.dir / "plot.py"));  // no script: nothing to copy
}

BOOST_AUTO_TEST_CASE(report_md_numbers_figures_in_the_order_claims_cite_them) {
  Scratch scratch;
  Report r = report();
  WriterOptions o;
  o.draw = false;
  o.version = "9.9";
  write_report(r, scratch.dir.string(), o);
  const std::string md = read(scratch.dir / "report.md");
  BOOST_TEST(
      md.rfind("# Test report\n\nAnalysed by diffsweep-analyze 9.9 with the parameters", 0) == 0u);
  BOOST_TEST(has(md, "## Verdicts\n\n- first verdict\n- second verdict\n"));
  BOOST_TEST(has(md, "## Notes\n\n- a note\n- figures not drawn (--no-plots)\n"));
  // beta is cited first: Figure 1; a plot name no plot has is not cited.
  BOOST_TEST(has(md,
                 "### Claim one\n\nEvidence one. (Figure 1)\n\n*Figure 1.* Beta. Caption of "
                 "beta. (data: plot-data/beta.csv)\n"),
             md);
  BOOST_TEST(has(md, "### Claim two\n\nEvidence two. (Figure 2, Figure 1)\n\n*Figure 2.* Alpha."),
             md);
  BOOST_TEST(has(md, "### What this sweep cannot tell\n\n- too few replicates\n"));
  BOOST_TEST(has(md, "## Other figures\n\n*Figure 3.* Gamma. Caption of gamma."), md);
  BOOST_TEST(has(md, "## Tables\n\nbody text\n"));
  BOOST_TEST(
      has(md, "95% percentile bootstrap intervals over replicates (2000 resamples, seed 1;"));
  BOOST_TEST(has(md, "| `--tie-margin` | 0.1 (default) |"));
  BOOST_TEST(has(md,
                 "Data: `summary.csv` (median, its interval and the spread of each metric per "
                 "group and x), `plot-data/` (each figure's points;"));
  BOOST_TEST(!has(md, "fits.csv"));
  BOOST_TEST(!has(md, "!["));
  BOOST_TEST(r.notes.back() == "figures not drawn (--no-plots)");
}

BOOST_AUTO_TEST_CASE(drawn_figures_are_embedded_and_the_script_is_copied) {
  Scratch scratch;
  Report r = report();
  WriterOptions o;
  o.python = "/bin/sh";
  o.plot_script = scratch.script("exit 0").string();
  const fs::path out = scratch.dir / "out";
  write_report(r, out.string(), o);
  BOOST_TEST(read(out / "plot.py") == "exit 0\n");
  const std::string md = read(out / "report.md");
  BOOST_TEST(has(md,
                 "![Figure 1: Beta](beta.png)\n\n*Figure 1.* Beta. Caption of beta. (beta.png; "
                 "vector: [beta.pdf](beta.pdf))\n"),
             md);
  BOOST_TEST(has(md, "Analysed by diffsweep-analyze (version unknown)"));
  BOOST_TEST(r.notes == std::vector<std::string>{"a note"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_failed_drawing_leaves_a_note_naming_why) {
  Scratch scratch;
  WriterOptions o;
  o.python = "/bin/sh";
  {
    Report r = report();
    o.plot_script = scratch.script("exit 3").string();
    write_report(r, (scratch.dir / "a").string(), o);
    BOOST_TEST(r.notes.back() ==
               "figures not drawn: matplotlib is not installed for /bin/sh (Debian: apt-get "
               "install python3-matplotlib); the plot data are in plot-data/");
  }
  {
    Report r = report();
    o.plot_script = scratch.script("echo first; echo 'no such font'; echo; exit 1").string();
    write_report(r, (scratch.dir / "b").string(), o);
    BOOST_TEST(r.notes.back() ==
               "figures not drawn: the plot script failed: no such font; the plot data are in "
               "plot-data/");
    BOOST_TEST(has(read(scratch.dir / "b" / "report.md"), "(data: plot-data/beta.csv)"));
  }
  {
    Report r = report();
    o.python = (scratch.dir / "no-such-python").string();
    write_report(r, (scratch.dir / "c").string(), o);
    BOOST_TEST(r.notes.back() ==
               "figures not drawn: cannot run " + o.python + "; the plot data are in plot-data/");
  }
}

BOOST_AUTO_TEST_CASE(a_folder_that_cannot_be_made_is_a_storage_error) {
  Scratch scratch;
  std::ofstream(scratch.dir / "file") << "x";
  Report r = report();
  WriterOptions o;
  o.draw = false;
  BOOST_CHECK_THROW(write_report(r, (scratch.dir / "file" / "sub").string(), o), StorageError);
}
