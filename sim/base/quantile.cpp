#include "sim/base/quantile.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>

namespace reliefsim {

double quantile_sorted(const std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  const double h = (static_cast<double>(v.size()) - 1) * p;
  const size_t lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

namespace {

// A double's bits as an unsigned key in the same order (no NaN): negative values have every
// bit flipped, the others their sign bit set.
std::uint64_t order_key(double x) {
  const auto u = std::bit_cast<std::uint64_t>(x);
  // ~u for a negative value, u with its sign bit set otherwise, without a branch.
  const std::uint64_t flip = static_cast<std::uint64_t>(static_cast<std::int64_t>(u) >> 63) | (std::uint64_t{1} << 63);
  return u ^ flip;
}
double from_order_key(std::uint64_t k) {
  return std::bit_cast<double>(k >> 63 ? k & ~(std::uint64_t{1} << 63) : ~k);
}

// Puts into out[i] the key of rank ranks[i] (0-based, increasing) among `keys`, the least of
// which is `least` and the greatest `greatest`: a radix selection. Keys are spread over 256
// buckets by their offset from the least key; only the buckets holding a wanted rank are
// looked at again, each by the same method.
void select_keys(std::vector<std::uint64_t>& keys, const size_t* ranks, size_t nranks, std::uint64_t* out,
                 std::uint64_t least, std::uint64_t greatest) {
  if (keys.size() <= 32) {
    std::sort(keys.begin(), keys.end());
    for (size_t i = 0; i < nranks; ++i) out[i] = keys[ranks[i]];
    return;
  }
  const std::uint64_t range = greatest - least;
  if (range == 0) {
    for (size_t i = 0; i < nranks; ++i) out[i] = least;
    return;
  }
  constexpr int kBits = 8;
  const int shift = std::max(0, static_cast<int>(std::bit_width(range)) - kBits);
  std::array<size_t, (1 << kBits) + 1> count{};
  for (std::uint64_t k : keys) ++count[((k - least) >> shift) + 1];
  for (size_t b = 1; b < count.size(); ++b) count[b] += count[b - 1];  // count[b]: keys below bucket b
  // The buckets of the wanted ranks (at most six), each with its ranks inside it.
  struct Target {
    size_t bucket, first, last;  // ranks[first, last) fall in it
    size_t inside[6];
    std::vector<std::uint64_t> keys;
  };
  Target targets[6];
  size_t ntargets = 0;
  std::array<signed char, 1 << kBits> target_of;
  target_of.fill(-1);
  for (size_t i = 0; i < nranks;) {
    size_t b = 0;
    while (count[b + 1] <= ranks[i]) ++b;
    Target& t = targets[ntargets];
    t.bucket = b;
    t.first = i;
    while (i < nranks && ranks[i] < count[b + 1]) {
      t.inside[i - t.first] = ranks[i] - count[b];
      ++i;
    }
    t.last = i;
    t.keys.reserve(count[b + 1] - count[b]);
    target_of[b] = static_cast<signed char>(ntargets++);
  }
  for (std::uint64_t k : keys)
    if (const int t = target_of[(k - least) >> shift]; t >= 0) targets[t].keys.push_back(k);
  for (size_t t = 0; t < ntargets; ++t) {
    const auto [lo, hi] = std::minmax_element(targets[t].keys.begin(), targets[t].keys.end());
    select_keys(targets[t].keys, targets[t].inside, targets[t].last - targets[t].first, out + targets[t].first, *lo, *hi);
  }
}

// The values of the given ranks of `values` by nth_element: what a full sort puts there.
void select_by_partition(std::vector<double> values, const size_t* wanted, size_t n, double* out) {
  size_t from = 0;
  for (size_t w = 0; w < n; ++w) {
    const size_t k = wanted[w];
    if (k >= from) {
      const auto at = values.begin() + static_cast<std::ptrdiff_t>(k);
      if (k == from) {
        // Everything below k is in place: the k-th is the least of the rest.
        std::iter_swap(at, std::min_element(at, values.end()));
      } else {
        std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(from), at, values.end());
      }
      from = k + 1;
    }
    out[w] = values[k];
  }
}

}  // namespace

Interval summarize(std::span<const double> values) {
  // The three quantiles read six order statistics at most: select those instead of sorting
  // everything. Each is the value a full sort puts there, so the quantiles are the same.
  if (values.empty()) return {};
  // One pass over the values: their keys (below), their least and greatest key, whether they
  // are all the same, and whether any is NaN.
  const size_t n = values.size();
  const double v0 = values.front();
  std::vector<std::uint64_t> keys(n);
  std::uint64_t least = ~std::uint64_t{0}, greatest = 0;
  bool constant = true, any_nan = false;
  for (size_t i = 0; i < n; ++i) {
    const double v = values[i];
    constant &= v == v0;
    any_nan |= v != v;
    const std::uint64_t k = order_key(v);
    keys[i] = k;
    least = std::min(least, k);
    greatest = std::max(greatest, k);
  }
  // A constant row (a jurisdiction with nothing already relieved) needs no selection: every
  // quantile reads v twice, v + f·(v − v), which is v + 0.
  if (std::isfinite(v0) && constant) return {v0 + 0.0, v0 + 0.0, v0 + 0.0};
  const double ps[3] = {0.5, 0.05, 0.95};
  size_t wanted[6];
  for (size_t q = 0; q < 3; ++q) {
    const size_t lo = static_cast<size_t>(std::floor((static_cast<double>(n) - 1) * ps[q]));
    wanted[2 * q] = lo;
    wanted[2 * q + 1] = std::min(lo + 1, n - 1);
  }
  size_t ranks[6];
  std::copy(wanted, wanted + 6, ranks);
  std::sort(ranks, ranks + 6);
  const size_t nranks = static_cast<size_t>(std::unique(ranks, ranks + 6) - ranks);
  double at_rank[6];
  // By radix on the values' bits; a selected zero could be either +0 or −0, which compare
  // equal, and NaN has no order, so those rows take nth_element, which was always used.
  bool by_radix = !any_nan;
  if (by_radix) {
    std::uint64_t selected[6];
    select_keys(keys, ranks, nranks, selected, least, greatest);
    for (size_t i = 0; i < nranks; ++i) {
      at_rank[i] = from_order_key(selected[i]);
      by_radix = by_radix && at_rank[i] != 0;
    }
  }
  if (!by_radix) select_by_partition({values.begin(), values.end()}, ranks, nranks, at_rank);
  // quantile_sorted reads positions lo and lo + 1: give it those values where it looks.
  auto value_at = [&](size_t k) { return at_rank[std::lower_bound(ranks, ranks + nranks, k) - ranks]; };
  auto quantile = [&](size_t q) {
    const double h = (static_cast<double>(n) - 1) * ps[q];
    const size_t lo = wanted[2 * q];
    const double a = value_at(lo), b = value_at(wanted[2 * q + 1]);
    return a + (h - static_cast<double>(lo)) * (b - a);
  };
  return {quantile(0), quantile(1), quantile(2)};
}

}  // namespace reliefsim
