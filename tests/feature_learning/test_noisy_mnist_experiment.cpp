#define BOOST_TEST_MODULE noisy_mnist_experiment
#include <Eigen/Dense>
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "feature_learning/feature_learning_experiment.hpp"
#include "feature_learning/mnist_digits.hpp"
#include "tests/support/experiment_points.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;

namespace {

// Every test reads the fixture of real digits.
struct UseFixture {
  UseFixture() { setenv("DIFFSWEEP_MNIST_DIR", DIFFSWEEP_MNIST_FIXTURE, 1); }
};
BOOST_GLOBAL_FIXTURE(UseFixture);

// A Noisy-MNIST point small enough for the 30 images per class of the fixture (n_eps stays at its
// default 16: with n = 16 and n_eps = 4 the diffusion model's step rule diverges).
Params point(test::Overrides kv) {
  return test::point_with(FeatureLearningExperiment(),
                          {{"data", "noisy_mnist"},
                           {"d", "784"},
                           {"n", "16"},
                           {"n_test", "20"},
                           {"iters", "300"},
                           {"log_every", "100"}},
                          kv);
}

std::string param_error(const Params& p) {
  try {
    FeatureLearningExperiment().validate(p);
  } catch (const ParamError& e) {
    return e.key() + ": " + e.reason();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_CASE(bad_settings_are_refused_when_the_sweep_is_read) {
  BOOST_TEST(param_error(point({})) == "");
  BOOST_TEST(param_error(point({{"d", "500"}})).find("d: ") == 0u);
  BOOST_TEST(param_error(point({{"digit_neg", "0"}})).find("digit_neg: ") == 0u);
  BOOST_TEST(param_error(point({{"digit_pos", "7"}})).find("7.json is missing") !=
             std::string::npos);
  setenv("DIFFSWEEP_MNIST_DIR", "/nonexistent/mnist", 1);
  const std::string missing = param_error(point({}));
  setenv("DIFFSWEEP_MNIST_DIR", DIFFSWEEP_MNIST_FIXTURE, 1);
  BOOST_TEST(missing.find("data: no MNIST digits: /nonexistent/mnist/0.json") == 0u, missing);
  BOOST_TEST(missing.find(mnist_fetch_command()) != std::string::npos, missing);
  // two_patch ignores the Noisy-MNIST parameters, and any d is fine.
  BOOST_TEST(param_error(point({{"data", "two_patch"}, {"d", "500"}, {"digit_neg", "0"}})) == "");
}

BOOST_AUTO_TEST_CASE(a_corrupt_class_file_fails_the_point_with_the_fetch_command) {
  const auto dir = std::filesystem::temp_directory_path() / "diffsweep-mnist-corrupt";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "0.json") << "{\"data\": [0.5";
  std::ofstream(dir / "1.json") << "{\"data\": [0.5";
  setenv("DIFFSWEEP_MNIST_DIR", dir.c_str(), 1);
  FeatureLearningExperiment e;
  BOOST_CHECK_EXCEPTION(e.run(point({}), {1, 0, 0}), MnistDataError, [](const auto& err) {
    return std::string(err.what()).find("fetch_mnist.sh") != std::string::npos;
  });
  setenv("DIFFSWEEP_MNIST_DIR", DIFFSWEEP_MNIST_FIXTURE, 1);
}

BOOST_AUTO_TEST_CASE(both_models_are_deterministic_and_save_the_figure_series) {
  FeatureLearningExperiment e;
  for (const char* model : {"diffusion", "classification"}) {
    const auto p = point({{"model", model}, {"nsnr2", "4"}});
    const auto a = e.run(p, {42, 1, 2});
    const auto b = FeatureLearningExperiment().run(p, {42, 7, 9});
    const auto c = e.run(p, {43, 1, 2});
    BOOST_TEST(std::isfinite(a.scalars.at("R")), model);
    BOOST_TEST(test::same_bits(a.scalars, b.scalars), model);
    BOOST_TEST(a.series == b.series, model);
    BOOST_TEST(a.scalars.at("R") != c.scalars.at("R"), model);
    BOOST_TEST(a.scalars.at("snr_used") == std::sqrt(4.0 / 16),
               boost::test_tools::tolerance(1e-12));
    BOOST_TEST(a.scalars.count("test_acc") == (model[0] == 'c' ? 1u : 0u));
    const bool diffusion = model[0] == 'd';
    for (int j = 0; j < 4; ++j)
      for (const char* what : {"image", "noisy", "denoised", "grad"}) {
        const std::string name = "fig3_" + std::string(what) + "_" + std::to_string(j);
        const bool expected = what[0] == 'i' || (what[0] == 'g') != diffusion;
        BOOST_TEST(a.series.count(name) == (expected ? 1u : 0u), name);
        if (expected) BOOST_TEST(a.series.at(name).size() == 784u, name);
      }
    BOOST_TEST(a.series.count("fig3_image_4") == 0u);
    // The shown digits are the same at every seed.
    BOOST_TEST(a.series.at("fig3_image_0") == c.series.at("fig3_image_0"));
  }
  BOOST_TEST(e.run(point({{"n_show", "0"}}), {1, 0, 0}).series.count("fig3_image_0") == 0u);
}

BOOST_AUTO_TEST_CASE(the_learned_filters_are_saved_as_images_at_most_eight_per_bank) {
  FeatureLearningExperiment e;
  for (const char* m : {"2", "10"}) {
    const std::size_t kept = m[0] == '2' ? 2 : 8;
    const auto d = e.run(point({{"m", m}, {"iters", "50"}}), {5, 0, 0});
    const auto c =
        e.run(point({{"model", "classification"}, {"m", m}, {"iters", "50"}}), {5, 0, 0});
    for (std::size_t r = 0; r < 9; ++r) {
      const auto k = std::to_string(r);
      BOOST_TEST(d.series.count("filter_" + k) == (r < kept ? 1u : 0u), "m = " << m << ", " << k);
      BOOST_TEST(c.series.count("filter_pos_" + k) == (r < kept ? 1u : 0u), "m = " << m);
      BOOST_TEST(c.series.count("filter_neg_" + k) == (r < kept ? 1u : 0u), "m = " << m);
      if (r < kept) BOOST_TEST(d.series.at("filter_" + k).size() == 784u);
    }
    BOOST_TEST(c.series.count("filter_0") == 0u);
  }
}

// The largest |cosine| of a run's class +1 and -1 filters with any of its clean shown digits.
double digit_likeness(const PointResult& r) {
  const auto as_vector = [](const std::vector<double>& v) {
    return Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size()));
  };
  double best = 0;
  for (const char* bank : {"filter_pos_0", "filter_neg_0"})
    for (int j = 0; j < 4; ++j) {
      const auto w = as_vector(r.series.at(bank));
      const auto x = as_vector(r.series.at("fig3_image_" + std::to_string(j)));
      best = std::max(best, std::abs(w.dot(x)) / (w.norm() * x.norm()));
    }
  return best;
}

// The paper's outcome, reduced to the fixture: the classifier memorises noise (R < 1, accuracy
// near chance) at a low n SNR~^2 and learns the digits (R > 1, accuracy near 1) at a high one.
BOOST_AUTO_TEST_CASE(classifier_learns_noise_at_low_snr_and_digits_at_high_snr) {
  FeatureLearningExperiment e;
  const auto low =
      e.run(point({{"model", "classification"}, {"nsnr2", "0.1"}, {"iters", "3000"}}), {11, 0, 0});
  const auto high =
      e.run(point({{"model", "classification"}, {"nsnr2", "100"}, {"iters", "3000"}}), {11, 0, 0});
  BOOST_TEST_MESSAGE("low R " << low.scalars.at("R") << " acc " << low.scalars.at("test_acc")
                              << "; high R " << high.scalars.at("R") << " acc "
                              << high.scalars.at("test_acc"));
  BOOST_TEST(low.scalars.at("R") < 0.3);
  BOOST_TEST(high.scalars.at("R") > 3.0);
  BOOST_TEST(low.scalars.at("test_acc") < 0.8);
  BOOST_TEST(high.scalars.at("test_acc") >= 0.9);
  // What the filter images show: noise-like below, digit-like above.
  BOOST_TEST_MESSAGE("filter-digit cosine: low " << digit_likeness(low) << ", high "
                                                 << digit_likeness(high));
  BOOST_TEST(digit_likeness(low) < 0.15);
  BOOST_TEST(digit_likeness(high) > 0.25);
}

BOOST_AUTO_TEST_CASE(digits_missing_where_a_point_runs_fail_it_as_point_data) {
  // Rank 0's sweep check saw the digits; a worker on another node may not: its point fails with
  // a PointDataError (the runner names the host), not as a bad parameter.
  const auto dir = std::filesystem::temp_directory_path() / "diffsweep-mnist-absent";
  std::filesystem::remove_all(dir);
  setenv("DIFFSWEEP_MNIST_DIR", dir.c_str(), 1);
  FeatureLearningExperiment e;
  BOOST_CHECK_EXCEPTION(e.run(point({}), {1, 0, 0}), PointDataError, [&](const auto& err) {
    return std::string(err.what()).find(dir.string() + "/1.json: cannot be read") !=
           std::string::npos;
  });
  BOOST_CHECK_THROW(e.validate(point({})), ParamError);
  setenv("DIFFSWEEP_MNIST_DIR", DIFFSWEEP_MNIST_FIXTURE, 1);
}
