// The paper's outcomes, reduced to d = 200 and a handful of points so they are checked at every
// commit (the full sweeps are sweeps/fl_fig1.ini and sweeps/fl_fig2.ini). Every number asserted
// here comes from a real training run of the experiment with its default settings.
#define BOOST_TEST_MODULE feature_learning_outcomes
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "common/seeding.hpp"
#include "feature_learning/feature_learning_experiment.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;

namespace {

PointResult run(const std::string& model, int n, double nsnr2, std::uint64_t replicate,
                const std::vector<std::pair<std::string, std::string>>& more = {}) {
  FeatureLearningExperiment e;
  Params p = default_params(e.params());
  auto set = [&](const std::string& key, const std::string& value) {
    p.set(key, parse_param_value(*find_spec(e.params(), key), value));
  };
  set("model", model);
  set("d", "200");
  set("n", std::to_string(n));
  set("nsnr2", std::to_string(nsnr2));
  set("n_test", "500");
  for (const auto& [key, value] : more) set(key, value);
  e.validate(p);
  return e.run(p, {derive_seed(7, replicate * 1000 + static_cast<std::uint64_t>(nsnr2 * 100) + n),
                   7, replicate});
}

struct Fit {
  double slope, r2;
};

Fit log_log_fit(const std::vector<double>& x, const std::vector<double>& y) {
  const double k = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mx += std::log(x[i]) / k, my += std::log(y[i]) / k;
  double sxx = 0, sxy = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double dx = std::log(x[i]) - mx, dy = std::log(y[i]) - my;
    sxx += dx * dx, sxy += dx * dy, syy += dy * dy;
  }
  return {sxy / sxx, sxy * sxy / (sxx * syy)};
}

}  // namespace

// fl_fig2 reduced: n snr^2 = 0.75 and 6.75, two replicates.
BOOST_AUTO_TEST_CASE(classifier_memorises_noise_at_low_and_learns_signal_at_high_nsnr2) {
  for (std::uint64_t rep = 0; rep < 2; ++rep) {
    const auto low = run("classification", 32, 0.75, rep);
    const auto high = run("classification", 32, 6.75, rep);
    BOOST_TEST(low.scalars.at("R") < 1.0);
    BOOST_TEST(high.scalars.at("R") > 1.0);
    BOOST_TEST(std::abs(low.scalars.at("test_acc") - 0.5) < 0.1);
    BOOST_TEST(high.scalars.at("test_acc") > 0.9);
    // They move apart over training: from similar starting ratios, down at low, up at high.
    const auto& r_low = low.series.at("R");
    const auto& r_high = high.series.at("R");
    BOOST_TEST(r_low.back() < r_low.front());
    BOOST_TEST(r_high.back() > r_high.front());
    BOOST_TEST(r_high.back() / r_low.back() > 100.0);
  }
}

BOOST_AUTO_TEST_CASE(diffusion_reaches_a_stationary_point_with_larger_ratio_at_higher_nsnr2) {
  for (std::uint64_t rep = 0; rep < 2; ++rep) {
    const auto low = run("diffusion", 32, 0.75, rep);
    const auto high = run("diffusion", 32, 6.75, rep);
    BOOST_TEST(low.scalars.at("converged") == 1.0);
    BOOST_TEST(high.scalars.at("converged") == 1.0);
    BOOST_TEST(high.scalars.at("R") > 3 * low.scalars.at("R"));
  }
}

// fl_fig1 reduced: three decades of n snr^2, two values of n.
BOOST_AUTO_TEST_CASE(diffusion_ratio_is_a_power_law_in_nsnr2_and_classifier_ratio_crosses_one) {
  const std::vector<double> grid = {0.03, 0.3, 3, 30};
  std::vector<double> x, y;
  for (int n : {16, 64}) {
    double previous = 0;
    for (double v : grid) {
      const auto r = run("diffusion", n, v, 0);
      BOOST_TEST(r.scalars.at("converged") == 1.0, "n = " << n << ", n snr^2 = " << v);
      // No jump: every decade of n snr^2 multiplies R by a bounded factor.
      if (previous > 0) BOOST_TEST(r.scalars.at("R") / previous < 100.0);
      BOOST_TEST(r.scalars.at("R") > previous);
      previous = r.scalars.at("R");
      x.push_back(v);
      y.push_back(previous);

      const auto c = run("classification", n, v, 0);
      if (v < 1) BOOST_TEST(c.scalars.at("R") < 1.0, "n = " << n << ", n snr^2 = " << v);
      if (v > 10) BOOST_TEST(c.scalars.at("R") > 1.0, "n = " << n << ", n snr^2 = " << v);
    }
  }
  const Fit fit = log_log_fit(x, y);
  BOOST_TEST_MESSAGE("diffusion log R vs log n snr^2: slope " << fit.slope << ", R^2 " << fit.r2);
  BOOST_TEST(fit.slope > 0.5);
  BOOST_TEST(fit.r2 >= 0.9);
}

// fl_width reduced (d = 60, n = 32): every width trains without diverging, and m = 8 reaches a
// stationary point, at both regimes of t. Before the line search the step lr * m / kappa grew with
// m and most points with m >= 8 diverged.
BOOST_AUTO_TEST_CASE(every_width_trains_without_diverging_and_m8_converges) {
  for (const char* t : {"0.5", "2.5"})
    for (int m : {1, 2, 4, 8}) {
      const auto r =
          run("diffusion", 32, 1.0, 0, {{"d", "60"}, {"m", std::to_string(m)}, {"t", t}});
      const auto& s = r.scalars;
      BOOST_TEST_MESSAGE("t = " << t << ", m = " << m << ": steps " << s.at("steps") << ", R "
                                << s.at("R") << ", R0 " << s.at("R0") << ", converged "
                                << s.at("converged"));
      BOOST_TEST(std::isfinite(s.at("R")), "t = " << t << ", m = " << m);
      BOOST_TEST(std::isfinite(s.at("train_loss")), "t = " << t << ", m = " << m);
      BOOST_TEST(s.at("stalled") == 0.0, "t = " << t << ", m = " << m);
      // The recorded step is recomputed from the move, so it may exceed the ceiling by rounding.
      BOOST_TEST(s.at("step_max") <= s.at("step_size") * (1 + 1e-12));
      if (m == 8) BOOST_TEST(s.at("converged") == 1.0, "t = " << t);
    }
}

// L-BFGS in place of gradient descent, from the same initial filters and data. At m = 1 and 2,
// where both reach a stationary point they reach the same one. From m = 4 the loss has many
// stationary points (the filters can split the patches between them in many ways) and the two
// paths end at different ones, of nearly the same loss: R is then a property of the stationary
// point reached, not of the loss alone, and the spread is measured here and stated in the docs.
BOOST_AUTO_TEST_CASE(lbfgs_reaches_the_stationary_r_of_gradient_descent_at_m_up_to_2) {
  int both = 0;
  double worst_narrow = 0, worst_wide = 0, worst_loss = 0;
  for (const char* t : {"0.5", "2.5"})
    for (int m : {1, 2, 4, 8})
      for (double nsnr2 : {0.1, 10.0}) {
        const std::vector<std::pair<std::string, std::string>> at = {
            {"d", "60"}, {"m", std::to_string(m)}, {"t", t}};
        auto with_lbfgs = at;
        with_lbfgs.push_back({"optimizer", "lbfgs"});
        const auto gd = run("diffusion", 32, nsnr2, 0, at);
        const auto lbfgs = run("diffusion", 32, nsnr2, 0, with_lbfgs);
        const auto& a = gd.scalars;
        const auto& b = lbfgs.scalars;
        BOOST_TEST_MESSAGE("t = " << t << ", m = " << m << ", n snr^2 = " << nsnr2 << ": R gd "
                                  << a.at("R") << " (" << a.at("steps") << " steps, loss "
                                  << a.at("train_loss") << "), lbfgs " << b.at("R") << " ("
                                  << b.at("steps") << ", " << b.at("train_loss") << ")");
        BOOST_TEST(b.at("converged") == 1.0, "t = " << t << ", m = " << m);
        if (a.at("converged") != 1.0) continue;
        ++both;
        const double gap = std::abs(std::log(b.at("R") / a.at("R")));
        (m <= 2 ? worst_narrow : worst_wide) = std::max(m <= 2 ? worst_narrow : worst_wide, gap);
        // Against what training gained (the loss at the random start, step 0 of the series,
        // less the final loss): the loss itself is dominated by a constant.
        const double gained = gd.series.at("loss").front() - a.at("train_loss");
        worst_loss =
            std::max(worst_loss, std::abs(b.at("train_loss") - a.at("train_loss")) / gained);
        BOOST_TEST(b.at("steps") * 10 < a.at("steps"), "t = " << t << ", m = " << m);
      }
  BOOST_TEST_MESSAGE(both << " settings where both converged; largest |log(R_lbfgs / R_gd)| "
                          << worst_narrow << " at m <= 2, " << worst_wide
                          << " at m >= 4; largest loss gap / loss gained " << worst_loss);
  BOOST_TEST(both >= 12);
  BOOST_TEST(worst_narrow < 1e-3);
  BOOST_TEST(worst_wide < 1.0);  // different stationary points, but of the same scale of R
  BOOST_TEST(worst_loss < 0.05);
}
