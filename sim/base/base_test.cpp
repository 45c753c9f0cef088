#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "sim/base/diagnostic.hpp"
#include "sim/base/distribution.hpp"
#include "sim/base/quantile.hpp"
#include "sim/base/random.hpp"
#include "sim/base/sha256.hpp"
#include "sim/base/spellcheck.hpp"

using namespace reliefsim;

TEST_CASE("sha256 matches the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // The same digests in base64, as a Content-Security-Policy hash source (checked with openssl).
  CHECK(sha256_base64("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  CHECK(sha256_base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("did you mean suggests keys within three edits") {
  CHECK(edit_distance("refrence", "reference") == 1);
  CHECK(closest_match("refrence", {"description", "reference", "values"}) == "reference");
  CHECK(closest_match("zzzzzzzzzz", {"reference"}).empty());
}

TEST_CASE("a diagnostic prints file:line:column, the source line and a caret") {
  Diagnostic d{{"states/mo.yaml", 2, 5}, "unknown key 'refrence'", "did you mean 'reference'?"};
  CHECK(format_diagnostic(d, "a:\n    refrence: x\n") ==
        "states/mo.yaml:2:5: unknown key 'refrence'; did you mean 'reference'?\n"
        "        refrence: x\n"
        "        ^");
}

TEST_CASE("quantiles interpolate between order statistics (type 7)") {
  // 0..100: the 5th percentile of 101 evenly spaced values is 5, the median 50.
  std::vector<double> v;
  for (int i = 100; i >= 0; --i) v.push_back(i);
  const Interval s = summarize(v);
  CHECK(s.median == 50);
  CHECK(s.p05 == 5);
  CHECK(s.p95 == 95);
}

TEST_CASE("the selected quantiles are those of a full sort, to the bit") {
  // Rows as projections make them (spread values, ties, a few outliers, zeros of either sign,
  // negatives, infinities), of the sizes replicate counts take.
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  auto sorted_interval = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return Interval{quantile_sorted(v, 0.5), quantile_sorted(v, 0.05), quantile_sorted(v, 0.95)};
  };
  auto same = [](double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);  // −∞ + ∞ in both
    return a == b && (a != 0 || std::signbit(a) == std::signbit(b));
  };
  int rows = 0;
  for (size_t n : {1, 2, 3, 20, 33, 100, 101, 1000, 1001, 10000})
    for (int kind = 0; kind < 8; ++kind) {
      std::vector<double> v(n);
      for (double& x : v) {
        const double u = next();
        switch (kind) {
          case 0: x = 1000 + 500 * u; break;                               // a narrow spread
          case 1: x = std::exp(20 * u); break;                             // several binades
          case 2: x = std::floor(5 * u); break;                            // ties, and +0
          case 3: x = u < 0.3 ? -0.0 : 1e6 * u; break;                     // −0 among positives
          case 4: x = 2 * u - 1; break;                                    // both signs
          case 5: x = u < 0.01 ? 1e300 : u; break;                         // a huge outlier
          case 6: x = u < 0.02 ? -INFINITY : u > 0.98 ? INFINITY : u; break;
          default: x = 123.456; break;                                     // constant
        }
      }
      const Interval fast = summarize(v), slow = sorted_interval(v);
      CAPTURE(n);
      CAPTURE(kind);
      // Zeros of both signs compare equal, and a sort may put either first: the value is
      // what must agree there; everywhere else, the bits.
      if (kind == 3) {
        CHECK(fast.median == slow.median);
        CHECK(fast.p05 == slow.p05);
        CHECK(fast.p95 == slow.p95);
      } else {
        CHECK(same(fast.median, slow.median));
        CHECK(same(fast.p05, slow.p05));
        CHECK(same(fast.p95, slow.p95));
      }
      ++rows;
    }
  CHECK(rows == 80);
}

TEST_CASE("the normal quantile inverts the normal CDF") {
  for (double p : {1e-6, 0.01, 0.05, 0.5, 0.9, 0.999})
    CHECK(normal_cdf(normal_quantile(p)) == doctest::Approx(p).epsilon(1e-9));
  CHECK(normal_quantile(0.975) == doctest::Approx(1.959963985).epsilon(1e-8));
}

TEST_CASE("keyed uniforms depend only on seed, key and replicate") {
  CHECK(keyed_uniform(1, "a", 3) == keyed_uniform(1, "a", 3));
  CHECK(keyed_uniform(1, "a", 3) != keyed_uniform(1, "b", 3));
  CHECK(keyed_uniform(1, "a", 3) != keyed_uniform(2, "a", 3));
  // Mean of many draws is near 1/2: standard error 1/sqrt(12 n) = 0.0029 for n = 10,000.
  double sum = 0;
  for (int r = 0; r < 10000; ++r) sum += keyed_uniform(7, "x", static_cast<std::uint64_t>(r));
  CHECK(std::abs(sum / 10000 - 0.5) < 0.012);
  // The key hashed once gives the same draws. FNV-1a of "a" is 0xaf63dc4c8601ec8c.
  CHECK(key_hash("a") == 0xaf63dc4c8601ec8cULL);
  for (std::uint64_t r : {0ULL, 3ULL, 999ULL}) CHECK(keyed_uniform_of(1, key_hash("a"), r) == keyed_uniform(1, "a", r));
}

TEST_CASE("distributions map a cumulative probability to a value") {
  CHECK(Distribution::uniform(0.35, 0.65).at(0.5) == doctest::Approx(0.5));
  const Distribution tri{Distribution::Kind::triangular, 0, 1, 2};
  CHECK(tri.at(0.5) == doctest::Approx(1));
  const Distribution ln{Distribution::Kind::lognormal, 1, 0.35, 0};
  CHECK(ln.at(0.5) == doctest::Approx(1));
  CHECK(ln.at(0.95) == doctest::Approx(std::exp(0.35 * 1.6448536)).epsilon(1e-6));
}
