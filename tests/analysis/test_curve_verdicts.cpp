// The plain-word verdicts, positive and negative, on curves whose shape is chosen.
#define BOOST_TEST_MODULE curve_verdicts
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>

#include "analysis/curve_verdicts.hpp"

using namespace diffsweep::analysis;

namespace {

std::vector<double> logspace(double lo, double hi, int k) {
  std::vector<double> x;
  for (int i = 0; i < k; ++i) x.push_back(lo * std::pow(hi / lo, static_cast<double>(i) / (k - 1)));
  return x;
}

template <class F>
std::vector<double> apply(const std::vector<double>& x, F f) {
  std::vector<double> y;
  for (double v : x) y.push_back(f(v));
  return y;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(power_law_verdicts) {
  const auto x = logspace(0.1, 100, 13);
  std::mt19937_64 rng(3);
  std::normal_distribution<double> z(0.0, 0.05);
  const auto holds = power_law_verdict(
      "m", "R", "x",
      analyse_curve(x, apply(x, [&](double v) { return std::pow(v, 1.5) * std::exp(z(rng)); })),
      "points");
  BOOST_TEST(starts_with(holds, "m: R grows as a power of x: slope 1."), holds);
  BOOST_TEST(holds.find("over 13 points") != std::string::npos, holds);

  const auto falls = power_law_verdict(
      "m", "R", "x", analyse_curve(x, apply(x, [](double v) { return 1 / v; })), "points");
  BOOST_TEST(starts_with(falls, "m: R falls as a power of x: slope -1.00 [-1.00, -1.00]"), falls);

  std::normal_distribution<double> wide(0.0, 0.3);
  const auto flat = power_law_verdict(
      "m", "R", "x", analyse_curve(x, apply(x, [&](double) { return std::exp(wide(rng)); })),
      "points");
  BOOST_TEST(starts_with(flat, "m: R does not change measurably with x: slope"), flat);
  BOOST_TEST(flat.find("(the interval contains 0)") != std::string::npos);

  // A jump by a factor 30 at x = 3 on top of a linear law: not one power law.
  const auto jump = power_law_verdict(
      "m", "R", "x", analyse_curve(x, apply(x, [](double v) { return v < 3 ? v : 30 * v; })),
      "points");
  BOOST_TEST(starts_with(jump, "m: R grows with x but"), jump);

  const auto few = power_law_verdict("m", "R", "x", analyse_curve({1, 2}, {1, 2}), "points");
  BOOST_TEST(starts_with(few, "m: R: too few usable points for a fit (2 points"), few);
}

BOOST_AUTO_TEST_CASE(transition_verdicts) {
  const auto x = logspace(0.01, 100, 17);
  const auto sharp = transition_verdict(
      "c", "R", "x", analyse_curve(x, apply(x, [](double v) { return std::pow(v, 4); })));
  BOOST_TEST(sharp ==
             "c: R crosses 1 at x = 1, from 0.1 to 10 within 0.5 decades: a sharp "
             "transition");
  const auto gradual =
      transition_verdict("c", "R", "x", analyse_curve(x, apply(x, [](double v) { return v; })));
  BOOST_TEST(gradual ==
             "c: R crosses 1 at x = 1, from 0.1 to 10 within 2 decades: a gradual "
             "change, not a sharp transition");
  const auto never = transition_verdict(
      "c", "R", "x", analyse_curve(x, apply(x, [](double v) { return 0.01 * std::pow(v, 0.1); })));
  BOOST_TEST(starts_with(never,
                         "c: R never crosses 1 (median R spans [0.0063, 0.016] over x in "
                         "[0.01, 100]): no transition in this range"),
             never);
  const auto shallow = transition_verdict(
      "c", "R", "x", analyse_curve(x, apply(x, [](double v) { return std::pow(v, 0.2); })));
  BOOST_TEST(shallow.find("short of 0.1 to 10 over 4 decades: not a sharp transition") !=
                 std::string::npos,
             shallow);
  const auto narrow = transition_verdict("c", "R", "x", analyse_curve({1, 1.5, 2}, {0.5, 1.2, 2}));
  BOOST_TEST(narrow.find("the swept range is too narrow to measure the transition's width") !=
                 std::string::npos,
             narrow);
  const auto down =
      transition_verdict("c", "R", "x", analyse_curve(x, apply(x, [](double v) { return 1 / v; })));
  BOOST_TEST(starts_with(down, "c: R only falls through 1"), down);
}
