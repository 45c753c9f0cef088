// One-dimensional minimization by golden-section search, used to fit a parameter's median
// to reported outcomes (`reliefsim calibrate`). Stage: base. Pure: the same function and
// bounds give the same evaluations in the same order.
#pragma once

#include <functional>

namespace reliefsim {

struct Minimum {
  double x = 0;
  double value = 0;
  int evaluations = 0;
};

/// The x in [lo, hi] that minimizes f, to within `tolerance` in x, assuming f is unimodal
/// there (on a bound when the minimum is outside).
Minimum minimize_golden(const std::function<double(double)>& f, double lo, double hi, double tolerance);

}  // namespace reliefsim
