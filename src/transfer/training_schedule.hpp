// Settings shared by every trainer and the step-size schedule they use: cosine decay to a tenth
// of the initial rate, so the last steps average out the noise of the stochastic targets.
#pragma once

#include <cmath>
#include <numbers>

namespace diffsweep::transfer {

struct TrainSettings {
  int steps = 1000;
  int batch = 256;
  double lr = 1e-3;
};

inline double scheduled_lr(const TrainSettings& s, int step) {
  const double progress = s.steps > 1 ? double(step) / (s.steps - 1) : 1.0;
  return s.lr * (0.1 + 0.45 * (1.0 + std::cos(std::numbers::pi * progress)));
}

}  // namespace diffsweep::transfer
