// How a curve analysed by analyse_curve is drawn: its medians with their bootstrap intervals as
// error bars, its fitted power law with the slope and interval in the legend, and the caption that
// says what the marks are and how many replicates stand behind them.
#pragma once

#include <string>

#include "analysis/report/curve_verdicts.hpp"
#include "analysis/report/report.hpp"

namespace diffsweep::analysis {

// The medians over replicates per x, error bars the medians' intervals (none when too few
// replicates gave none).
PlotSeries median_series(const std::string& label, const MedianCurve& c, int color = -1);
PlotSeries median_series(const std::string& label, const CurveAnalysis& c, int color = -1);

// The fitted power law over the curve's x range, labelled "<label>: slope 1.11 [1.08, 1.14]".
PlotSeries fit_series(const std::string& label, const CurveAnalysis& c, int color = -1);

// "Points: medians over replicates; error bars: 95% bootstrap intervals of the medians (2000
// resamples; 3 replicates per point)." or, without intervals, why there are no error bars; for a
// `plot` of so many curves that it is drawn without error bars, that they are not drawn.
// Called once `plot` has all its series.
std::string median_caption(const AnalysisParameters& p, const ReplicateCount& replicates,
                           const Plot& plot);

}  // namespace diffsweep::analysis
