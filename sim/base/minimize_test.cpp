#include <doctest/doctest.h>

#include <cmath>

#include "sim/base/minimize.hpp"

using namespace reliefsim;

TEST_CASE("issue 16: golden-section search finds the minimum of a parabola, and a bound when it lies outside") {
  const Minimum m = minimize_golden([](double x) { return (x - 2.5) * (x - 2.5) + 1; }, 0, 10, 1e-6);
  CHECK(m.x == doctest::Approx(2.5).epsilon(1e-5));
  CHECK(m.value == doctest::Approx(1));
  CHECK(m.evaluations < 40);
  const Minimum edge = minimize_golden([](double x) { return x; }, 1, 3, 1e-6);
  CHECK(edge.x == doctest::Approx(1).epsilon(1e-5));
  // A sum of squared log ratios, as calibrate uses: reported 100 and 400 at a rate r give
  // projected r and 4r... minimized where log r = (log 100 + log 100) / 2.
  const Minimum fit = minimize_golden(
      [](double x) { return std::pow(x - std::log(100.0), 2) + std::pow(x + std::log(4.0) - std::log(400.0), 2); },
      0, 10, 1e-8);
  CHECK(std::exp(fit.x) == doctest::Approx(100).epsilon(1e-5));
}
