// The bootstrap over replicates: its intervals cover the truth as often as they claim, on sweeps
// shaped like ours (a few replicates per point), and each interval is reproducible from the seed
// and its own key alone.
#define BOOST_TEST_MODULE bootstrap
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>

#include "analysis/report/curve_verdicts.hpp"
#include "analysis/statistics/bootstrap.hpp"

using namespace diffsweep::analysis;

namespace {

// A sweep of `values` x points (log-spaced over [lo, hi]) with `replicates` each, y = f(x) e^(s z).
template <class F>
void simulate(std::mt19937_64& rng, F f, double sigma, int values, int replicates, double lo,
              double hi, std::vector<double>& x, std::vector<double>& y) {
  std::normal_distribution<double> z(0.0, sigma);
  x.clear();
  y.clear();
  for (int k = 0; k < values; ++k)
    for (int r = 0; r < replicates; ++r) {
      x.push_back(lo * std::pow(hi / lo, static_cast<double>(k) / (values - 1)));
      y.push_back(f(x.back()) * std::exp(z(rng)));
    }
}

AnalysisParameters fast() {
  AnalysisParameters p;
  p.resamples = 400;
  return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(slope_interval_covers_the_exponent_about_95_percent_of_the_time) {
  // 300 sweeps of 9 x values x 3 replicates (our sweeps' shape), log-normal noise 0.3 around
  // y = x^1.5. (With k draws per point instead of k - 1 a simulation of the same sweeps covered in
  // 83% of them.)
  std::mt19937_64 rng(20251202);
  AnalysisParameters p = fast();
  int covered = 0;
  const int trials = 300;
  std::vector<double> x, y;
  for (int trial = 0; trial < trials; ++trial) {
    simulate(
        rng, [](double v) { return std::pow(v, 1.5); }, 0.3, 9, 3, 0.1, 10, x, y);
    p.seed = static_cast<std::uint64_t>(trial);
    const CurveAnalysis c = analyse_curve(x, y, {}, p, "slope");
    BOOST_TEST_REQUIRE(c.slope.valid());
    if (c.slope.contains(1.5)) ++covered;
  }
  const double coverage = static_cast<double>(covered) / trials;
  BOOST_TEST_MESSAGE("slope coverage " << coverage);
  BOOST_TEST(coverage > 0.90);
  BOOST_TEST(coverage < 0.99);
}

BOOST_AUTO_TEST_CASE(crossing_and_width_intervals_cover_what_the_grid_can_measure) {
  // A sharp transition crossing 1 at x = 2.3, 13 x values over [0.1, 100], 3 replicates, noise
  // 0.2. The intervals are of the sampling error over replicates; the interpolation between grid
  // points adds a bias of its own, so what they can cover is the noise-free curve's value on the
  // same grid (width 0.45 against the curve's 0.42 decades). Medians of 3 are
  // coarse: the coverage measured here is what the documentation states.
  std::mt19937_64 rng(7);
  AnalysisParameters p = fast();
  const auto curve = [](double v) {
    return std::pow(10.0, 2.5 * std::tanh(2 * std::log10(v / 2.3)));
  };
  std::vector<double> x, y;
  simulate(rng, curve, 0.0, 13, 1, 0.1, 100, x, y);
  const Transition exact = find_transition(
      [&] {
        std::vector<CurvePoint> c;
        for (std::size_t i = 0; i < x.size(); ++i) c.push_back({x[i], y[i]});
        return c;
      }(),
      1.0);
  BOOST_TEST_REQUIRE(exact.width.has_value());
  BOOST_TEST_MESSAGE("grid: crossing " << *exact.at << ", width " << *exact.width
                                       << " (curve: 2.3, " << std::atanh(0.4) << ")");
  int covered = 0, width_covered = 0;
  const int trials = 200;
  for (int trial = 0; trial < trials; ++trial) {
    simulate(rng, curve, 0.2, 13, 3, 0.1, 100, x, y);
    p.seed = static_cast<std::uint64_t>(trial);
    const CurveAnalysis c = analyse_curve(x, y, {}, p, "crossing");
    if (c.crossing.contains(*exact.at)) ++covered;
    if (c.width.contains(*exact.width)) ++width_covered;
  }
  BOOST_TEST_MESSAGE("crossing coverage " << double(covered) / trials << ", width coverage "
                                          << double(width_covered) / trials);
  BOOST_TEST(double(covered) / trials > 0.85);
  BOOST_TEST(double(width_covered) / trials > 0.85);
}

BOOST_AUTO_TEST_CASE(an_interval_depends_on_the_seed_and_its_key_only) {
  std::mt19937_64 rng(1);
  std::vector<double> x, y;
  simulate(
      rng, [](double v) { return v; }, 0.3, 5, 4, 1, 100, x, y);
  const AnalysisParameters p = fast();
  const CurveAnalysis a = analyse_curve(x, y, {}, p, "one");
  const CurveAnalysis again = analyse_curve(x, y, {}, p, "one");
  const CurveAnalysis other_key = analyse_curve(x, y, {}, p, "two");
  AnalysisParameters reseeded = p;
  reseeded.seed = 2;
  const CurveAnalysis other_seed = analyse_curve(x, y, {}, reseeded, "one");
  BOOST_TEST(a.slope.lo == again.slope.lo);
  BOOST_TEST(a.slope.hi == again.slope.hi);
  BOOST_TEST(a.slope.lo != other_key.slope.lo);
  BOOST_TEST(a.slope.lo != other_seed.slope.lo);
}

BOOST_AUTO_TEST_CASE(each_point_is_redrawn_from_its_own_replicates) {
  // Two points: one with the replicates 1 and 3, one with a single replicate 10. A resample
  // draws one of {1, 3} and keeps 10, so a statistic summing the chosen values is 11 or 13.
  const Strata strata = strata_of({"a", "b", "a"});
  BOOST_TEST_REQUIRE(strata.size() == 2u);
  const std::vector<double> v = {1, 10, 3};
  AnalysisParameters p = fast();
  p.level = 0.9;
  const auto sum = [&](const std::vector<std::size_t>& chosen) {
    BOOST_TEST_REQUIRE(chosen.size() == 2u);
    double s = 0;
    for (auto i : chosen) s += v[i];
    return std::vector<double>{s};
  };
  const Interval in = bootstrap_intervals(strata, sum, 1, p, "sum").front();
  BOOST_TEST(in.lo == 11.0);
  BOOST_TEST(in.hi == 13.0);
  BOOST_TEST(in.defined_share == 1.0);
  const ReplicateCount c = replicate_count(strata);
  BOOST_TEST(c.fewest == 1u);
  BOOST_TEST(c.most == 2u);
  BOOST_TEST(describe(c) == "1-2 replicates per point (median 2)");
  BOOST_TEST(describe(replicate_count(strata_of({"a", "a", "a"}))) == "3 replicates per point");
}

BOOST_AUTO_TEST_CASE(too_few_replicates_give_no_interval) {
  std::mt19937_64 rng(3);
  std::vector<double> x, y;
  simulate(
      rng, [](double v) { return v; }, 0.3, 6, 2, 1, 100, x, y);
  const CurveAnalysis c = analyse_curve(x, y, {}, fast(), "two");
  BOOST_TEST(!c.enough_replicates);
  BOOST_TEST(!c.slope.valid());
  BOOST_TEST(c.fit.valid());  // the point estimate is still there
}

BOOST_AUTO_TEST_CASE(the_stated_coverage_of_a_median_interval_is_what_it_covers) {
  // 3 replicates, 2 draws each resample: the resampled medians' 2.5% and 97.5% points are the
  // smallest and largest replicate, and [min, max] of 3 covers the median with 1 - 2/8 = 75%.
  const AnalysisParameters p;
  const double three = median_interval_coverage(3, p);
  BOOST_TEST(std::abs(three - 0.75) < 0.07, three);  // 400 samples: sd 0.022
  BOOST_TEST(median_interval_coverage(9, p) > three + 0.1);
  const std::string note = median_coverage_note({10, 3, 3, 3}, p);
  BOOST_TEST(note == ", covering the true median in about " +
                         std::to_string(std::lround(100 * three)) +
                         "% of sweeps at 3 replicates per point",
             note);
  BOOST_TEST(median_coverage_note({10, 1, 1, 1}, p).empty());  // no interval at all
}
