#include "sim/base/minimize.hpp"

#include <cmath>

namespace reliefsim {

Minimum minimize_golden(const std::function<double(double)>& f, double lo, double hi, double tolerance) {
  const double inv_phi = (std::sqrt(5.0) - 1) / 2;  // 0.618…
  double a = lo, b = hi;
  double c = b - inv_phi * (b - a), d = a + inv_phi * (b - a);
  double fc = f(c), fd = f(d);
  int n = 2;
  while (b - a > tolerance) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - inv_phi * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + inv_phi * (b - a);
      fd = f(d);
    }
    ++n;
  }
  return fc <= fd ? Minimum{c, fc, n} : Minimum{d, fd, n};
}

}  // namespace reliefsim
