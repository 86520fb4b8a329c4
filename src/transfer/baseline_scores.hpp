// TGDP's two baselines, each trained on the replicate's target data alone: `target_only`, a score
// network of the source model's size trained from scratch, and `finetune`, the source model
// trained further on the target data.
#pragma once

#include <random>

#include "transfer/transfer_point.hpp"

namespace diffsweep::transfer {

LabelledScore target_only_score(const TransferPoint& point, std::mt19937_64& rng);
LabelledScore finetune_score(const TransferPoint& point, std::mt19937_64& rng);

}  // namespace diffsweep::transfer
