// Rng: a seeded random stream whose draws are identical on every platform and compiler.
// Stage: base. std:: distributions are implementation-defined, so reliefsim draws its
// own uniforms (xoshiro256**) and normals (inverse CDF). Each Monte Carlo replicate
// gets its own stream from (seed, replicate), which is what makes output identical
// whatever the thread count.
#pragma once

#include <cstdint>
#include <string_view>

namespace reliefsim {

class Rng {
 public:
  /// A stream determined only by (seed, stream).
  Rng(std::uint64_t seed, std::uint64_t stream);

  std::uint64_t next_u64();
  /// Uniform on the open interval (0, 1).
  double uniform();
  /// Uniform on [lo, hi].
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Standard normal, by the inverse CDF of one uniform.
  double normal();

 private:
  std::uint64_t s_[4];
};

/// Standard normal CDF.
double normal_cdf(double z);
/// Inverse of the standard normal CDF for p in (0, 1) (Acklam's algorithm, refined).
double normal_quantile(double p);

}  // namespace reliefsim

namespace reliefsim {
/// A uniform in (0, 1) determined by (seed, key, replicate) alone. Drawing each named
/// parameter this way gives every scenario of a comparison the same draw for the same
/// parameter ("common random numbers"), whatever else the scenarios contain.
double keyed_uniform(std::uint64_t seed, std::string_view key, std::uint64_t replicate);
/// The key's part of keyed_uniform, for drawing one key in many replicates:
/// keyed_uniform(seed, key, r) is keyed_uniform_of(seed, key_hash(key), r).
std::uint64_t key_hash(std::string_view key);
double keyed_uniform_of(std::uint64_t seed, std::uint64_t key_hash, std::uint64_t replicate);
}  // namespace reliefsim
