#define BOOST_TEST_MODULE mnist_digits
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "feature_learning/mnist_digits.hpp"

using namespace diffsweep;
using namespace diffsweep::feature_learning;
namespace fs = std::filesystem;

namespace {

// A scratch folder holding one class file with the given text.
fs::path folder_with(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("diffsweep-mnist-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "0.json") << text;
  return dir;
}

// The error names the file and the command that fetches the digits.
void check_clear_error(const fs::path& dir, const std::string& what) {
  try {
    load_mnist_digits(dir.string(), 0);
    BOOST_FAIL("no error for " + what);
  } catch (const MnistDataError& e) {
    const std::string message = e.what();
    BOOST_TEST_INFO(message);
    BOOST_TEST(message.find((dir / "0.json").string()) != std::string::npos);
    BOOST_TEST(message.find(mnist_fetch_command()) != std::string::npos);
    BOOST_TEST(message.find(what) != std::string::npos);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(fixture_loads_thirty_grey_level_images_per_class) {
  for (int digit : {0, 1}) {
    const Eigen::MatrixXd images = load_mnist_digits(DIFFSWEEP_MNIST_FIXTURE, digit);
    BOOST_TEST(images.rows() == 784);
    BOOST_TEST(images.cols() == 30);
    BOOST_TEST(images.minCoeff() == 0.0);
    BOOST_TEST(images.maxCoeff() == 1.0);
    // Real strokes: every image has ink, and less than half the pixels are inked.
    for (Eigen::Index j = 0; j < images.cols(); ++j) {
      const auto inked = (images.col(j).array() > 0).count();
      BOOST_TEST(inked > 30);
      BOOST_TEST(inked < 392);
    }
  }
  // A 0 has more ink than a 1 on average: the files are not swapped.
  BOOST_TEST(load_mnist_digits(DIFFSWEEP_MNIST_FIXTURE, 0).sum() >
             1.5 * load_mnist_digits(DIFFSWEEP_MNIST_FIXTURE, 1).sum());
}

BOOST_AUTO_TEST_CASE(missing_or_corrupt_files_give_an_error_naming_the_fetch_command) {
  const fs::path empty = fs::temp_directory_path() / "diffsweep-mnist-none";
  fs::remove_all(empty);
  check_clear_error(empty, "cannot be read");
  check_clear_error(folder_with("truncated", "{\"data\": [0, 0.5,"), "not valid JSON");
  check_clear_error(folder_with("nodata", "{\"pixels\": [0]}"), "no \"data\" array");
  check_clear_error(folder_with("short", "{\"data\": [0, 0.5, 1]}"), "not a positive multiple");
  std::string bad = "{\"data\": [2";
  for (int i = 1; i < 784; ++i) bad += ",0";
  check_clear_error(folder_with("range", bad + "]}"), "not a grey level");
}

BOOST_AUTO_TEST_CASE(the_folder_comes_from_the_environment_else_beside_the_program) {
  setenv("DIFFSWEEP_MNIST_DIR", "/somewhere/else", 1);
  BOOST_TEST(mnist_dir() == "/somewhere/else");
  unsetenv("DIFFSWEEP_MNIST_DIR");
  // <folder of this test program>/../share/diffsweep/mnist, never a path fixed at build time.
  const fs::path exe = fs::canonical("/proc/self/exe");
  BOOST_TEST(mnist_dir() == (exe.parent_path().parent_path() / "share/diffsweep/mnist").string());
  BOOST_TEST(mnist_fetch_command() == exe.parent_path().parent_path().string() +
                                          "/share/diffsweep/fetch_mnist.sh " + mnist_dir());
}

BOOST_AUTO_TEST_CASE(the_cache_reads_each_class_once) {
  std::string one = "{\"data\": [0.25";
  for (int i = 1; i < 784; ++i) one += ",0";
  const fs::path dir = folder_with("cache", one + "]}");
  MnistDigitsCache cache;
  const Eigen::MatrixXd& first = cache.get(dir.string(), 0);
  BOOST_TEST(first(0, 0) == 0.25);
  fs::remove(dir / "0.json");  // a second read would now fail
  BOOST_TEST(&cache.get(dir.string(), 0) == &first);
}
