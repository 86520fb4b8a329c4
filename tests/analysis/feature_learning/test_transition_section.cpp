// The classifier's transition of R through 1, on sweeps whose answer is chosen: R = (x / c)^2
// times a replicate factor, x = n SNR^2 from 1 to 100, so the median curve crosses 1 at x = c and
// rises from 0.1 to 10 within exactly 1 decade.
#define BOOST_TEST_MODULE transition_section
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "analysis/feature_learning/transition_section.hpp"
#include "tests/support/results_table_builder.hpp"

using namespace diffsweep;
using namespace diffsweep::analysis;

namespace {

// One curve per (n, c); R = (x / c)^power.
results::ResultsTable rows(const std::vector<std::pair<double, double>>& curves, double power = 2) {
  const double factor[] = {0.9, 1.0, 1.1};
  std::vector<double> n, x, r, rep;
  for (const auto& [nv, c] : curves)
    for (double xv : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0})
      for (int k = 0; k < 3; ++k) {
        n.push_back(nv);
        x.push_back(xv);
        r.push_back(std::pow(xv / c, power) * factor[k]);
        rep.push_back(k);
      }
  auto t = test::table_of("feature_learning", n.size(), {"model", "n", "nsnr2"});
  test::add_text(t, "model", Role::parameter, std::vector<std::string>(n.size(), "classification"));
  test::add_numbers(t, "n", Role::parameter, n);
  test::add_numbers(t, "nsnr2", Role::parameter, x);
  test::add_numbers(t, "replicate", Role::point, rep);
  test::add_numbers(t, "R", Role::metric, r);
  // The classifier's runs rarely reach a stationary point: none here did.
  test::add_numbers(t, "converged", Role::metric, std::vector<double>(n.size(), 0));
  test::add_numbers(t, "steps", Role::metric, std::vector<double>(n.size(), 1000));
  return t;
}

struct Section {
  Report r;
  FlTables tables;
  explicit Section(const results::ResultsTable& t) {
    const AnalysisParameters p;
    const FlInputs in = fl_inputs(t, p);
    transition_section(in, rows_of_model(in, "classification"), r, tables);
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(one_curve_has_one_pooled_verdict_with_its_crossing_and_width) {
  const Section s(rows({{16, 10}}));
  BOOST_REQUIRE(s.r.verdicts.size() == 1u);
  const std::string& v = s.r.verdicts[0];
  BOOST_TEST(v.rfind("classification: R crosses 1 at n*SNR^2 = 10 ", 0) == 0u, v);
  BOOST_TEST(v.ends_with(" (medians over 21 finished runs, 0 converged)"), v);
  BOOST_REQUIRE(s.r.fits.size() == 2u);
  BOOST_TEST(s.r.fits[0].group == "model=classification n=16 all finished");
  BOOST_REQUIRE(s.r.fits[0].crossing.has_value());
  BOOST_TEST(*s.r.fits[0].crossing == 10.0, boost::test_tools::tolerance(1e-9));
  BOOST_REQUIRE(s.r.fits[0].width.has_value());
  BOOST_TEST(*s.r.fits[0].width == 1.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(s.r.fits[1].group == "model=classification all finished");
  BOOST_REQUIRE(s.r.claims.size() == 1u);
  BOOST_TEST(s.r.claims[0].heading == "classification: the transition of R through 1");
  BOOST_TEST(s.r.claims[0].text.find("; n*SNR^2 from 1 to 100). Pooled: " + v +
                                     ". \"Sharp\" "
                                     "means the whole interval of the 0.1-to-10 width is below "
                                     "1 decade(s)") != std::string::npos,
             s.r.claims[0].text);
  BOOST_TEST(s.r.cannot_tell.empty());
}

BOOST_AUTO_TEST_CASE(several_curves_have_their_own_verdicts_a_trend_and_a_pooled_one) {
  const Section s(rows({{16, 10}, {32, 5}}));
  BOOST_REQUIRE(s.r.verdicts.size() == 4u);
  BOOST_TEST(s.r.verdicts[0].rfind("classification n=16: R crosses 1 at n*SNR^2 = 10 ", 0) == 0u,
             s.r.verdicts[0]);
  BOOST_TEST(s.r.verdicts[1].rfind("classification n=32: R crosses 1 at n*SNR^2 = 5 ", 0) == 0u,
             s.r.verdicts[1]);
  // The crossing's trend along n.
  BOOST_TEST(s.r.verdicts[2].find("(95% bootstrap over replicates, every crossing resampled)") !=
                 std::string::npos,
             s.r.verdicts[2]);
  BOOST_TEST(s.r.verdicts[3].rfind("classification pooled over n: R crosses 1", 0) == 0u,
             s.r.verdicts[3]);
  BOOST_REQUIRE(s.r.fits.size() == 4u);
  BOOST_TEST(*s.r.fits[1].crossing == 5.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(s.r.fits[2].group == "model=classification crossing of 1");
  BOOST_TEST(s.r.fits[2].x_name == "n");
  BOOST_TEST(s.r.fits[2].y_name == "crossing");
  BOOST_TEST(s.r.claims[0].text.find("Per curve: " + s.r.verdicts[0] + ". " + s.r.verdicts[1] +
                                     ". Pooled: ") != std::string::npos,
             s.r.claims[0].text);
}

BOOST_AUTO_TEST_CASE(a_curve_that_crosses_without_reaching_0_1_and_10_has_no_width) {
  const Section s(rows({{16, 10}}, 0.5));  // R from 0.32 to 3.2
  BOOST_REQUIRE(s.r.fits.size() == 2u);
  BOOST_TEST(s.r.fits[0].crossing.has_value());
  BOOST_TEST(!s.r.fits[0].width.has_value());
  BOOST_TEST(s.r.cannot_tell ==
                 std::vector<std::string>{"classification: the median R does not rise through "
                                          "both 0.1 and 10 over n*SNR^2 from 1 to 100, so the "
                                          "0.1-to-10 width is not measurable"},
             boost::test_tools::per_element());
}
