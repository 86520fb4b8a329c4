#define BOOST_TEST_MODULE refine_spec
#include <boost/test/unit_test.hpp>

#include "runner/sweep/refine_spec.hpp"
#include "runner/sweep/sweep_expansion.hpp"
#include "runner/sweep/sweep_file_error.hpp"
#include "synthetic/synthetic_experiment.hpp"

using namespace diffsweep;

namespace {

const std::string base =
    "[sweep]\nexperiment = synthetic\nseed = 4\nreplicates = 2\n[axes]\ny = 1, 2, 4\n[refine]\n"
    "axis = x\nrange = 0.1, 100\nmetric = value\nlevel = 3\n";

std::string error_of(const std::string& text) {
  SyntheticExperiment e;
  try {
    read_refine(parse_sweep_text("r.ini", text), e);
  } catch (const SweepFileError& err) {
    return err.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_section_reads_into_search_settings) {
  SyntheticExperiment e;
  const auto r =
      read_refine(parse_sweep_text("r.ini", base + "tolerance = 2%\nper_round = 3\n"), e);
  BOOST_REQUIRE(r.has_value());
  BOOST_TEST(r->axis == "x");
  BOOST_TEST(r->metric == "value");
  BOOST_TEST(r->search.lo == 0.1);
  BOOST_TEST(r->search.hi == 100.0);
  BOOST_TEST(r->search.relative);
  BOOST_TEST(r->search.tolerance == 0.02);
  BOOST_TEST(r->search.per_round == 3);
  BOOST_TEST(r->search.budget == 40);  // the default
  const auto absolute = read_refine(parse_sweep_text("r.ini", base + "tolerance = 0.5\n"), e);
  BOOST_TEST(!absolute->search.relative);
  BOOST_TEST(absolute->search.tolerance == 0.5);
  BOOST_TEST(
      !read_refine(parse_sweep_text("r.ini", "[sweep]\nexperiment = synthetic\nseed = 1\n"), e));
}

BOOST_AUTO_TEST_CASE(bad_sections_name_the_file_key_and_value) {
  BOOST_TEST(
      error_of(base + "tolerance = 2%\nmetric2 = R\n").find("r.ini:13: key 'refine.metric2'") !=
      std::string::npos);
  BOOST_TEST(error_of(base).find("key 'refine.tolerance'") != std::string::npos);  // missing
  BOOST_TEST(
      error_of(base + "tolerance = 2%\nscale = cubic\n").find("value 'cubic': log or linear") !=
      std::string::npos);
  BOOST_TEST(error_of(base + "tolerance = 2%\nbudget = 3\n").find("key 'refine.budget'") !=
             std::string::npos);
  BOOST_TEST(error_of(base + "tolerance = 0%\n").find("must be above 0") != std::string::npos);
  std::string in_axes = base + "tolerance = 2%\n";
  in_axes.replace(in_axes.find("y = 1, 2, 4"), 11, "x = 1, 2");
  BOOST_TEST(error_of(in_axes).find("value 'x': also given in [axes]") != std::string::npos);
  std::string unknown_metric = base + "tolerance = 2%\n";
  unknown_metric.replace(unknown_metric.find("metric = value"), 14, "metric = R");
  BOOST_TEST(error_of(unknown_metric).find("not a metric of synthetic") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_refined_axis_is_the_lattice_varying_fastest) {
  SyntheticExperiment e;
  const Sweep s = expand_sweep(parse_sweep_text("r.ini", base + "tolerance = 2%\n"), e);
  BOOST_TEST(s.lattice.size() == 699u);
  BOOST_TEST(s.size() == 3u * 699u * 2u);
  BOOST_TEST(s.refine_groups() == 3u);
  BOOST_TEST(s.axis_names.back() == "x");
  // Group 1 (y = 2), lattice value 5, replicate 1.
  const std::size_t i = s.refine_point(1, 5, 1);
  const SweepPoint p = s.point(i);
  BOOST_TEST(p.params.real("y") == 2.0);
  BOOST_TEST(p.params.real("x") == s.lattice[5]);
  BOOST_TEST(p.replicate == 1);
}

// seeds = common: a replicate draws the same data at every value of the refined axis (and only
// there), every point keeps its own id, and the sweep's hash says the seeds differ.
BOOST_AUTO_TEST_CASE(common_seeds_share_a_replicates_seed_along_the_refined_axis_only) {
  SyntheticExperiment e;
  BOOST_TEST(error_of(base + "tolerance = 2%\nseeds = sometimes\n")
                 .find("key 'refine.seeds': value 'sometimes': independent or common") !=
             std::string::npos);
  const Sweep independent = expand_sweep(parse_sweep_text("r.ini", base + "tolerance = 2%\n"), e);
  const Sweep common =
      expand_sweep(parse_sweep_text("r.ini", base + "tolerance = 2%\nseeds = common\n"), e);
  BOOST_TEST(common.hash != independent.hash);
  const auto at = [&](const Sweep& s, std::size_t g, std::size_t i, std::size_t r) {
    return s.point(s.refine_point(g, i, r));
  };
  BOOST_TEST(at(common, 1, 5, 1).seed == at(common, 1, 600, 1).seed);
  BOOST_TEST(at(common, 1, 5, 1).seed != at(common, 1, 5, 0).seed);
  BOOST_TEST(at(common, 1, 5, 1).seed != at(common, 2, 5, 1).seed);
  BOOST_TEST(at(common, 1, 5, 1).point_id != at(common, 1, 600, 1).point_id);
  BOOST_TEST(at(common, 1, 5, 1).point_id == at(independent, 1, 5, 1).point_id);
  BOOST_TEST(at(independent, 1, 5, 1).seed != at(independent, 1, 600, 1).seed);
  const std::size_t i = common.refine_point(1, 5, 1);
  BOOST_TEST(common.seed(i, common.point_id(i)) == at(common, 1, 5, 1).seed);
}
