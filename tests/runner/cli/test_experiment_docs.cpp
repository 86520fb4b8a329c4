// What --list-experiments, --describe and --dry-run print: every built-in experiment with its
// summary and the two kinds from outside; an experiment's parameters, metrics and series in
// columns as wide as their widest entry (ranges, choices, auto and unset defaults written out);
// and the points of a selection with their seeds, values and statuses, in aligned columns.
#define BOOST_TEST_MODULE experiment_docs
#include <boost/test/unit_test.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/install_layout.hpp"
#include "experiment_registry.hpp"
#include "results_io/results_format.hpp"
#include "runner/cli/experiment_docs.hpp"
#include "tests/support/synthetic_run.hpp"

using namespace diffsweep;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

class Documented : public Experiment {
 public:
  std::string_view name() const override { return "documented"; }
  std::string_view summary() const override { return "an experiment to describe"; }
  const std::vector<ParamSpec>& params() const override { return params_; }
  const std::vector<MetricSpec>& metrics() const override { return metrics_; }
  std::vector<MetricSpec> series() const override { return {{"curve", "loss per step"}}; }
  PointResult run(const Params&, const PointContext&) override { return {}; }

 private:
  std::vector<ParamSpec> params_ = {
      {"rate", ParamType::real, "0.5", 0, 1, {}, {}, "learning rate"},
      {"mode", ParamType::choice, "fast", -inf, inf, {"fast", "careful"}, {}, "how it goes"},
      {"verbose", ParamType::boolean, "false", -inf, inf, {}, {}, "talk"},
      {"steps", ParamType::integer, "auto", 1, 1000, {}, 50, "steps to take"},
      {"label", ParamType::real, "", -inf, inf, {}, {}, "a free number"},
      {"knob", ParamType::real, "1", 0, 2, {}, {}, "a new knob", {}, "0"}};
  std::vector<MetricSpec> metrics_ = {{"loss", "final loss", "nats"},
                                      {"accuracy_of_all", "fraction right"}};
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The offsets at which the line's words start.
std::vector<std::size_t> word_starts(const std::string& line) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < line.size(); ++i)
    if (line[i] != ' ' && (i == 0 || line[i - 1] == ' ')) starts.push_back(i);
  return starts;
}

std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_list_names_every_built_in_experiment_and_the_two_from_outside) {
  std::ostringstream out;
  list_experiments(out);
  const auto lines = lines_of(out.str());
  const auto names = experiment_names();
  BOOST_TEST_REQUIRE(lines.size() == names.size() + 2);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string name(names[i]);
    BOOST_TEST(lines[i] == name + std::string(20 - name.size(), ' ') +
                               std::string(make_experiment(name)->summary()));
  }
  BOOST_TEST(lines[names.size()].starts_with("external            any program that speaks"));
  BOOST_TEST(lines[names.size() + 1].starts_with("plugin:PATH         a C++ experiment"));
  BOOST_TEST(out.str().find("synthetic") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_description_gives_each_parameter_metric_and_series_in_columns) {
  std::ostringstream out;
  describe_experiment(out, Documented());
  const std::string expected =
      "documented: an experiment to describe\n"
      "\n"
      "parameters (sweep keys):\n"
      "  rate             real     default 0.5      [0, 1]             learning rate\n"
      "  mode             choice   default fast     fast | careful     how it goes\n"
      "  verbose          boolean  default false    true | false       talk\n"
      "  steps            integer  default auto     [1, 1000] or auto  steps to take\n"
      "  label            real     default (unset)  [-inf, inf]        a free number\n"
      "  knob             real     default 1        [0, 2]             a new knob (added later: 0 "
      "computes what the experiment did before it existed; points at 0 keep their ids)\n"
      "\n"
      "metrics:\n"
      "  loss             final loss (nats)\n"
      "  accuracy_of_all  fraction right\n"
      "\n"
      "series:\n"
      "  curve            loss per step\n"
      "\n"
      "The docs/ pages cited above are installed in " +
      shared_data_dir() + "/docs.\n";
  BOOST_TEST(out.str() == expected);
}

BOOST_AUTO_TEST_CASE(a_built_in_description_lists_its_declared_parameters) {
  SyntheticExperiment e;
  std::ostringstream out;
  describe_experiment(out, e);
  const auto lines = lines_of(out.str());
  BOOST_TEST_REQUIRE(lines.size() > e.params().size() + 3);
  BOOST_TEST(lines[0] == "synthetic: " + std::string(e.summary()));
  BOOST_TEST(lines[2] == "parameters (sweep keys):");
  for (std::size_t i = 0; i < e.params().size(); ++i)
    BOOST_TEST(words(lines[3 + i]).front() == e.params()[i].name);
  // No series declared: no series section.
  BOOST_TEST(out.str().find("\nseries:") == std::string::npos);
  BOOST_TEST(out.str().find("\nmetrics:\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_points_are_listed_with_their_values_in_aligned_columns) {
  SyntheticExperiment e;
  const Sweep sweep = test::synthetic_sweep(
      e, "[sweep]\nexperiment = synthetic\nseed = 3\nreplicates = 2\n[axes]\nx = 1, 2.5, 300\n");
  BOOST_TEST_REQUIRE(sweep.size() == 6u);
  std::ostringstream out;
  print_points(out, sweep, PointSelection(), nullptr);
  const auto lines = lines_of(out.str());
  BOOST_TEST_REQUIRE(lines.size() == 8u);
  BOOST_TEST(lines[0] == "6 points of experiment synthetic (sweep " + sweep.spec.name + ", hash " +
                             results::hex_id(sweep.hash) + ")");
  BOOST_TEST(
      words(lines[1]) == (std::vector<std::string>{"index", "point_id", "replicate", "seed", "x"}),
      boost::test_tools::per_element());
  const auto columns = word_starts(lines[1]);
  const std::vector<std::string> xs = {"1", "1", "2.5", "2.5", "300", "300"};
  for (std::size_t i = 0; i < 6; ++i) {
    const SweepPoint p = sweep.point(i);
    const std::vector<std::string> row = {std::to_string(i), std::to_string(p.point_id),
                                          std::to_string(p.replicate), std::to_string(p.seed),
                                          xs[i]};
    BOOST_TEST(words(lines[2 + i]) == row, boost::test_tools::per_element());
    BOOST_TEST(word_starts(lines[2 + i]) == columns, boost::test_tools::per_element());
    BOOST_TEST(p.replicate == static_cast<std::int64_t>(i % 2));
  }
}

BOOST_AUTO_TEST_CASE(a_selection_lists_its_points_and_statuses_show_beside_them) {
  SyntheticExperiment e;
  const Sweep sweep = test::synthetic_sweep(
      e, "[sweep]\nexperiment = synthetic\nseed = 3\nreplicates = 2\n[axes]\nx = 1, 2.5, 300\n");
  const PointSelection selection("x=2.5", std::nullopt, sweep);
  // Statuses of the first 3 points only: the others show '?'.
  const std::vector<std::string> statuses = {"done", "failed", "pending"};
  std::ostringstream out;
  print_points(out, sweep, selection, &statuses);
  const auto lines = lines_of(out.str());
  BOOST_TEST_REQUIRE(lines.size() == 4u);
  BOOST_TEST(lines[0] == "6 points of experiment synthetic (sweep " + sweep.spec.name + ", hash " +
                             results::hex_id(sweep.hash) + "); 2 selected (only x=2.5)");
  BOOST_TEST(words(lines[1]) == (std::vector<std::string>{"index", "point_id", "replicate", "seed",
                                                          "status", "x"}),
             boost::test_tools::per_element());
  BOOST_TEST(words(lines[2])[0] == "2");
  BOOST_TEST(words(lines[2])[4] == "pending");
  BOOST_TEST(words(lines[3])[0] == "3");
  BOOST_TEST(words(lines[3])[4] == "?");
  BOOST_TEST(words(lines[3])[5] == "2.5");
  BOOST_TEST(word_starts(lines[2]) == word_starts(lines[1]), boost::test_tools::per_element());
}
