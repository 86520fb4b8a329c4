// The pre-trained source model TGDP starts from: source data and the score network trained on
// them. It depends only on the source settings (TransferSettings::source_key) and the sweep seed,
// never on the point, so every rank builds an identical one and a sweep trains it once per
// process for each source setting, not once per point.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "transfer/score_model.hpp"
#include "transfer/transfer_settings.hpp"

namespace diffsweep::transfer {

struct SourceModel {
  Eigen::MatrixXd data;    // n_source source samples
  Eigen::VectorXi labels;  // their components
  ScoreModel model;
  double seconds = 0.0;  // time it took to build
};

// Seeded from the sweep seed and the source settings.
SourceModel build_source_model(const TransferSettings& settings, std::uint64_t sweep_seed);

class SourceModelCache {
 public:
  struct Entry {
    std::shared_ptr<const SourceModel> model;
    bool reused = false;  // built by an earlier point
  };
  Entry get(const TransferSettings& settings, std::uint64_t sweep_seed);

 private:
  std::map<std::string, std::shared_ptr<const SourceModel>> models_;
};

}  // namespace diffsweep::transfer
