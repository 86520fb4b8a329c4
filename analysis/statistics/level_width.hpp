// How many decades of x the median of y over replicates takes to rise from one level to another:
// the classifier's test accuracy from `chance-accuracy` (0.6) to `learned-accuracy` (0.9), a
// transition width that stays measurable where R levels off before reaching 10. Both levels'
// first upward crossings are interpolated linearly in log x (crossing.hpp); the width's interval
// is a bootstrap over replicates (bootstrap.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/statistics/analysis_parameters.hpp"
#include "analysis/statistics/bootstrap.hpp"

namespace diffsweep::analysis {

struct LevelWidth {
  double low = 0, high = 0;  // the levels
  std::optional<double> low_at, high_at, width;
  Interval interval = no_interval();  // of the width
  bool enough_replicates = false;
  // The one grid step both levels are crossed in, when they are: the width is then no more than
  // that step, and where inside it is interpolation (no interval is claimed).
  std::optional<std::pair<double, double>> within_step;
};

// `points` names each observation's sweep point, as for analyse_curve.
LevelWidth level_width(const std::vector<double>& x, const std::vector<double>& y,
                       const std::vector<std::string>& points, double low, double high,
                       const AnalysisParameters& p, const std::string& key);

// "test accuracy rises from 0.6 to 0.9 within 0.42 [0.31, 0.55] decades of n*SNR^2 (1.9 to
// 5.0)", or why the width is not measurable.
std::string level_width_text(const std::string& y_name, const std::string& x_name,
                             const LevelWidth& w);

}  // namespace diffsweep::analysis
