// What every feature-learning section reads: each row's n*SNR^2 (the value a point ran with, else
// the swept one, else n snr^2), the axes that tell curves apart and the panel axis, one model's
// rows sorted by use, the models' order, and the regime and training texts of the tables.
#define BOOST_TEST_MODULE fl_inputs
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/feature_learning/fl_inputs.hpp"
#include "tests/support/results_table_builder.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

const double nan = std::nan("");

// Row 0 records the n snr^2 it ran with; 2 has no R; 3 has not run; 4 did not converge; 5
// stopped by grad_tol within 5 steps; 6 is the classifier's, 7 an unknown model's. m and t take
// two values each, d one.
results::ResultsTable rows() {
  auto t = test::table_of("feature_learning", 8, {"model", "n", "snr", "m", "d", "t"});
  t.status[3] = "pending";
  test::add_text(t, "model", Role::parameter,
                 {"diffusion", "diffusion", "diffusion", "diffusion", "diffusion", "diffusion",
                  "classification", "mystery"});
  test::add_numbers(t, "n", Role::parameter, {10, 10, 10, 10, 20, 20, 10, 10});
  test::add_numbers(t, "snr", Role::parameter, {1, 1, 2, 2, 2, 2, 1, 1});
  test::add_numbers(t, "m", Role::parameter, {4, 8, 4, 8, 4, 8, 4, 4});
  test::add_numbers(t, "d", Role::parameter, {3, 3, 3, 3, 3, 3, 3, 3});
  test::add_numbers(t, "t", Role::parameter, {0.5, 2.5, 0.5, 2.5, 0.5, 2.5, 0.5, 2.5});
  test::add_numbers(t, "R", Role::metric, {2, 3, nan, nan, 4, 5, 1, 1});
  test::add_numbers(t, "converged", Role::metric, {1, 1, 1, nan, 0, 1, 0, 1});
  test::add_numbers(t, "steps", Role::metric, {100, 100, 100, nan, 500, 5, 500, 100});
  test::add_numbers(t, "nsnr2_used", Role::metric, {12, nan, nan, nan, nan, nan, nan, nan});
  test::add_numbers(t, "patch_to_noise2", Role::metric, {2, 3, 2, 2, 2, 2, 2, 2});
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_control_quantity_prefers_what_the_point_ran_with) {
  const auto t = rows();
  const AnalysisParameters p;
  const FlInputs in = fl_inputs(t, p);
  BOOST_TEST(in.x == (std::vector<double>{12, 10, 40, 40, 80, 80, 10, 10}),
             boost::test_tools::per_element());
  // A swept nsnr2 comes before n snr^2.
  auto swept = rows();
  test::add_numbers(swept, "nsnr2", Role::parameter, {1, 2, 3, 4, 5, 6, 7, 8});
  const FlInputs s = fl_inputs(swept, p);
  BOOST_TEST(s.x == (std::vector<double>{12, 2, 3, 4, 5, 6, 7, 8}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(axes_with_several_values_tell_curves_apart_and_the_last_makes_panels) {
  const auto t = rows();
  const AnalysisParameters p;
  const FlInputs in = fl_inputs(t, p);
  BOOST_TEST(in.curve_by == (std::vector<std::string>{"n", "m", "t"}),
             boost::test_tools::per_element());
  BOOST_TEST(in.several_axes());
  BOOST_TEST(in.panel_axis == "t");
  BOOST_TEST(in.label_in_panel(1) == "n=10 m=8");
  BOOST_TEST(in.panel_of(1) == "t=2.5");
  // Without t: two axes, one figure.
  auto two = rows();
  two.axes.pop_back();
  const FlInputs f = fl_inputs(two, p);
  BOOST_TEST(f.panel_axis == "");
  BOOST_TEST(f.panel_of(1) == "");
  BOOST_TEST(f.label_in_panel(4) == "n=20 m=4");
}

BOOST_AUTO_TEST_CASE(a_models_rows_are_sorted_by_what_they_can_be_used_for) {
  const auto t = rows();
  const AnalysisParameters p;
  const FlInputs in = fl_inputs(t, p);
  BOOST_TEST(!in.has_growth);
  BOOST_TEST(in.untrained(5));  // converged within few-steps
  BOOST_TEST(!in.untrained(0));
  BOOST_TEST(!in.converged(4));
  const ModelRows d = rows_of_model(in, "diffusion");
  BOOST_TEST(d.finished == (std::vector<std::size_t>{0, 1, 4}), boost::test_tools::per_element());
  BOOST_TEST(d.converged == (std::vector<std::size_t>{0, 1}), boost::test_tools::per_element());
  BOOST_TEST(d.untrained == std::vector<std::size_t>{5}, boost::test_tools::per_element());
  BOOST_TEST(d.early == std::vector<std::size_t>{5}, boost::test_tools::per_element());
  BOOST_TEST(d.unfinished == 1u);
  BOOST_TEST(d.unusable == 1u);
  BOOST_TEST(d.excluded() == 1u);
  BOOST_TEST(!d.transition_model);
  BOOST_TEST(d.curve_rows() == d.converged, boost::test_tools::per_element());
  // The classifier's transition is read from every finished run.
  const ModelRows c = rows_of_model(in, "classification");
  BOOST_TEST(c.transition_model);
  BOOST_TEST(c.converged.empty());
  BOOST_TEST(c.curve_rows() == std::vector<std::size_t>{6}, boost::test_tools::per_element());
  // few-steps 4: row 5 trained after all.
  AnalysisParameters q;
  q.few_steps = 4;
  const FlInputs later = fl_inputs(t, q);
  BOOST_TEST(rows_of_model(later, "diffusion").untrained.empty());
}

BOOST_AUTO_TEST_CASE(models_come_in_the_papers_order) {
  BOOST_TEST(models_in_order({"zeta", "classification", "alpha", "diffusion", "classification"}) ==
                 (std::vector<std::string>{"diffusion", "classification", "alpha", "zeta"}),
             boost::test_tools::per_element());
  BOOST_TEST(models_in_order({"classification"}) == std::vector<std::string>{"classification"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(regime_and_training_texts) {
  const auto t = rows();
  const AnalysisParameters p;
  const FlInputs in = fl_inputs(t, p);
  BOOST_TEST(in.regime_text({0}) == "0.2");
  BOOST_TEST(in.regime_text({0, 1}) == "0.2 to 0.3");
  BOOST_TEST(in.regime_text({}) == "-");
  BOOST_TEST(in.training_text({0}) == "not recorded");
  auto grown = rows();
  for (const char* name : {"S0", "N", "N0", "w_norm", "w_norm0"})
    test::add_numbers(grown, name, Role::metric, std::vector<double>(8, 1));
  test::add_numbers(grown, "S", Role::metric, {100, 1, 1, 1, 1, 1, 1, 1});
  const FlInputs g = fl_inputs(grown, p);
  BOOST_TEST(g.has_growth);
  BOOST_TEST(g.training_text({0}) == "S/S0 100, N/N0 1, |W|/|W0| 1");
  BOOST_TEST(!g.untrained(0));
  BOOST_TEST(g.untrained(1));  // nothing moved: at initialisation
}

BOOST_AUTO_TEST_CASE(small_helpers) {
  BOOST_TEST(contains({1, 3, 5}, 3));
  BOOST_TEST(!contains({1, 3, 5}, 4));
  BOOST_TEST(count_text(3, "runs") == "3 runs");
}
