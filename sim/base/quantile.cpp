#include "sim/base/quantile.hpp"

#include <algorithm>
#include <cmath>

namespace reliefsim {

double quantile_sorted(const std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const double h = (static_cast<double>(v.size()) - 1) * p;
  const size_t lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

Interval summarize(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return {quantile_sorted(values, 0.5), quantile_sorted(values, 0.05),
          quantile_sorted(values, 0.95)};
}

}  // namespace reliefsim
