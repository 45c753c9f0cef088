#include "sim/base/distribution.hpp"

#include <cmath>
#include <cstdio>

namespace reliefsim {

double Distribution::at(double u) const {
  switch (kind) {
    case Kind::fixed: return a;
    case Kind::uniform: return a + (b - a) * u;
    case Kind::triangular: {
      const double f = (b - a) / (c - a);
      return u < f ? a + std::sqrt(u * (c - a) * (b - a))
                   : c - std::sqrt((1 - u) * (c - a) * (c - b));
    }
    case Kind::lognormal: return a * std::exp(b * normal_quantile(u));
  }
  return a;
}

std::string Distribution::describe() const {
  char buf[96];
  switch (kind) {
    case Kind::fixed: std::snprintf(buf, sizeof buf, "fixed %g", a); break;
    case Kind::uniform: std::snprintf(buf, sizeof buf, "uniform %g to %g", a, b); break;
    case Kind::triangular:
      std::snprintf(buf, sizeof buf, "triangular %g, mode %g, %g", a, b, c);
      break;
    case Kind::lognormal:
      std::snprintf(buf, sizeof buf, "lognormal median %g, log-sd %g", a, b);
      break;
  }
  return buf;
}

}  // namespace reliefsim
