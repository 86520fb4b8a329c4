// The training-dynamics figure: which runs it shows (the largest n's first replicate of the first
// curve, at the smallest, middle and largest n*SNR^2 or nearest those asked for), and the S and N
// series it draws of them, read from a results file written by the results library's writer.
#define BOOST_TEST_MODULE dynamics_figure
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "analysis/feature_learning/dynamics_figure.hpp"
#include "tests/support/fake_results_file.hpp"
#include "tests/support/results_table_builder.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;
namespace fs = std::filesystem;

namespace {

// n 8 and 16, two replicates, sigma0 0.005 and 0.01, n*SNR^2 1, 3, 10 and 30: 32 rows.
struct Grid {
  results::ResultsTable t;
  std::vector<double> x;
  std::vector<std::size_t> all;
  Grid() {
    std::vector<double> n, rep, sigma0;
    for (double nv : {8.0, 16.0})
      for (double r : {1.0, 0.0})  // the first replicate is not the first row
        for (double s : {0.005, 0.01})
          for (double xv : {30.0, 1.0, 10.0, 3.0}) {
            n.push_back(nv);
            rep.push_back(r);
            sigma0.push_back(s);
            x.push_back(xv);
          }
    t = test::table_of("feature_learning", n.size(), {"n", "sigma0", "nsnr2"});
    test::add_numbers(t, "n", Role::parameter, n);
    test::add_numbers(t, "sigma0", Role::parameter, sigma0);
    test::add_numbers(t, "replicate", Role::point, rep);
    for (std::size_t i = 0; i < n.size(); ++i) all.push_back(i);
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(by_default_the_smallest_middle_and_largest_of_one_run_are_shown) {
  const Grid g;
  const auto chosen = dynamics_points(g.t, g.x, g.all, {}, {"n", "sigma0"});
  // n = 16, replicate 0, sigma0 0.005: rows 24 to 27 hold n*SNR^2 30, 1, 10, 3.
  BOOST_TEST(chosen == (std::vector<std::size_t>{25, 26, 24}), boost::test_tools::per_element());
  BOOST_TEST(dynamics_points(g.t, g.x, {}, {}, {"n"}).empty());
}

BOOST_AUTO_TEST_CASE(asked_for_values_pick_the_nearest_in_log_scale) {
  const Grid g;
  // 0.75 is nearest 1; 6.75 is nearer 10 than 3 in log scale.
  BOOST_TEST(dynamics_points(g.t, g.x, g.all, {6.75, 0.75}, {"n", "sigma0"}) ==
                 (std::vector<std::size_t>{25, 26}),
             boost::test_tools::per_element());
  // Two values nearest the same run show it once.
  BOOST_TEST(
      dynamics_points(g.t, g.x, g.all, {1, 1.1}, {"n", "sigma0"}) == std::vector<std::size_t>{25},
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(each_chosen_run_gets_a_panel_of_its_s_and_n_series) {
  const fs::path path =
      fs::temp_directory_path() / ("dynamics_figure_test_" + std::to_string(::getpid()) + ".h5");
  test::FakeResults f;
  f.experiment = "feature_learning";
  f.axes = "n,nsnr2";
  f.point_id = {0, 1, 2};
  f.status = {"done", "done", "done"};
  f.columns = {{"n", "parameter", {16, 16, 16}},
               {"nsnr2", "parameter", {1, 10, 100}},
               {"replicate", "point", {}, {0, 0, 0}}};
  f.series[0] = {{"step", {0, 10, 100}}, {"S", {1, 2, 3}}, {"N", {1, 1.5, 1.7}}};
  f.series[1] = {{"step", {0, 10, 100}}, {"S", {1, 4, 9}}, {"N", {1, 2}}};  // N cut short
  f.series[2] = {{"step", {0, 10, 100}}, {"S", {1, 5, 25}}, {"N", {1, 1, 1}}};
  test::write_fake_results(path.string(), f);
  const auto t = load_results(path.string());
  Report r;
  add_dynamics_plot(r, t, "diffusion", {1, 10, 100}, {0, 1, 2}, {}, {"n"});
  fs::remove(path);
  BOOST_REQUIRE(r.plots.size() == 1u);
  const Plot& p = r.plots.front();
  BOOST_TEST(p.name == "fl_dynamics_diffusion");
  BOOST_TEST(p.title == "diffusion: signal learning $S$ and noise learning $N$ during training");
  BOOST_TEST(p.mark_every_value);
  BOOST_TEST(!p.logx);
  BOOST_TEST(p.logy);
  BOOST_TEST(p.caption.rfind("One run per panel, at the n SNR² its title gives: the first "
                             "replicate at n = 16 (no replicates are summarised here).",
                             0) == 0u,
             p.caption);
  BOOST_REQUIRE(p.series.size() == 5u);  // the run at 10 has no N of the steps' length
  BOOST_TEST(p.series[0].label == "S: signal learning");
  BOOST_TEST(p.series[0].panel == "$n\\,\\mathrm{SNR}^2$ = 1");
  BOOST_TEST(p.series[0].color == 4);
  BOOST_TEST(!p.series[0].dashed);
  BOOST_TEST(p.series[1].label == "N: noise learning");
  BOOST_TEST(p.series[1].dashed);
  BOOST_TEST(p.series[1].color == 5);
  BOOST_TEST(p.series[1].y == (std::vector<double>{1, 1.5, 1.7}), boost::test_tools::per_element());
  BOOST_TEST(p.series[2].panel == "$n\\,\\mathrm{SNR}^2$ = 10");
  BOOST_TEST(p.series[2].y == (std::vector<double>{1, 4, 9}), boost::test_tools::per_element());
  BOOST_TEST(p.series[3].panel == "$n\\,\\mathrm{SNR}^2$ = 100");
  BOOST_TEST(p.series[3].x == (std::vector<double>{0, 10, 100}), boost::test_tools::per_element());
  BOOST_TEST(r.notes.empty());
}

BOOST_AUTO_TEST_CASE(runs_without_series_leave_a_note_instead) {
  const fs::path path =
      fs::temp_directory_path() / ("dynamics_figure_none_" + std::to_string(::getpid()) + ".h5");
  test::FakeResults f;
  f.experiment = "feature_learning";
  f.axes = "n";
  f.point_id = {0};
  f.status = {"done"};
  f.columns = {{"n", "parameter", {16}}, {"replicate", "point", {}, {0}}};
  test::write_fake_results(path.string(), f);
  const auto t = load_results(path.string());
  Report r;
  add_dynamics_plot(r, t, "classification", {5}, {0}, {}, {"n"});
  fs::remove(path);
  BOOST_TEST(r.plots.empty());
  BOOST_TEST(r.notes == std::vector<std::string>{"classification: no step/S/N series in the "
                                                 "file: no training-dynamics figure"},
             boost::test_tools::per_element());
}
