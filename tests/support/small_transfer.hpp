// The transfer experiment at a size a unit test trains in well under a second: its settings read
// from the declared defaults with a few KEY=VALUE overrides, as a sweep file's point would be.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tests/support/param_checks.hpp"
#include "transfer/source_model.hpp"
#include "transfer/transfer_point.hpp"
#include "transfer/transfer_settings.hpp"

namespace diffsweep::test {

// Small data and networks, few training steps; `values` override them and any other key.
inline transfer::TransferSettings small_transfer_settings(
    const std::vector<std::pair<std::string, std::string>>& values = {}) {
  std::vector<std::pair<std::string, std::string>> all = {
      {"n_source", "400"},      {"n_target", "50"},      {"n_eval", "200"},
      {"score_width", "16"},    {"score_depth", "2"},    {"source_steps", "200"},
      {"score_batch", "64"},    {"target_steps", "200"}, {"finetune_steps", "100"},
      {"guidance_width", "16"}, {"guidance_depth", "2"}, {"guidance_steps", "200"},
      {"guidance_batch", "64"}, {"clf_width", "8"},      {"clf_steps", "100"},
      {"cycle_steps", "50"}};
  all.insert(all.end(), values.begin(), values.end());
  return transfer::read_transfer_settings(params_with(transfer::transfer_params(), all));
}

// A small transfer point with its pre-trained source model, for one sweep seed and replicate.
struct SmallTransferPoint {
  SmallTransferPoint(const std::vector<std::pair<std::string, std::string>>& values,
                     std::uint64_t sweep_seed, std::int64_t replicate)
      : settings(small_transfer_settings(values)),
        model(transfer::build_source_model(settings, sweep_seed)),
        point(settings, model, sweep_seed, replicate) {}
  transfer::TransferSettings settings;
  transfer::SourceModel model;
  transfer::TransferPoint point;
};

}  // namespace diffsweep::test
