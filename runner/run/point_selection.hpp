// Which points of a sweep one run may run: all of them, those an --only filter matches, or one
// --shard. Points outside the selection stay as they are (pending, or whatever an earlier run
// left), in the same file.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runner/cli/cli_options.hpp"
#include "runner/sweep/sweep_expansion.hpp"

namespace diffsweep {

class PointSelection {
 public:
  PointSelection() = default;  // every point
  // Throws InputError naming the filter on an unknown key, a bad value or a malformed range.
  PointSelection(const std::string& only, std::optional<Shard> shard, const Sweep& sweep);

  bool contains(std::size_t index) const;
  bool everything() const { return conditions_.empty() && ranges_.empty() && !shard_; }
  // Whether any point of the sweep is selected (O(points) when none is).
  bool selects_any() const;
  // How a results file records it: "" for every point, else e.g. "shard 2/4" or
  // "only model=classification,n=64".
  std::string describe() const;

 private:
  struct Condition {
    std::string key;
    std::string canonical;  // the value, as canonical_text gives it
  };
  const Sweep* sweep_ = nullptr;
  std::string only_;
  std::vector<Condition> conditions_;
  std::vector<std::pair<std::size_t, std::size_t>> ranges_;  // inclusive index ranges
  std::optional<Shard> shard_;
};

}  // namespace diffsweep
