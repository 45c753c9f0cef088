// Summaries of Monte Carlo replicates. Stage: base.
#pragma once

#include <span>
#include <vector>

namespace reliefsim {

struct Interval {
  double median = 0, p05 = 0, p95 = 0;
};

/// The p-quantile (0 ≤ p ≤ 1) of `values` by linear interpolation between order
/// statistics (Hyndman & Fan type 7, R's default): `sorted` must hold, at the two positions
/// the quantile reads, the values a sort puts there. Empty input gives 0.
double quantile_sorted(const std::vector<double>& sorted, double p);

/// Median, 5th and 95th percentiles of `values`, whose order is left as it is.
Interval summarize(std::span<const double> values);

}  // namespace reliefsim
