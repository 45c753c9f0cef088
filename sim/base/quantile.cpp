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
  // The three quantiles read six order statistics at most: select those, in increasing
  // order, instead of sorting everything. Each is the value a full sort puts there, so the
  // quantiles are the same.
  if (values.empty()) return {};
  // A constant row (a jurisdiction with nothing already relieved) needs no selection: every
  // quantile reads v twice, v + f·(v − v), which is v + 0.
  const double v0 = values.front();
  if (std::isfinite(v0) && std::all_of(values.begin(), values.end(), [v0](double v) { return v == v0; }))
    return {v0 + 0.0, v0 + 0.0, v0 + 0.0};
  size_t wanted[6];
  size_t n = 0;
  for (double p : {0.5, 0.05, 0.95}) {
    const size_t lo = static_cast<size_t>(std::floor((static_cast<double>(values.size()) - 1) * p));
    wanted[n++] = lo;
    wanted[n++] = std::min(lo + 1, values.size() - 1);
  }
  std::sort(wanted, wanted + n);
  size_t from = 0;
  for (size_t k : wanted) {
    if (k < from) continue;  // already in place
    const auto at = values.begin() + static_cast<std::ptrdiff_t>(k);
    if (k == from) {
      // Everything below k is in place: the k-th is the least of the rest.
      std::iter_swap(at, std::min_element(at, values.end()));
    } else {
      std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(from), at, values.end());
    }
    from = k + 1;
  }
  return {quantile_sorted(values, 0.5), quantile_sorted(values, 0.05),
          quantile_sorted(values, 0.95)};
}

}  // namespace reliefsim
