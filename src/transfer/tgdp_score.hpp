// TGDP's sampler score: the source score plus guidance_scale times the guidance grad log h, h the
// guidance network trained on source samples to regress the density ratio w = q/p at their clean
// points (docs/methods.md). The ratio comes from a domain classifier trained on source against
// target data, or from an oracle.
#pragma once

#include <map>
#include <random>
#include <string>

#include "transfer/transfer_point.hpp"

namespace diffsweep::transfer {

// Trains what the point's oracle leaves to learn, with `rng`, and records into `metrics`:
// time_classifier, time_guidance, and for a learned ratio clf_steps_used and ratio_l1.
LabelledScore tgdp_score(const TransferPoint& point, std::mt19937_64& rng,
                         std::map<std::string, double>& metrics);

}  // namespace diffsweep::transfer
