// Distribution: an uncertain quantity, declared in YAML, drawn once per Monte Carlo
// replicate. Stage: base.
#pragma once

#include <string>

#include "sim/base/random.hpp"

namespace reliefsim {

struct Distribution {
  enum class Kind { fixed, uniform, triangular, lognormal } kind = Kind::fixed;
  /// fixed: a; uniform: [a, b]; triangular: low a, mode b, high c;
  /// lognormal: median a, sigma b of the log (a multiplicative error).
  double a = 0, b = 0, c = 0;

  static Distribution fixed(double v) { return {Kind::fixed, v, 0, 0}; }
  static Distribution uniform(double lo, double hi) { return {Kind::uniform, lo, hi, 0}; }

  /// The value at cumulative probability u in (0, 1): draws are inverse-CDF so that one
  /// uniform per parameter gives common random numbers across scenarios.
  double at(double u) const;
  double draw(Rng& rng) const { return at(rng.uniform()); }
  /// The 5th and 95th percentiles, for documentation and reports.
  double low() const { return at(0.05); }
  double high() const { return at(0.95); }
  /// "uniform 0.35–0.65" etc.
  std::string describe() const;
};

}  // namespace reliefsim
