// Where a curve y(x) (both positive, e.g. the median ratio R against n SNR^2) crosses a level,
// and how sharply it goes from one decade below the level to one decade above. Interpolation is
// linear in log x and log y, the scale on which a power law is a straight line, so a pure power
// law y = x^a crosses exactly where it should and its 0.1-to-10 width is 2 / a decades.
#pragma once

#include <optional>
#include <utility>
#include <vector>

namespace diffsweep::analysis {

struct CurvePoint {
  double x = 0;
  double y = 0;
};

// The first upward crossing of `level`: between the first pair of neighbours (in x order) with
// y_i < level <= y_{i+1}. nullopt when the curve never rises through the level. Points with a
// non-positive or non-finite coordinate are ignored.
std::optional<double> upward_crossing(std::vector<CurvePoint> curve, double level);

// How many times the curve (in x order) passes the level in either direction: more than one
// means the curve is not monotone there and a single crossing point is ambiguous.
int crossing_count(std::vector<CurvePoint> curve, double level);

struct Transition {
  std::optional<double> at;       // x where y crosses `level`
  std::optional<double> low_at;   // x where y crosses level / 10
  std::optional<double> high_at;  // x where y crosses level * 10
  std::optional<double> width;    // decades of x from low_at to high_at
  int crossings = 0;              // crossing_count at `level`
  double y_min = 0, y_max = 0;    // the range the curve spans
};

Transition find_transition(const std::vector<CurvePoint>& curve, double level);

// The grid values [x_i, x_j] around a <= b when no value of the grid `xs` lies strictly between a
// and b: a width (or a crossing) measured inside one grid step is interpolation, not
// measurement. nullopt when a grid value lies between them, or none bounds them.
std::optional<std::pair<double, double>> within_one_step(const std::vector<double>& xs, double a,
                                                         double b);

// The median curve of the chosen observations (indices may repeat, as in a bootstrap resample):
// one point per distinct x, its y the median of the chosen y there.
std::vector<CurvePoint> median_points(const std::vector<double>& x, const std::vector<double>& y,
                                      const std::vector<std::size_t>& chosen);

}  // namespace diffsweep::analysis
