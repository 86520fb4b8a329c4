#include "common/sequential_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace diffsweep {

namespace {

constexpr std::size_t most_looks = 64;

// The looks, or as many as it takes to know there are more than most_looks.
std::vector<std::size_t> looks_up_to_limit(const SequentialSettings& s) {
  std::vector<std::size_t> looks{s.start};
  while (looks.back() < s.budget && looks.size() <= most_looks) {
    const std::size_t n = looks.back();
    // In double, and clamped before converting back: n * growth may exceed any size_t.
    const double grown =
        std::max(static_cast<double>(n) + 1, std::ceil(static_cast<double>(n) * s.growth));
    looks.push_back(grown >= static_cast<double>(s.budget) ? s.budget
                                                           : static_cast<std::size_t>(grown));
  }
  return looks;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// The verdict of one look over the first `n` replicates, not yet marked stopped.
SequentialVerdict look_at(const SequentialSettings& s, double level, const std::vector<double>& a,
                          const std::vector<double>& b, std::size_t n) {
  SequentialVerdict v;
  v.replicates = n;
  v.level = level;
  std::vector<double> diff, reference;
  for (std::size_t r = 0; r < n; ++r) {
    if (!std::isfinite(a[r]) || !std::isfinite(b[r])) continue;
    diff.push_back(a[r] - b[r]);
    reference.push_back(b[r]);
  }
  v.pairs = diff.size();
  v.margin = !s.relative_margin  ? s.margin
             : reference.empty() ? std::numeric_limits<double>::quiet_NaN()
                                 : s.margin * std::abs(median(reference));
  const MeanInterval m = mean_interval(diff, level);
  v.mean = m.mean;
  v.lo = m.lo;
  v.hi = m.hi;
  // Fewer than two pairs: no interval (NaN), undetermined.
  v.outcome = paired_verdict(v.lo, v.hi, v.margin, s.higher_is_better);
  v.determined = v.outcome != SequentialOutcome::undetermined;
  return v;
}

}  // namespace

void check_sequential_settings(const SequentialSettings& s) {
  if (s.start < 2)
    throw SequentialSettingsError("start", "must be at least 2: a t interval needs two pairs");
  if (s.budget < s.start)
    throw SequentialSettingsError("budget", "must be at least start = " + std::to_string(s.start));
  if (!(s.growth > 1) || !std::isfinite(s.growth))
    throw SequentialSettingsError("growth", "must be a finite number above 1");
  if (!(s.confidence > 0 && s.confidence < 1))
    throw SequentialSettingsError("confidence", "must be between 0 and 1");
  if (!(s.margin >= 0) || !std::isfinite(s.margin))
    throw SequentialSettingsError("margin", "must be a finite number at least 0");
  if (looks_up_to_limit(s).size() > most_looks)
    throw SequentialSettingsError("growth",
                                  "plans more than " + std::to_string(most_looks) +
                                      " looks from start to budget: each would get under 1/" +
                                      std::to_string(most_looks) +
                                      " of the error rate; a larger growth looks less");
}

std::vector<std::size_t> planned_looks(const SequentialSettings& s) {
  check_sequential_settings(s);
  return looks_up_to_limit(s);
}

double look_level(const SequentialSettings& s) {
  return 1 - (1 - s.confidence) / static_cast<double>(planned_looks(s).size());
}

SequentialVerdict replay_sequential(const SequentialSettings& s, const std::vector<double>& a,
                                    const std::vector<double>& b) {
  if (a.size() != b.size())
    throw std::invalid_argument("the two rows of a comparison have " + std::to_string(a.size()) +
                                " and " + std::to_string(b.size()) + " replicates");
  const std::vector<std::size_t> looks = planned_looks(s);
  const double level = look_level(s);
  SequentialVerdict v;
  v.level = level;
  for (std::size_t k = 0; k < looks.size(); ++k) {
    if (looks[k] > a.size()) {
      v.next_replicates = looks[k];
      break;
    }
    v = look_at(s, level, a, b, looks[k]);
    v.looks_used = k + 1;
    if (v.determined) {
      v.stopped = true;
      break;
    }
    if (k + 1 == looks.size()) {
      v.stopped = true;
      v.why = "budget reached";
    }
  }
  v.looks_planned = looks.size();
  return v;
}

}  // namespace diffsweep
