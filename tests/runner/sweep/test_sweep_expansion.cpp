#define BOOST_TEST_MODULE sweep_expansion
#include <boost/test/unit_test.hpp>
#include <set>

#include "common/seeding.hpp"
#include "results_io/results_format.hpp"
#include "runner/sweep/sweep_expansion.hpp"
#include "runner/sweep/sweep_file_error.hpp"
#include "synthetic/synthetic_experiment.hpp"

using namespace diffsweep;

namespace {
std::vector<SweepPoint> all_points(const Sweep& s) {
  std::vector<SweepPoint> out;
  for (std::size_t i = 0; i < s.size(); ++i) out.push_back(s.point(i));
  return out;
}

SweepSpec spec(KeyValues axes, std::int64_t replicates = 1, std::uint64_t seed = 9) {
  SweepSpec s;
  s.path = "test.ini";
  s.experiment = "synthetic";
  s.seed = seed;
  s.replicates = replicates;
  s.axes = std::move(axes);
  return s;
}
}  // namespace

BOOST_AUTO_TEST_CASE(count_is_the_product_of_axes_times_replicates) {
  SyntheticExperiment e;
  const Sweep s = expand_sweep(spec({{"x", "1, 2, 3"}, {"y", "linspace(0, 1, 4)"}}, 5), e);
  BOOST_TEST(s.size() == 3u * 4u * 5u);
  std::set<std::uint64_t> ids, seeds;
  for (const auto& p : all_points(s)) {
    ids.insert(p.point_id);
    seeds.insert(p.seed);
  }
  BOOST_TEST(ids.size() == s.size());
  BOOST_TEST(seeds.size() == s.size());
}

BOOST_AUTO_TEST_CASE(order_is_first_axis_slowest_replicate_innermost) {
  SyntheticExperiment e;
  const Sweep s = expand_sweep(spec({{"x", "1, 2"}, {"y", "10, 20, 30"}}, 2), e);
  std::vector<std::tuple<double, double, std::int64_t>> got;
  for (const auto& p : all_points(s))
    got.emplace_back(p.params.real("x"), p.params.real("y"), p.replicate);
  const std::vector<std::tuple<double, double, std::int64_t>> want = {
      {1, 10, 0}, {1, 10, 1}, {1, 20, 0}, {1, 20, 1}, {1, 30, 0}, {1, 30, 1},
      {2, 10, 0}, {2, 10, 1}, {2, 20, 0}, {2, 20, 1}, {2, 30, 0}, {2, 30, 1}};
  BOOST_TEST(got == want);
  for (std::size_t i = 0; i < s.size(); ++i) BOOST_TEST(s.point(i).index == i);
  // Unswept parameters hold their defaults.
  BOOST_TEST(s.point(0).params.real("exponent") == 1.0);
}

BOOST_AUTO_TEST_CASE(ids_depend_on_values_not_on_how_they_were_written) {
  SyntheticExperiment e;
  const Sweep a = expand_sweep(spec({{"x", "0.5, 2"}, {"y", "3"}}), e);
  SweepSpec other = spec({{"y", "3.0"}, {"x", "5e-1, 2.0"}});
  const Sweep b = expand_sweep(other, e);
  // Same points (y first now, so a different order): same ids.
  std::set<std::uint64_t> ia, ib;
  for (const auto& p : all_points(a)) ia.insert(p.point_id);
  for (const auto& p : all_points(b)) ib.insert(p.point_id);
  BOOST_TEST(ia == ib);
  // A default given explicitly is the same point as the default left implicit.
  SweepSpec explicit_default = spec({{"x", "0.5, 2"}, {"y", "3"}});
  explicit_default.fixed = {{"exponent", "1"}};
  BOOST_TEST(expand_sweep(explicit_default, e).point(0).point_id == a.point(0).point_id);
}

BOOST_AUTO_TEST_CASE(ids_and_seeds_are_stable_across_builds) {
  // These numbers are stored in results files; if this test fails, old files cannot be resumed.
  // The expected id was computed outside C++ from the recipe in docs/results-format.md:
  // mix64(fnv1a64("synthetic\nexponent=1\nflaky=0\nnan_above=inf\nnoise=0\nsleep_ms=0\n"
  //               "throw_above=inf\nx=2\ny=1\nreplicate=0")).
  SyntheticExperiment e;
  const Sweep s = expand_sweep(spec({{"x", "2"}}, 2, 7), e);
  BOOST_TEST(results::hex_id(s.point(0).point_id) == "4a0bc3f5dcb14cfd");
  BOOST_TEST(s.point(1).point_id != s.point(0).point_id);
  BOOST_TEST(s.point(0).seed == derive_seed(7, s.point(0).point_id));
}

BOOST_AUTO_TEST_CASE(seeds_change_with_the_sweep_seed_ids_do_not) {
  SyntheticExperiment e;
  const Sweep a = expand_sweep(spec({{"x", "2"}}, 1, 7), e);
  const Sweep b = expand_sweep(spec({{"x", "2"}}, 1, 8), e);
  BOOST_TEST(a.point(0).point_id == b.point(0).point_id);
  BOOST_TEST(a.point(0).seed != b.point(0).seed);
  BOOST_TEST(a.hash != b.hash);
}

BOOST_AUTO_TEST_CASE(the_sweep_hash_follows_the_points) {
  SyntheticExperiment e;
  const auto h = [&](KeyValues axes, std::int64_t reps = 1) {
    return expand_sweep(spec(axes, reps), e).hash;
  };
  BOOST_TEST(h({{"x", "1, 2"}}) == h({{"x", "1.0, 2"}}));
  BOOST_TEST(h({{"x", "1, 2"}}) != h({{"x", "1, 3"}}));
  BOOST_TEST(h({{"x", "1, 2"}}) != h({{"x", "1, 2"}}, 2));
}

BOOST_AUTO_TEST_CASE(cases_are_blocks_of_their_own_axes_times_the_common_axes) {
  SyntheticExperiment e;
  SweepSpec s = spec({{"x", "1, 2"}}, 2);
  s.fixed = {{"noise", "0.5"}};
  s.cases = {{"plain", {}}, {"steep", {{"exponent", "2, 3"}, {"noise", "0"}}}};
  const Sweep sweep = expand_sweep(s, e);
  // plain: 2 x values; steep: 2 exponents x 2 x values; each times 2 replicates.
  BOOST_TEST(sweep.size() == (2u + 4u) * 2u);
  std::vector<std::tuple<double, double, double, std::int64_t>> got;
  for (const auto& p : all_points(sweep))
    got.emplace_back(p.params.real("exponent"), p.params.real("x"), p.params.real("noise"),
                     p.replicate);
  const std::vector<std::tuple<double, double, double, std::int64_t>> want = {
      {1, 1, 0.5, 0}, {1, 1, 0.5, 1}, {1, 2, 0.5, 0}, {1, 2, 0.5, 1}, {2, 1, 0, 0}, {2, 1, 0, 1},
      {2, 2, 0, 0},   {2, 2, 0, 1},   {3, 1, 0, 0},   {3, 1, 0, 1},   {3, 2, 0, 0}, {3, 2, 0, 1}};
  BOOST_TEST(got == want);
  const std::vector<std::string> names = {"exponent", "noise", "x"};
  BOOST_TEST(sweep.axis_names == names);
  // A point's id does not depend on which case produced it.
  const Sweep flat = expand_sweep(spec({{"exponent", "2"}, {"x", "1"}}, 1), e);
  SweepSpec one = spec({{"x", "1"}}, 1);
  one.cases = {{"only", {{"exponent", "2"}}}};
  BOOST_TEST(expand_sweep(one, e).point(0).point_id == flat.point(0).point_id);
}

BOOST_AUTO_TEST_CASE(a_points_id_from_its_index_is_the_id_of_its_parameters) {
  SyntheticExperiment e;
  SweepSpec s = spec({{"x", "1, 2, 3"}}, 3);
  s.fixed = {{"noise", "0.25"}};
  s.cases = {{"flat", {{"exponent", "1"}}}, {"steep", {{"exponent", "2, 3"}, {"y", "5"}}}};
  const Sweep sweep = expand_sweep(s, e);
  const Sweep worker = open_sweep(s, e);  // unchecked, as a worker opens it
  BOOST_TEST(sweep.size() == (3u + 2u * 3u) * 3u);
  for (std::size_t i = 0; i < sweep.size(); ++i) {
    const SweepPoint p = sweep.point(i);
    BOOST_TEST(p.point_id == point_id_of(e, p.params, p.replicate));
    BOOST_TEST(worker.point_id(i) == p.point_id);
    BOOST_TEST(sweep.replicate(i) == p.replicate);
    for (const auto& [name, value] : p.params.values())
      BOOST_TEST((*sweep.value(i, name) == value));
  }
  BOOST_TEST(!sweep.value(0, "no_such_parameter"));
  BOOST_TEST(sweep.sets_everywhere("exponent"));
}

BOOST_AUTO_TEST_CASE(zero_and_minus_zero_are_one_value) {
  SyntheticExperiment e;
  BOOST_CHECK_THROW(expand_sweep(spec({{"x", "0, -0"}}), e), SweepFileError);
}

BOOST_AUTO_TEST_CASE(a_sweep_too_large_is_refused_at_once_naming_its_axis) {
  SyntheticExperiment e;
  try {
    expand_sweep(spec({{"x", "linspace(1, 2, 10000)"}, {"y", "linspace(1, 2, 100000)"}}), e);
    BOOST_FAIL("no error");
  } catch (const SweepFileError& err) {
    BOOST_TEST(std::string(err.what()).find("axes.y") != std::string::npos, err.what());
    BOOST_TEST(std::string(err.what()).find("100000000 points") != std::string::npos);
  }
}
