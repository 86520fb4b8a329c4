#include "common/paired_difference.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

namespace diffsweep {

MeanInterval mean_interval(const std::vector<double>& values, double level) {
  MeanInterval m;
  double sum = 0;
  for (double v : values)
    if (std::isfinite(v)) sum += v, ++m.n;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (m.n == 0) return {0, nan, nan, nan, nan};
  const double n = static_cast<double>(m.n);
  m.mean = sum / n;
  if (m.n < 2) {
    m.lo = m.hi = m.p_value = nan;
    return m;
  }
  double ss = 0;
  for (double v : values)
    if (std::isfinite(v)) ss += (v - m.mean) * (v - m.mean);
  const double se = std::sqrt(ss / (n - 1) / n);
  if (se == 0) {  // every replicate agrees: the difference is known exactly
    m.lo = m.hi = m.mean;
    m.p_value = m.mean == 0 ? 1.0 : 0.0;
    return m;
  }
  const boost::math::students_t t(n - 1);
  const double q = boost::math::quantile(boost::math::complement(t, (1 - level) / 2));
  m.lo = m.mean - q * se;
  m.hi = m.mean + q * se;
  m.p_value = 2 * boost::math::cdf(boost::math::complement(t, std::abs(m.mean) / se));
  return m;
}

PairedVerdict paired_verdict(double lo, double hi, double margin, bool higher_is_better) {
  if (lo >= -margin && hi <= margin) return PairedVerdict::ties;
  if (lo > 0 || hi < 0)
    return (lo > 0) == higher_is_better ? PairedVerdict::wins : PairedVerdict::loses;
  return PairedVerdict::undetermined;
}

std::string to_string(PairedVerdict verdict) {
  switch (verdict) {
    case PairedVerdict::wins:
      return "wins";
    case PairedVerdict::loses:
      return "loses";
    case PairedVerdict::ties:
      return "ties";
    case PairedVerdict::undetermined:
      break;
  }
  return "undetermined";
}

}  // namespace diffsweep
