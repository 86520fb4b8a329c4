// Which points a run may run: every one, a shard (every n-th point from the k-th), --only's
// KEY=VALUE conditions (values compared as the parameter reads them), replicates, indices and
// ranges, all of them together; and a bad filter refused naming it.
#define BOOST_TEST_MODULE point_selection
#include <boost/test/unit_test.hpp>
#include <vector>

#include "common/errors.hpp"
#include "runner/run/point_selection.hpp"
#include "tests/support/synthetic_run.hpp"

using namespace diffsweep;

namespace {

// 3 x values by 2 y values by 2 replicates: 12 points, the replicate innermost, then y.
Sweep grid(const Experiment& e) {
  return test::synthetic_sweep(e,
                               "[sweep]\nexperiment = synthetic\nseed = 1\nreplicates = "
                               "2\n[axes]\nx = 1, 2, 3\ny = 0.5, 4\n");
}

std::vector<std::size_t> selected(const PointSelection& s, std::size_t n) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < n; ++i)
    if (s.contains(i)) out.push_back(i);
  return out;
}

std::string refusal(const std::string& only, const Sweep& sweep) {
  try {
    PointSelection(only, std::nullopt, sweep);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

using Indices = std::vector<std::size_t>;

}  // namespace

BOOST_AUTO_TEST_CASE(every_point_by_default_and_a_shard_takes_every_nth) {
  SyntheticExperiment e;
  const Sweep sweep = grid(e);
  BOOST_TEST_REQUIRE(sweep.size() == 12u);
  const PointSelection all;
  BOOST_TEST(all.everything());
  BOOST_TEST(all.describe() == "");
  BOOST_TEST(selected(all, 12).size() == 12u);

  const PointSelection shard("", Shard{2, 5}, sweep);
  BOOST_TEST(!shard.everything());
  BOOST_TEST(selected(shard, 12) == (Indices{1, 6, 11}), boost::test_tools::per_element());
  BOOST_TEST(shard.describe() == "shard 2/5");
  // The shards of one sweep cover it once.
  std::vector<int> covered(12, 0);
  for (std::size_t k = 1; k <= 5; ++k)
    for (const std::size_t i : selected(PointSelection("", Shard{k, 5}, sweep), 12)) ++covered[i];
  BOOST_TEST(covered == std::vector<int>(12, 1), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(conditions_compare_values_as_the_parameter_reads_them) {
  SyntheticExperiment e;
  const Sweep sweep = grid(e);
  // 2.0 is the x = 2 of the sweep file; y = 4 is its second value.
  const PointSelection x2("x = 2.0", std::nullopt, sweep);
  for (const std::size_t i : selected(x2, 12)) BOOST_TEST(sweep.point(i).params.real("x") == 2.0);
  BOOST_TEST(selected(x2, 12).size() == 4u);
  const PointSelection both("x=2,y=4", std::nullopt, sweep);
  const Indices both_points = selected(both, 12);
  BOOST_TEST_REQUIRE(both_points.size() == 2u);
  for (const std::size_t i : both_points) {
    BOOST_TEST(sweep.point(i).params.real("x") == 2.0);
    BOOST_TEST(sweep.point(i).params.real("y") == 4.0);
  }
  BOOST_TEST(both.describe() == "only x=2,y=4");
  // A parameter the sweep does not vary holds its default everywhere.
  BOOST_TEST(selected(PointSelection("exponent=1", std::nullopt, sweep), 12).size() == 12u);
  BOOST_TEST(selected(PointSelection("exponent=2", std::nullopt, sweep), 12).empty());
  BOOST_TEST(!PointSelection("x=7", std::nullopt, sweep).selects_any());
  BOOST_TEST(PointSelection("x=3", std::nullopt, sweep).selects_any());

  const PointSelection first_replicate("replicate=0", std::nullopt, sweep);
  for (const std::size_t i : selected(first_replicate, 12))
    BOOST_TEST(sweep.point(i).replicate == 0);
  BOOST_TEST(selected(first_replicate, 12).size() == 6u);
}

BOOST_AUTO_TEST_CASE(indices_and_ranges_combine_with_conditions_and_shards) {
  SyntheticExperiment e;
  const Sweep sweep = grid(e);
  BOOST_TEST(selected(PointSelection("3", std::nullopt, sweep), 12) == (Indices{3}),
             boost::test_tools::per_element());
  // A range's end past the sweep stops at its last point.
  BOOST_TEST(
      selected(PointSelection("2-4,10-99", std::nullopt, sweep), 12) == (Indices{2, 3, 4, 10, 11}),
      boost::test_tools::per_element());
  const PointSelection mixed("0-7,replicate=1", Shard{1, 2}, sweep);
  // Indices 0..7, odd (replicate 1), and even (shard 1/2): none.
  BOOST_TEST(selected(mixed, 12).empty());
  BOOST_TEST(!mixed.selects_any());
  BOOST_TEST(mixed.describe() == "shard 1/2, only 0-7,replicate=1");
  BOOST_TEST(
      selected(PointSelection("0-7,replicate=1", Shard{2, 2}, sweep), 12) == (Indices{1, 3, 5, 7}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_bad_filter_is_refused_naming_it) {
  SyntheticExperiment e;
  const Sweep sweep = grid(e);
  BOOST_TEST(refusal("x=1,,y=4", sweep) == "--only 'x=1,,y=4': an empty condition");
  BOOST_TEST(refusal("12", sweep) ==
             "--only: '12' is not KEY=VALUE, an index or a range A-B of the sweep's 12 points");
  BOOST_TEST(refusal("5-2", sweep) ==
             "--only: '5-2' is not KEY=VALUE, an index or a range A-B of the sweep's 12 points");
  BOOST_TEST(refusal("replicate=2", sweep) == "--only: replicate '2' is not one of 0 .. 1");
  BOOST_TEST(refusal("colour=red", sweep) ==
             "--only: 'colour' is not a parameter of experiment 'synthetic'");
  const std::string bad_value = refusal("x=abc", sweep);
  BOOST_TEST(bad_value.rfind("--only: key 'x': value 'abc': ", 0) == 0u, bad_value);
  BOOST_TEST(refusal("x=1", sweep) == "");
}
