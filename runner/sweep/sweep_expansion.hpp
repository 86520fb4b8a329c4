// From a sweep file to its points: every value checked against the experiment's parameters, the
// Cartesian product of the axes times the replicates, and each point's stable id and seed.
//
// Order: axes in the order the file lists them, the first axis varying slowest and the last
// fastest (like nested loops written in file order); the replicate index is the innermost loop.
// With [case.NAME] sections, the cases come one after another in file order, each the product of
// its own axes (slower, in file order) and [axes]; a point that two cases share is refused.
// A point's index is its position in that order and its row in the results file.
//
// Points are never stored: a Sweep holds its axes, and point(index) builds a point from its
// index when it is needed, so a rank holds O(sum of the axes' lengths) of a sweep, not O(points).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/experiment.hpp"
#include "runner/sweep/refine_spec.hpp"
#include "runner/sweep/sequential_spec.hpp"
#include "runner/sweep/sweep_file.hpp"

namespace diffsweep {

struct SweepPoint {
  std::size_t index = 0;
  std::uint64_t point_id = 0;  // hash of the experiment, canonical parameters and replicate
  std::uint64_t seed = 0;      // Sweep::seed
  std::int64_t replicate = 0;
  Params params;
};

// The most points a sweep may have. Rank 0 keeps one status byte per point (and, while a sweep
// with [case.NAME] sections is checked, 8 bytes per point); workers keep nothing per point.
inline constexpr std::size_t max_sweep_points = 100'000'000;

class Sweep {
 public:
  SweepSpec spec;
  std::vector<std::string> axis_names;  // every parameter an axis or a case varies
  // Hash of the experiment, sweep seed and the ordered point ids: two sweep files with the same
  // hash run exactly the same points, so one may resume the other. Set by expand_sweep.
  std::uint64_t hash = 0;
  // A [refine] sweep: its axis is the last axis of every block, its values the search's lattice.
  std::optional<RefineSpec> refine;
  std::vector<double> lattice;
  // A [sequential] sweep: its replicates are the budget, placed in rounds.
  std::optional<SequentialSpec> sequential;
  // Its settings (the combinations of the other axes, across cases), each with the rows it
  // compares in the order they first appear: the compared axis' value, and the index of its
  // replicate 0 (replicate r is that index + r). Set by expand_sweep: rank 0 alone needs them.
  struct SequentialRow {
    std::string value;
    std::size_t first = 0;
  };
  std::vector<std::vector<SequentialRow>> sequential_settings;

  // A [refine] sweep's combinations of the other axes (across cases), each searched on its own,
  // and the point of (combination, lattice value, replicate).
  std::size_t refine_groups() const;
  std::size_t refine_point(std::size_t group, std::size_t lattice_index,
                           std::size_t replicate) const;

  std::size_t size() const { return size_; }
  SweepPoint point(std::size_t index) const;
  // The point of a run's `attempt` (1 for its first run): with `reseed`, a retried point runs
  // with a seed of its own, derived from (sweep seed, point id, attempt).
  SweepPoint point(std::size_t index, std::uint32_t attempt, bool reseed) const;
  std::uint64_t point_id(std::size_t index) const;
  // The seed of the point whose id is `point_id` (passed in: callers have it already):
  // derive_seed(sweep seed, point id); for a [refine] sweep with `seeds = common`, the id
  // without the refined axis, so a replicate draws the same data at every value of the axis.
  std::uint64_t seed(std::size_t index, std::uint64_t point_id) const;
  std::int64_t replicate(std::size_t index) const {
    return static_cast<std::int64_t>((index - block_of(index).first) % replicates());
  }
  const Experiment& experiment() const { return *experiment_; }
  // Parameter `name` of point `index` without building the point, or nullptr where it is unset.
  const ParamValue* value(std::size_t index, const std::string& name) const;
  // Whether every point sets `name` (a default, [fixed], or an axis of every block).
  bool sets_everywhere(const std::string& name) const;

  // One axis of a block: the parameter, where the file gave it, its values.
  struct Axis {
    std::string key;
    std::string section;  // "axes" or "case.NAME", for messages
    std::vector<ParamValue> values;
    std::vector<std::string> canonical;  // canonical_text of each value, for ids
    std::vector<bool> in_id;             // false for a value that leaves the id (leaves_id)
  };
  // A case (or the whole sweep without cases): the product of `axes` over the base parameters.
  struct Block {
    std::string name;
    std::vector<Axis> axes;
    std::size_t grid = 1;   // product of the axes' lengths
    std::size_t first = 0;  // index of its first point
    // The id text in parameter-name order: each piece a fixed "name=value\n", or the name of an
    // axis whose value is looked up.
    struct IdPiece {
      std::string text;  // "name=" for an axis, "name=value\n" for a fixed parameter
      int axis = -1;
    };
    std::vector<IdPiece> id_pieces;
    // The hash's state after the experiment's name and the fixed pieces before the first axis,
    // which every point of the block shares, and the first piece it has not taken in.
    std::uint64_t id_prefix_hash = 0;
    std::size_t id_first_piece = 0;
    std::vector<std::size_t> stride;  // grid index / stride[a] % size: axis a's digit
  };
  // The cases in file order (one block, unnamed, without [case.NAME] sections).
  const std::vector<Block>& blocks() const { return blocks_; }

 private:
  friend Sweep open_sweep(const SweepSpec& spec, const Experiment& experiment);
  friend Sweep expand_sweep(const SweepSpec& spec, const Experiment& experiment);
  const Block& block_of(std::size_t index) const;
  // The [sequential] settings: replicate-0 points grouped by their id without the compared axis.
  // Throws SweepFileError when the reference is none of the axis' values.
  std::vector<std::vector<SequentialRow>> find_sequential_settings() const;
  // The id's hash, leaving out axis `skip_axis` of the point's block (-1: none).
  std::uint64_t id_hash(std::size_t index, int skip_axis) const;
  std::size_t replicates() const { return static_cast<std::size_t>(spec.replicates); }
  // The value digit of `axis`, and of every axis, of a grid point of `block` (last axis fastest).
  std::size_t digit(const Block& block, std::size_t grid_index, std::size_t axis) const;
  void digits(const Block& block, std::size_t grid_index, std::vector<std::size_t>& out) const;

  const Experiment* experiment_ = nullptr;
  Params base_;  // defaults and [fixed]
  std::vector<Block> blocks_;
  std::size_t size_ = 0;
};

// Parses the axes without checking the points (what a worker needs: rank 0 has checked them).
// Throws SweepFileError on an unknown key, a malformed or out-of-range value, a repeated value
// in an axis, or more than max_sweep_points points.
Sweep open_sweep(const SweepSpec& spec, const Experiment& experiment);

// open_sweep, then every point checked (Experiment::validate, a point repeated across cases)
// and the sweep's hash computed: O(points) time, no per-point memory without cases.
Sweep expand_sweep(const SweepSpec& spec, const Experiment& experiment);

std::uint64_t point_id_of(const Experiment& experiment, const Params& params,
                          std::int64_t replicate);

}  // namespace diffsweep
