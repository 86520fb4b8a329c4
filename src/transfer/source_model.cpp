#include "transfer/source_model.hpp"

#include <chrono>
#include <random>

#include "common/seeding.hpp"

namespace diffsweep::transfer {

namespace {

std::string cache_key(const TransferSettings& s, std::uint64_t sweep_seed) {
  return "sweep_seed=" + std::to_string(sweep_seed) + s.source_key;
}

}  // namespace

SourceModel build_source_model(const TransferSettings& s, std::uint64_t sweep_seed) {
  const auto start = std::chrono::steady_clock::now();
  std::mt19937_64 rng(
      derive_seed(sweep_seed, fnv1a64("transfer/source|" + cache_key(s, sweep_seed))));
  SourceModel built;
  built.data = sample(source_mixture(s.shape), s.n_source, rng, &built.labels);
  const int classes = s.conditional ? s.shape.components : 0;
  built.model = make_score_model(s.shape.dim, s.score_width, s.score_depth, rng, classes);
  built.model.t_min = s.t_min;
  train_score_model(built.model, built.data, s.source_training, rng, false,
                    s.conditional ? built.labels : Eigen::VectorXi());
  built.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return built;
}

SourceModelCache::Entry SourceModelCache::get(const TransferSettings& s, std::uint64_t sweep_seed) {
  auto& cached = models_[cache_key(s, sweep_seed)];
  const bool reused = cached != nullptr;
  if (!reused) cached = std::make_shared<const SourceModel>(build_source_model(s, sweep_seed));
  return {cached, reused};
}

}  // namespace diffsweep::transfer
