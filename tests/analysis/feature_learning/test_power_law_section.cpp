// The power law of R on converged runs, on a sweep whose answer is chosen: R = 0.5 (n SNR^2)^1.5
// times a replicate factor shared by every point, at n 16 and 32, so the pooled and per-curve
// slopes are 1.5; one extra run did not converge and is left out.
#define BOOST_TEST_MODULE power_law_section
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/feature_learning/power_law_section.hpp"
#include "tests/support/results_table_builder.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

results::ResultsTable rows(const std::string& model) {
  const double factor[] = {0.9, 1.0, 1.1};
  std::vector<double> n, x, r, converged, rep;
  for (double nv : {16.0, 32.0})
    for (double xv : {1.0, 4.0, 16.0, 64.0})
      for (int k = 0; k < 3; ++k) {
        n.push_back(nv);
        x.push_back(xv);
        r.push_back(0.5 * std::pow(xv, 1.5) * factor[k]);
        converged.push_back(1);
        rep.push_back(k);
      }
  // Stopped at iters far off the law.
  n.push_back(16);
  x.push_back(4);
  r.push_back(1000);
  converged.push_back(0);
  rep.push_back(3);
  auto t = test::table_of("feature_learning", n.size(), {"model", "n", "nsnr2"});
  test::add_text(t, "model", Role::parameter, std::vector<std::string>(n.size(), model));
  test::add_numbers(t, "n", Role::parameter, n);
  test::add_numbers(t, "nsnr2", Role::parameter, x);
  test::add_numbers(t, "replicate", Role::point, rep);
  test::add_numbers(t, "R", Role::metric, r);
  test::add_numbers(t, "converged", Role::metric, converged);
  test::add_numbers(t, "steps", Role::metric, std::vector<double>(n.size(), 100));
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_pooled_law_and_each_curves_are_fitted_on_converged_runs) {
  const auto t = rows("diffusion");
  const AnalysisParameters p;
  const FlInputs in = fl_inputs(t, p);
  const ModelRows m = rows_of_model(in, "diffusion");
  BOOST_TEST(m.excluded() == 1u);
  Report r;
  FlTables tables;
  power_law_section(in, m, r, tables);
  BOOST_REQUIRE(r.fits.size() == 3u);
  BOOST_TEST(r.fits[0].group == "model=diffusion converged");
  BOOST_TEST(r.fits[0].fit.points == 24u);
  BOOST_TEST(r.fits[0].fit.slope == 1.5, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(!r.fits[0].crossing.has_value());
  BOOST_TEST(r.fits[1].group == "model=diffusion n=16 converged");
  BOOST_TEST(r.fits[1].fit.points == 12u);
  BOOST_TEST(r.fits[2].fit.slope == 1.5, boost::test_tools::tolerance(1e-9));
  // The pooled verdict, with the run left out, then one per curve.
  BOOST_REQUIRE(r.verdicts.size() == 3u);
  BOOST_TEST(r.verdicts[0].rfind("diffusion: R ", 0) == 0u, r.verdicts[0]);
  BOOST_TEST(r.verdicts[0].find("; 1 unconverged points excluded") != std::string::npos,
             r.verdicts[0]);
  BOOST_TEST(r.verdicts[1].rfind("diffusion n=16: R ", 0) == 0u, r.verdicts[1]);
  BOOST_TEST(r.verdicts[2].rfind("diffusion n=32: R ", 0) == 0u, r.verdicts[2]);
  BOOST_REQUIRE(tables.fits.size() == 3u);
  BOOST_TEST(tables.fits[0][0] == "diffusion");
  BOOST_TEST(tables.fits[0][1] == "all");
  BOOST_TEST(tables.fits[0][2] == "-");  // no patch_to_noise2 recorded
  BOOST_TEST(tables.fits[0][3] == "24");
  BOOST_TEST(tables.fits[0][4] == "3 replicates per point");
  BOOST_TEST(tables.fits[0][5].rfind("1.5 [", 0) == 0u, tables.fits[0][5]);
  BOOST_TEST(tables.fits[0][6] == "0.999");  // R^2: the replicates spread about the law
  BOOST_TEST(tables.fits[0][9] == "not recorded");
  BOOST_TEST(tables.fits[1][1] == "n=16");
}

BOOST_AUTO_TEST_CASE(the_claim_states_the_fit_and_the_runs_left_out) {
  const auto t = rows("diffusion");
  const AnalysisParameters p;
  const FlInputs in = fl_inputs(t, p);
  Report r;
  FlTables tables;
  power_law_section(in, rows_of_model(in, "diffusion"), r, tables);
  BOOST_REQUIRE(r.claims.size() == 1u);
  const Claim& c = r.claims.front();
  BOOST_TEST(c.heading == "diffusion: R against n*SNR^2");
  BOOST_TEST(c.figures == std::vector<std::string>{"fl_R_vs_nsnr2"},
             boost::test_tools::per_element());
  BOOST_TEST(c.text.rfind("The theory predicts that the diffusion model's stationary R grows as a "
                          "power of n*SNR^2 with no jump. A least-squares fit of log R on log "
                          "n*SNR^2 over 24 converged runs (n*SNR^2 from 1 to 64, 3 replicates per "
                          "point) finds: " +
                              r.verdicts[0] + ".",
                          0) == 0u,
             c.text);
  BOOST_TEST(c.text.find(" Fitted per curve: n=16: slope 1.5") != std::string::npos, c.text);
  BOOST_TEST(c.text.find("Runs that stopped at `iters` without reaching a stationary point are "
                         "another regime and are left out (drawn as crosses).") !=
             std::string::npos);
  // The pooled law drawn in black on the one R figure.
  BOOST_REQUIRE(tables.ratio_plots.size() == 1u);
  BOOST_REQUIRE(tables.ratio_plots[0].series.size() == 1u);
  BOOST_TEST(tables.ratio_plots[0].series[0].label.rfind("power law fitted to diffusion", 0) == 0u);
  BOOST_TEST(tables.ratio_plots[0].series[0].color == -1);
  BOOST_TEST(r.cannot_tell.empty());
}

BOOST_AUTO_TEST_CASE(the_classifiers_fits_are_tabulated_without_verdicts) {
  const auto t = rows("classification");
  const AnalysisParameters p;
  const FlInputs in = fl_inputs(t, p);
  Report r;
  FlTables tables;
  power_law_section(in, rows_of_model(in, "classification"), r, tables);
  BOOST_TEST(r.verdicts.empty());
  BOOST_TEST(r.claims.empty());
  BOOST_TEST(r.fits.size() == 3u);
  BOOST_TEST(tables.fits.size() == 3u);
  BOOST_TEST(tables.ratio_plots.empty());
}
