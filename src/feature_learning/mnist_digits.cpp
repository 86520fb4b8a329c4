#include "feature_learning/mnist_digits.hpp"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/install_layout.hpp"

namespace diffsweep::feature_learning {

namespace {

[[noreturn]] void fail(const std::string& file, const std::string& what) {
  throw MnistDataError("MNIST digits: " + file + ": " + what + "; fetch them with " +
                       mnist_fetch_command() +
                       " (or point DIFFSWEEP_MNIST_DIR at a folder holding 0.json .. 9.json)");
}

}  // namespace

std::string mnist_dir() {
  const char* env = std::getenv("DIFFSWEEP_MNIST_DIR");
  return env && *env ? env : shared_data_dir() + "/mnist";
}

std::string mnist_fetch_command() {
  const std::string share = shared_data_dir();
  return share + "/fetch_mnist.sh " + share + "/mnist";
}

Eigen::MatrixXd load_mnist_digits(const std::string& dir, int digit) {
  if (digit < 0 || digit > 9)
    throw std::invalid_argument("MNIST digits: no class " + std::to_string(digit));
  const std::string file = dir + "/" + std::to_string(digit) + ".json";
  std::ifstream in(file);
  if (!in) fail(file, "cannot be read (missing?)");
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    fail(file, std::string("not valid JSON (") + e.what() + ")");
  }
  if (!doc.is_object() || !doc.contains("data") || !doc["data"].is_array())
    fail(file, "no \"data\" array");
  const auto& values = doc["data"];
  if (values.empty() || values.size() % mnist_pixels != 0)
    fail(file, "\"data\" holds " + std::to_string(values.size()) +
                   " values, not a positive multiple of 784");
  const auto k = static_cast<Eigen::Index>(values.size() / mnist_pixels);
  Eigen::MatrixXd images(mnist_pixels, k);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto& v = values[i];
    if (!v.is_number() || !(v.get<double>() >= 0.0 && v.get<double>() <= 1.0))
      fail(file, "value " + std::to_string(i) + " is " + v.dump() + ", not a grey level in [0, 1]");
    images.data()[i] = v.get<double>();
  }
  return images;
}

const Eigen::MatrixXd& MnistDigitsCache::get(const std::string& dir, int digit) {
  const auto key = std::make_pair(dir, digit);
  auto it = loaded_.find(key);
  if (it == loaded_.end()) it = loaded_.emplace(key, load_mnist_digits(dir, digit)).first;
  return it->second;
}

}  // namespace diffsweep::feature_learning
