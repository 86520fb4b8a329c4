// The researcher's second day, end to end: retry, subsets, shards and merge, overrides, status,
// export and --dry-run against a file.
#define BOOST_TEST_MODULE daily_loop
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "results_io/hdf5.hpp"
#include "tests/support/results_checks.hpp"
#include "tests/support/subprocess.hpp"

using namespace diffsweep;
namespace fs = std::filesystem;

namespace {

const std::string bin = DIFFSWEEP_BIN;

// 20 points, of which the seeds make some fail (flaky = 0.2).
std::string flaky_sweep(const std::string& dir) {
  const std::string path = dir + "/demo.ini";
  test::write_text(path,
                   "[sweep]\nname = demo\nexperiment = synthetic\nseed = 3\nreplicates = 2\n"
                   "[fixed]\nflaky = 0.2\nnoise = 0.1\n[axes]\nx = linspace(1, 10, 10)\n");
  return path;
}

std::vector<std::string> text_column(const std::string& h5_path, const std::string& name) {
  h5::Handle f = h5::open_file_read(h5_path);
  h5::Handle points = h5::open_group(f.get(), "points");
  return h5::read_strings(points.get(), name);
}

std::vector<std::uint64_t> u64_column(const std::string& h5_path, const std::string& name) {
  h5::Handle f = h5::open_file_read(h5_path);
  h5::Handle points = h5::open_group(f.get(), "points");
  return h5::read_u64(points.get(), name);
}

std::string attribute(const std::string& h5_path, const std::string& name) {
  h5::Handle f = h5::open_file_read(h5_path);
  return h5::read_string_attribute(f.get(), name);
}

std::size_t count_of(const std::vector<std::string>& v, const std::string& s) {
  return static_cast<std::size_t>(std::count(v.begin(), v.end(), s));
}

bool same_doubles(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  return true;
}

}  // namespace

BOOST_AUTO_TEST_CASE(retry_reruns_exactly_the_failed_points_and_keeps_their_errors) {
  const std::string dir = test::fresh_dir("loop-retry");
  const std::string sweep = flaky_sweep(dir), out = dir + "/r.h5";
  BOOST_TEST_REQUIRE(test::run_process({bin, sweep, "-o", out, "-q"}, dir).status == 0);
  const auto status0 = test::statuses(out);
  const auto value0 = test::column(out, "value");
  const auto seed0 = u64_column(out, "seed");
  const auto error0 = text_column(out, "error");
  const std::size_t failed = count_of(status0, "failed");
  BOOST_TEST_REQUIRE(failed > 0u);

  // Same seeds: the same draws fail again, and each failed row now says it ran twice.
  const auto same = test::run_process({bin, sweep, "-o", out, "-q", "--retry", "failed"}, dir);
  BOOST_TEST(same.status == 0, same.err);
  const std::string planned = std::to_string(20 - failed) + " of 20 points already finished, " +
                              std::to_string(failed) + " to run";
  BOOST_TEST(same.err.find(planned) != std::string::npos, same.err);
  BOOST_TEST(test::statuses(out) == status0, boost::test_tools::per_element());
  BOOST_TEST(u64_column(out, "seed") == seed0, boost::test_tools::per_element());
  BOOST_TEST(same_doubles(test::column(out, "value"), value0));
  const auto attempts = test::column(out, "attempts");
  const auto earlier = text_column(out, "earlier_errors");
  for (std::size_t i = 0; i < status0.size(); ++i) {
    BOOST_TEST(attempts[i] == (status0[i] == "failed" ? 2.0 : 1.0));
    BOOST_TEST(earlier[i] == (status0[i] == "failed" ? error0[i] : std::string()));
  }
  BOOST_TEST(attribute(out, "selection") == "retry failed");

  // New seeds: only the failed rows change seed; done rows keep value and seed bit for bit.
  const auto re =
      test::run_process({bin, sweep, "-o", out, "-q", "--retry", "failed", "--reseed"}, dir);
  BOOST_TEST(re.status == 0, re.err);
  const auto status1 = test::statuses(out);
  const auto seed1 = u64_column(out, "seed");
  const auto value1 = test::column(out, "value");
  const auto attempts1 = test::column(out, "attempts");
  std::size_t recovered = 0;
  for (std::size_t i = 0; i < status0.size(); ++i) {
    if (status0[i] == "done") {
      BOOST_TEST(seed1[i] == seed0[i]);
      BOOST_TEST(value1[i] == value0[i]);
      continue;
    }
    BOOST_TEST(seed1[i] != seed0[i]);
    BOOST_TEST(attempts1[i] == 3.0);
    BOOST_TEST(text_column(out, "earlier_errors")[i].find(" | ") != std::string::npos);
    recovered += status1[i] == "done";
  }
  BOOST_TEST(recovered > 0u);  // each fails again with probability 0.2
  BOOST_TEST(count_of(status1, "failed") == failed - recovered);
  // The summary lists the points failed now, not the errors the retry replaced.
  for (std::size_t i = 0; i < status1.size(); ++i) {
    const bool listed =
        re.out.find("point " + std::to_string(i) + " failed: ") != std::string::npos;
    if (status1[i] != "failed") BOOST_TEST(!listed, "point " << i << " listed:\n" << re.out);
  }
  if (count_of(status1, "failed") > 0)
    BOOST_TEST(re.out.find(" failed: ") != std::string::npos, re.out);

  // Nothing planned: says so and writes nothing.
  const auto mtime = fs::last_write_time(out);
  const auto none = test::run_process({bin, sweep, "-o", out}, dir);
  BOOST_TEST(none.err.find("nothing to do") != std::string::npos, none.err);
  BOOST_TEST(none.err.find("points/s") == std::string::npos, none.err);
  BOOST_TEST((fs::last_write_time(out) == mtime));
}

BOOST_AUTO_TEST_CASE(only_runs_the_matching_points_and_the_rest_stay_pending) {
  const std::string dir = test::fresh_dir("loop-only");
  const std::string sweep = flaky_sweep(dir), out = dir + "/o.h5";
  const auto r = test::run_process({bin, sweep, "-o", out, "-q", "--only", "x=3"}, dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  auto s = test::statuses(out);
  BOOST_TEST(count_of(s, "pending") == 18u);
  BOOST_TEST(s[4] != "pending");
  BOOST_TEST(s[5] != "pending");
  BOOST_TEST(attribute(out, "selection") == "only x=3");
  BOOST_TEST(test::run_process({bin, sweep, "-o", out, "-q", "--only", "0-1,19"}, dir).status == 0);
  s = test::statuses(out);
  BOOST_TEST(count_of(s, "pending") == 15u);
  BOOST_TEST((s[0] != "pending" && s[1] != "pending" && s[19] != "pending"));

  const auto bad = test::run_process({bin, sweep, "-o", out, "--only", "colour=red"}, dir);
  BOOST_TEST(bad.status == 2);
  BOOST_TEST(bad.err.find("'colour' is not a parameter") != std::string::npos, bad.err);
  const auto range = test::run_process({bin, sweep, "-o", out, "--only", "30-40"}, dir);
  BOOST_TEST(range.status == 2);

  // A filter that matches no point: says so, exit 2, and no file shows it ran.
  const std::string none = dir + "/none.h5";
  const auto no_match = test::run_process({bin, sweep, "-o", none, "--only", "x=3.5"}, dir);
  BOOST_TEST(no_match.status == 2);
  BOOST_TEST(no_match.err.find("matches none of the sweep's 20 points") != std::string::npos,
             no_match.err);
  BOOST_TEST(!fs::exists(none));
  BOOST_TEST(!fs::exists(none + ".journal"));

  // replicate=K picks one replicate (rows alternate: replicate 0, 1).
  const std::string one = dir + "/replicate.h5";
  const auto rep = test::run_process({bin, sweep, "-o", one, "-q", "--only", "replicate=1"}, dir);
  BOOST_TEST_REQUIRE(rep.status == 0, rep.err);
  const auto only_1 = test::statuses(one);
  BOOST_TEST(only_1.size() == 20u);
  for (std::size_t i = 0; i < only_1.size(); ++i)
    BOOST_TEST((only_1[i] == "pending") == (i % 2 == 0), "row " << i << ": " << only_1[i]);

  // --dry-run with -o: each selected point with its status in that file.
  const auto dry =
      test::run_process({bin, sweep, "-o", out, "--dry-run", "--only", "x=3,0-19"}, dir);
  BOOST_TEST(dry.status == 0);
  BOOST_TEST(dry.out.find("2 selected (only x=3,0-19)") != std::string::npos, dry.out);
  BOOST_TEST(dry.out.find(" status ") != std::string::npos, dry.out);
  BOOST_TEST(dry.out.find(" pending ") == std::string::npos, dry.out);
  const auto all = test::run_process({bin, sweep, "-o", out, "--dry-run"}, dir);
  std::size_t pending_lines = 0;
  std::istringstream lines(all.out);
  for (std::string line; std::getline(lines, line);)
    pending_lines += line.find(" pending ") != std::string::npos;
  BOOST_TEST(pending_lines == 15u);
}

BOOST_AUTO_TEST_CASE(shards_merge_into_the_file_one_run_gives) {
  const std::string dir = test::fresh_dir("loop-shards");
  fs::current_path(dir);  // default output names are relative to it
  const std::string sweep = flaky_sweep(dir), whole = dir + "/whole.h5";
  BOOST_TEST_REQUIRE(test::run_process({bin, sweep, "-o", whole, "-q"}, dir).status == 0);
  for (const char* k : {"1/3", "2/3", "3/3"})
    BOOST_TEST_REQUIRE(test::run_process({bin, sweep, "-q", "--shard", k}, dir).status == 0);
  const std::string s1 = dir + "/results/demo.shard-1-of-3.h5",
                    s2 = dir + "/results/demo.shard-2-of-3.h5",
                    s3 = dir + "/results/demo.shard-3-of-3.h5";
  BOOST_TEST(count_of(test::statuses(s1), "pending") == 13u);  // indices 0, 3, ..., 18 ran
  const std::string merged = dir + "/merged.h5";
  const auto m = test::run_process({bin, "merge", merged, s1, s2, s3}, dir);
  BOOST_TEST_REQUIRE(m.status == 0, m.err);
  BOOST_TEST(test::statuses(merged) == test::statuses(whole), boost::test_tools::per_element());
  BOOST_TEST(same_doubles(test::column(merged, "value"), test::column(whole, "value")));
  BOOST_TEST(u64_column(merged, "seed") == u64_column(whole, "seed"),
             boost::test_tools::per_element());
  BOOST_TEST(text_column(merged, "error") == text_column(whole, "error"),
             boost::test_tools::per_element());
  BOOST_TEST(!attribute(merged, "ended").empty());

  // The merged file is an output like any other: the sweep resumes into it.
  const auto resumed = test::run_process({bin, sweep, "-o", merged, "--retry", "failed"}, dir);
  BOOST_TEST(resumed.status == 0, resumed.err);
  BOOST_TEST(count_of(text_column(merged, "earlier_errors"), "") ==
             count_of(test::statuses(whole), "done"));

  // Two shards only: the third's points stay pending.
  const auto part = test::run_process({bin, "merge", dir + "/part.h5", s1, s2}, dir);
  BOOST_TEST(part.status == 0);
  BOOST_TEST(count_of(test::statuses(dir + "/part.h5"), "pending") == 6u);

  // Refused: an existing output, another sweep, a point with two different outcomes.
  BOOST_TEST(test::run_process({bin, "merge", merged, s1}, dir).status == 2);
  const std::string other = dir + "/other.ini";
  test::write_text(other,
                   "[sweep]\nname = demo\nexperiment = synthetic\nseed = 4\n"
                   "replicates = 2\n[axes]\nx = linspace(1, 10, 10)\n");
  BOOST_TEST_REQUIRE(test::run_process({bin, other, "-o", dir + "/other.h5", "-q"}, dir).status ==
                     0);
  const auto different =
      test::run_process({bin, "merge", dir + "/m2.h5", s1, dir + "/other.h5"}, dir);
  BOOST_TEST(different.status == 2);
  BOOST_TEST(different.err.find("holds another sweep") != std::string::npos, different.err);
  BOOST_TEST(!fs::exists(dir + "/m2.h5"));
  const std::string tampered = dir + "/tampered.h5";
  fs::copy_file(whole, tampered);
  {
    h5::Handle f = h5::open_file_write(tampered);
    h5::Handle points = h5::open_group(f.get(), "points");
    h5::Handle value = h5::open_dataset(points.get(), "value");
    h5::write_rows(value.get(), {0}, std::vector<double>{-1.0});
  }
  const auto conflict = test::run_process({bin, "merge", dir + "/m3.h5", whole, tampered}, dir);
  BOOST_TEST(conflict.status == 2);
  BOOST_TEST(conflict.err.find("point 0") != std::string::npos, conflict.err);
  BOOST_TEST(conflict.err.find("different results") != std::string::npos, conflict.err);
  BOOST_TEST(!fs::exists(dir + "/m3.h5"));
  BOOST_TEST(!fs::exists(dir + "/m3.h5.journal"));
}

BOOST_AUTO_TEST_CASE(overrides_make_another_sweep_named_and_recorded_as_given) {
  const std::string dir = test::fresh_dir("loop-overrides");
  fs::current_path(dir);
  const std::string sweep = flaky_sweep(dir);
  const auto r = test::run_process({bin, sweep, "flaky=0", "x=1,2,3", "-q"}, dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  const std::string out = dir + "/results/demo+flaky=0+x=1_2_3.h5";
  BOOST_TEST_REQUIRE(fs::exists(out));
  const auto s = test::statuses(out);
  BOOST_TEST(s.size() == 6u);
  BOOST_TEST(count_of(s, "done") == 6u);
  BOOST_TEST(attribute(out, "overrides") == "flaky=0\nx=1,2,3");
  BOOST_TEST(test::column(out, "x") == (std::vector<double>{1, 1, 2, 2, 3, 3}),
             boost::test_tools::per_element());

  // A fixed key given several values becomes an axis; a new key, fixed; sweep.seed changes seeds.
  const auto axis = test::run_process({bin, sweep, "noise=0,0.5", "exponent=2", "--dry-run"}, dir);
  BOOST_TEST(axis.status == 0, axis.err);
  BOOST_TEST(axis.out.find("40 points") == 0, axis.out);
  const auto a = test::run_process({bin, sweep, "--dry-run"}, dir);
  const auto b = test::run_process({bin, sweep, "sweep.seed=4", "--dry-run"}, dir);
  BOOST_TEST(a.out != b.out);

  const auto bad = test::run_process({bin, sweep, "x=1,banana"}, dir);
  BOOST_TEST(bad.status == 2);
  BOOST_TEST(bad.err.find("the command line") != std::string::npos, bad.err);
  BOOST_TEST(bad.err.find("banana") != std::string::npos, bad.err);
  BOOST_TEST(test::run_process({bin, sweep, "colour=red"}, dir).status == 2);
}

BOOST_AUTO_TEST_CASE(the_file_records_the_batch_job_and_task_that_ran_it) {
  const std::string dir = test::fresh_dir("loop-job");
  const std::string sweep = flaky_sweep(dir), out = dir + "/job.h5";
  // As Slurm sets them for task 2 of array job 4240 (its own job id is 4242).
  setenv("SLURM_JOB_ID", "4242", 1);
  setenv("SLURM_ARRAY_JOB_ID", "4240", 1);
  setenv("SLURM_ARRAY_TASK_ID", "2", 1);
  const auto r = test::run_process({bin, sweep, "-o", out, "-q"}, dir);
  for (const char* v : {"SLURM_JOB_ID", "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID"}) unsetenv(v);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  BOOST_TEST(attribute(out, "launcher") == "none");
  BOOST_TEST(attribute(out, "job_id") == "4240");
  BOOST_TEST(attribute(out, "array_task_id") == "2");
  BOOST_TEST(attribute(out, "rank_hosts") == attribute(out, "host"));
  const auto text = test::run_process({bin, "status", out}, dir);
  BOOST_TEST(text.out.find("ranks on 1 host: " + attribute(out, "host") +
                           " x1; launcher none, job 4240 (array task 2)") != std::string::npos,
             text.out);
}

BOOST_AUTO_TEST_CASE(a_refine_sweep_runs_its_rounds_and_reports_each_crossing) {
  const std::string dir = test::fresh_dir("loop-refine");
  const std::string sweep = dir + "/refine.ini", out = dir + "/refine.h5";
  // value = x y crosses 3 at x = 3 / y: noiseless, so the search reaches the tolerance.
  test::write_text(sweep,
                   "[sweep]\nexperiment = synthetic\nseed = 2\nreplicates = 2\n"
                   "[axes]\ny = 1, 2\n[refine]\naxis = x\nrange = 0.1, 100\nmetric = value\n"
                   "level = 3\ntolerance = 2%\n");
  const auto dry = test::run_process({bin, sweep, "--dry-run"}, dir);
  BOOST_TEST(dry.status == 0, dry.err);
  BOOST_TEST(
      dry.out.find(
          "first round: x = 0.1, 0.5651, 3.162, 17.87, 100 (2 replicates each, independent draws): "
          "20 points") != std::string::npos,
      dry.out);
  BOOST_TEST(dry.out.find("budget 40 values per combination") != std::string::npos, dry.out);

  const auto r = test::run_process({bin, sweep, "-o", out, "-q"}, dir);
  BOOST_TEST_REQUIRE(r.status == 0, r.err);
  BOOST_TEST(r.out.find("y=1: value = 3 located: x in [2.9") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("y=2: value = 3 located: x in [1.4") != std::string::npos, r.out);
  BOOST_TEST(r.out.find("(a grid of equal resolution: 350)") != std::string::npos, r.out);
  BOOST_TEST(!attribute(out, "ended").empty());  // the searches ended: the sweep is complete
  const std::size_t done = count_of(test::statuses(out), "done");
  BOOST_TEST(done < 2u * 2u * 35u);  // under a tenth of the equal-resolution grid's points
  const auto status = test::run_process({bin, "status", out}, dir);
  BOOST_TEST(status.out.find("lattice points never placed") != std::string::npos, status.out);
  BOOST_TEST(status.out.find("nothing remains to run") != std::string::npos, status.out);
  // The analysis reports each search from the file's refine_table, with the points it used.
  const auto report =
      test::run_process({ANALYZE_BIN, out, "-o", dir + "/refine-report", "--no-plots"}, dir);
  BOOST_TEST(report.status == 0, report.err);
  BOOST_TEST(report.out.find("never placed by the adaptive search (not run, by design)") !=
                 std::string::npos,
             report.out);
  BOOST_TEST(report.out.find("refine y=1: value = 3 is crossed at x in [2.9") != std::string::npos,
             report.out);
  BOOST_TEST(
      report.out.find("against 350 values, 700 points for a uniform grid") != std::string::npos,
      report.out);
  // One legend entry per search, its median curve naming what it found; the replicates, the
  // estimate's diamond and the band are left out of the legend ("_"), described by the caption.
  const std::string figure =
      test::read_text(dir + "/refine-report/plot-data/refine_placed_points.csv");
  BOOST_TEST(figure.find("\n\"y=1: crosses at ") != std::string::npos, figure.substr(0, 400));
  BOOST_TEST(figure.find("\n_y=1: replicates,") != std::string::npos);
  BOOST_TEST(figure.find("\n_y=1: estimate,") != std::string::npos);

  const auto again = test::run_process({bin, sweep, "-o", out, "-q"}, dir);
  BOOST_TEST(again.status == 0);
  BOOST_TEST(again.err.find("already finished; nothing to do") != std::string::npos, again.err);
  BOOST_TEST(count_of(test::statuses(out), "done") == done);
  const auto only = test::run_process({bin, sweep, "-o", out, "-q", "--only", "y=1"}, dir);
  BOOST_TEST(only.status == 2);
  BOOST_TEST(only.err.find("do not apply to a [refine] or [sequential] sweep") != std::string::npos,
             only.err);
}

BOOST_AUTO_TEST_CASE(status_and_export_read_a_file_as_it_is) {
  const std::string dir = test::fresh_dir("loop-status");
  const std::string sweep = flaky_sweep(dir), out = dir + "/s.h5";
  BOOST_TEST_REQUIRE(
      test::run_process({bin, sweep, "-o", out, "-q", "--only", "0-9"}, dir).status == 0);
  const auto text = test::run_process({bin, "status", out}, dir);
  BOOST_TEST(text.status == 0, text.err);
  BOOST_TEST(text.out.find("sweep demo (experiment synthetic, seed 3") != std::string::npos,
             text.out);
  const std::size_t failed = count_of(test::statuses(out), "failed");
  BOOST_TEST(text.out.find("20 points: " + std::to_string(10 - failed) + " done, " +
                           std::to_string(failed) + " failed, 0 diverged, 10 pending") !=
                 std::string::npos,
             text.out);
  BOOST_TEST(text.out.find("10 remain") != std::string::npos, text.out);
  BOOST_TEST(text.out.find("a flaky failure") != std::string::npos, text.out);
  BOOST_TEST(text.out.find("10 remain; to run them: diffsweep " + sweep + " -o " + out + "\n") !=
                 std::string::npos,
             text.out);
  // The hint resumes the sweep the file holds: with the overrides it ran with, quoted.
  const std::string overridden = dir + "/o.h5";
  BOOST_TEST_REQUIRE(test::run_process({bin, sweep, "exponent=2", "y=linspace(1, 2, 2)", "-o",
                                        overridden, "-q", "--only", "0-3"},
                                       dir)
                         .status == 0);
  const auto hint = test::run_process({bin, "status", overridden}, dir);
  BOOST_TEST(hint.out.find("36 remain; to run them: diffsweep " + sweep +
                           " exponent=2 'y=linspace(1, 2, 2)' -o " + overridden + "\n") !=
                 std::string::npos,
             hint.out);
  const auto json = test::run_process({bin, "status", out, "--json"}, dir);
  BOOST_TEST(json.status == 0);
  BOOST_TEST(json.out.find("\"failed\": " + std::to_string(failed)) != std::string::npos, json.out);
  BOOST_TEST(json.out.find("\"remaining\": 10") != std::string::npos, json.out);
  BOOST_TEST(test::run_process({bin, "status", dir + "/missing.h5"}, dir).status == 2);

  const std::string csv = dir + "/p.csv", series = dir + "/s.csv";
  const auto e = test::run_process({bin, "export", out, "--csv", csv, "--series-csv", series}, dir);
  BOOST_TEST_REQUIRE(e.status == 0, e.err);
  std::istringstream in(test::read_text(csv));
  std::string header, row;
  std::getline(in, header);
  BOOST_TEST(header.rfind("x,y,exponent,noise,", 0) == 0, header);  // parameters first
  BOOST_TEST(header.find(",value,point_id,replicate,seed,status,error,") != std::string::npos,
             header);
  std::size_t rows = 0;
  std::vector<std::string> values;
  for (std::string line; std::getline(in, line); ++rows) values.push_back(line);
  BOOST_TEST(rows == 20u);
  // Values read back exactly: the first row's value is the file's, to the last bit.
  const auto fields_of = [](const std::string& line) {
    std::vector<std::string> fields;
    std::istringstream split(line);
    for (std::string f; std::getline(split, f, ',');) fields.push_back(f);
    return fields;
  };
  const auto names = fields_of(header);
  const auto value_field = std::find(names.begin(), names.end(), "value") - names.begin();
  BOOST_TEST(std::stod(fields_of(values.front()).at(static_cast<std::size_t>(value_field))) ==
             test::column(out, "value")[0]);
  const std::string series_text = test::read_text(series);
  BOOST_TEST(series_text.rfind("point_id,series,index,value\n", 0) == 0);
  const auto lines = std::count(series_text.begin(), series_text.end(), '\n');
  BOOST_TEST(lines == static_cast<long>(1 + (10 - failed) * 10));  // 10 values per done point
  // `-`: standard output, the same bytes.
  const auto piped = test::run_process({bin, "export", out, "--csv", "-"}, dir);
  BOOST_TEST(piped.status == 0, piped.err);
  BOOST_TEST(piped.out == test::read_text(csv));
  BOOST_TEST(piped.err.find("on standard output") != std::string::npos, piped.err);
  // An existing CSV is never overwritten.
  BOOST_TEST(test::run_process({bin, "export", out, "--csv", csv}, dir).status == 2);
}

// An export that fails half-way (here its second file outgrows the file size limit, so a write
// fails as on a full disk) leaves neither CSV, nor a temporary: the same command, run again
// where it can write, makes both. Nothing is written when one of the names is taken.
BOOST_AUTO_TEST_CASE(an_export_that_fails_half_way_leaves_nothing_behind) {
  const std::string dir = test::fresh_dir("loop-export-fails");
  const std::string sweep = dir + "/s.ini", out = dir + "/s.h5";
  test::write_text(sweep,
                   "[sweep]\nexperiment = synthetic\nseed = 5\n[axes]\nx = linspace(1, 2, 200)\n");
  BOOST_TEST_REQUIRE(test::run_process({bin, sweep, "-o", out, "-q"}, dir).status == 0);
  fs::create_directory(dir + "/whole");
  const std::string whole_points = dir + "/whole/p.csv", whole_series = dir + "/whole/s.csv";
  BOOST_TEST_REQUIRE(
      test::run_process({bin, "export", out, "--csv", whole_points, "--series-csv", whole_series},
                        dir)
          .status == 0);
  // A limit (ulimit -f counts 512-byte blocks) the points' CSV fits in and the series' does not.
  const auto points_bytes = fs::file_size(whole_points), series_bytes = fs::file_size(whole_series);
  BOOST_TEST_REQUIRE(points_bytes + 1024 < series_bytes);
  const std::string blocks = std::to_string((points_bytes + series_bytes) / 2 / 512);
  const std::string points = dir + "/p.csv", series = dir + "/s.csv";
  const auto limited = [&](const std::string& args) {
    // SIGXFSZ ignored, so the write past the limit fails (EFBIG) as a write to a full disk does.
    return test::run_process(
        {"sh", "-c",
         "trap '' XFSZ; ulimit -f " + blocks + "; exec " + bin + " export " + out + " " + args},
        dir);
  };
  // The CSVs' names and any temporary beside them.
  const auto left_behind = [&] {
    std::string names;
    for (const auto& e : fs::directory_iterator(dir)) {
      const std::string name = e.path().filename().string();
      if (name.rfind("p.csv", 0) == 0 || name.rfind("s.csv", 0) == 0) names += name + " ";
    }
    return names;
  };
  for (const std::string& args :
       {"--csv " + points + " --series-csv " + series, "--series-csv " + series}) {
    const auto failed = limited(args);
    BOOST_TEST_CONTEXT(args << ": " << failed.err) {
      BOOST_TEST(failed.status == 1);
      BOOST_TEST(failed.err.find("diffsweep: error: cannot write " + series) != std::string::npos);
      BOOST_TEST(left_behind() == "");
    }
  }
  const auto again =
      test::run_process({bin, "export", out, "--csv", points, "--series-csv", series}, dir);
  BOOST_TEST(again.status == 0, again.err);
  BOOST_TEST(test::read_text(points) == test::read_text(whole_points));
  BOOST_TEST(test::read_text(series) == test::read_text(whole_series));

  // A name already taken is found before anything is written.
  fs::remove(points);
  const auto taken =
      test::run_process({bin, "export", out, "--csv", points, "--series-csv", series}, dir);
  BOOST_TEST(taken.status == 2);
  BOOST_TEST(taken.err ==
             "diffsweep: error: " + series +
                 " exists; export writes a new file (remove it or give another name)\n");
  BOOST_TEST(!fs::exists(points));
}

// Resuming a finished sweep reads its journal and file, and must not hold either: a million
// points once peaked at 2.3x the run's memory (the journal mapped whole, every status read at
// once). Two sweeps 10x apart in size: the larger one's resume may need more memory for its
// per-point state and buffers, but less than half its journal's size more (measured: 9 MB more
// for 33 MB more journal; holding the journal added all of it).
BOOST_AUTO_TEST_CASE(resuming_a_finished_sweep_does_not_hold_its_journal) {
  const std::string dir = test::fresh_dir("loop-resume-memory");
  const auto resume_memory = [&](int ny) {
    const std::string sweep = dir + "/s" + std::to_string(ny) + ".ini";
    const std::string out = dir + "/s" + std::to_string(ny) + ".h5";
    test::write_text(sweep,
                     "[sweep]\nexperiment = synthetic\nseed = 1\n[axes]\n"
                     "x = linspace(1, 500, 500)\ny = linspace(1, " +
                         std::to_string(ny) + ", " + std::to_string(ny) + ")\n");
    const auto run = test::run_process({bin, sweep, "-o", out, "-q"}, dir);
    BOOST_TEST_REQUIRE(run.status == 0, run.err);
    const auto resumed = test::run_process({bin, sweep, "-o", out, "-q"}, dir);
    BOOST_TEST_REQUIRE(resumed.status == 0, resumed.err);
    BOOST_TEST(resumed.err.find("nothing to do") != std::string::npos, resumed.err);
    const auto journal_kb = static_cast<long>(std::filesystem::file_size(out + ".journal") / 1024);
    BOOST_TEST_MESSAGE(500 * ny << " points: run " << run.max_rss_kb << " kB, resume "
                                << resumed.max_rss_kb << " kB, journal " << journal_kb << " kB");
    BOOST_TEST(resumed.max_rss_kb < run.max_rss_kb);
    return std::pair{resumed.max_rss_kb, journal_kb};
  };
  const auto [small, small_journal] = resume_memory(40);
  const auto [large, large_journal] = resume_memory(400);
  BOOST_TEST(large - small < (large_journal - small_journal) / 2);
  std::filesystem::remove_all(dir);
}
