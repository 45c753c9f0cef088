#include "sim/projection/projection.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <tuple>
#include <type_traits>

#include "sim/base/parallel.hpp"
#include "sim/base/random.hpp"

namespace reliefsim {
namespace {

constexpr size_t kUnits = kProjectionUnits.size();

// Where several actions reach the same share of a group, the record is delivered by the
// mechanism that clears it soonest without anyone asking (assumption overlapping-actions-max).
int delivery_rank(const ResolvedAction& a) {
  switch (a.mechanism) {
    case Mechanism::automatic_repository_sealing: return 0;
    case Mechanism::automatic_court_expungement: return 1;
    case Mechanism::prosecutor_initiated: return 2;
    case Mechanism::blanket_pardon: return a.records_updated_by_agency ? 1 : 4;
    case Mechanism::petition_expungement:
    case Mechanism::petition_sealing:
    case Mechanism::petition_vacatur: return 3;
    case Mechanism::certificate_on_application: return 4;
    case Mechanism::application_pardon: return 5;
    case Mechanism::law_change: return 6;
  }
  return 6;
}

// Whether each gate opens in each replicate ([gate * replicates + r]): its chance is drawn
// first, then the outcome, each keyed on the gate's name.
std::vector<char> gates_opened(const std::vector<Gate>& gates, std::uint64_t seed, size_t replicates) {
  std::vector<char> opened(gates.size() * replicates);
  for (size_t k = 0; k < gates.size(); ++k) {
    const std::uint64_t chance = key_hash(gates[k].key + "#p"), outcome = key_hash(gates[k].key);
    for (size_t r = 0; r < replicates; ++r) {
      const double p = gates[k].probability.at(keyed_uniform_of(seed, chance, r));
      opened[k * replicates + r] = keyed_uniform_of(seed, outcome, r) < p;
    }
  }
  return opened;
}

// Whether relief `b` of current law can have relieved, for new action `a`, records both reach
// (docs/methodology.md, "Current law as the baseline").
// `when` is the date it is asked on: by default, when `a` takes effect.
bool can_relieve_for(const ResolvedAction& a, const ResolvedAction& b, std::optional<Date> when = std::nullopt) {
  if (b.date > when.value_or(a.date)) return false;  // not yet in force then
  // A certificate of pardon is the proof of an earlier pardon, the way its records are
  // updated: that pardon relieves nothing the certificate would otherwise reach.
  if (a.mechanism == Mechanism::certificate_on_application && b.mechanism == Mechanism::blanket_pardon) return false;
  // A sealed conviction is hidden, not erased: it can still be pardoned.
  if (is_pardon(a.mechanism) &&
      (b.mechanism == Mechanism::automatic_repository_sealing || b.mechanism == Mechanism::petition_sealing))
    return false;
  return true;
}

// Share of the records that both current-law action `b` and new action `a` reach which `b`
// has already relieved when `a` takes effect: what `b` has cleared by then, or, for a new
// pardon, everything an earlier blanket pardon already pardoned (a pardoned conviction cannot
// be pardoned again, whether or not its record was updated).
// `when` moves the question to another date (against current law: by the date reported).
double already_relieved_share(const ResolvedAction& a, const ResolvedAction& b, const DeliveryModel& delivery,
                              const std::vector<double>& delta, double b_records, std::optional<Date> when = std::nullopt) {
  if (!can_relieve_for(a, b, when)) return 0;
  if (is_pardon(a.mechanism) && b.mechanism == Mechanism::blanket_pardon) return 1;
  return delivery.cleared_share(b, months_between(b.date, when.value_or(a.date)), delta, b_records);
}

// Mechanisms whose pace depends on how many records there are (court-review-capacity).
bool paced_by_capacity(const ResolvedAction& a) {
  return a.residents > 0 &&
         (a.mechanism == Mechanism::automatic_court_expungement || a.mechanism == Mechanism::prosecutor_initiated);
}

// Share of a record holder's records, all of which are cleared, given the share c of the
// jurisdiction's records cleared and the mean records per person (records-per-person):
// with 1 + Poisson(λ) records a person, P(all cleared) = c · e^{λ(c-1)}
// (assumption fully-cleared-poisson).
double all_cleared(double c, double records_per_person) {
  c = std::clamp(c, 0.0, 1.0);
  const double lambda = std::max(0.0, records_per_person - 1);
  return c * std::exp(lambda * (c - 1));
}

// The term loops come in two builds, the processor choosing at load time: one with AVX2's
// four-wide arithmetic, and one for any x86-64. Without FMA, which AVX2 does not imply, both
// round every product and sum alike, so the figures are the same bits on either. GCC only:
// Clang (the fuzzing build) does not clone function templates.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define RELIEFSIM_WIDE_LOOP __attribute__((target_clones("avx2", "default")))
#else
#define RELIEFSIM_WIDE_LOOP
#endif

// Groups that share their parameter factors, disposition, gate and delivering action are
// summed once into a term (see project()).
struct Term {
  std::array<int, 5> factor;
  int people_per_record;
  bool person_based, conviction, other_conviction;
  int gate, action;
  int pair = -1;  ///< (action, current-law action) pair whose relief is subtracted, or -1
  int reach = kOne, overlap_reach = kOne;  ///< share the agency finds (repository_slot)
  int status = kOne, overlap_status = kOne;  ///< share under sentence (status_slot)
  double weight = 0, weight_alive = 0, weight_alive_sq = 0;
  /// The part of `weight` that current law also reaches (the overlap of the two scopes).
  double overlap = 0, overlap_alive = 0, overlap_alive_sq = 0;
  int flags() const { return int(person_based) | int(conviction) << 1 | int(other_conviction) << 2; }
  /// The key of the term's class (TermClasses): everything but the first two factors and
  /// the weights.
  using ClassKey = std::array<int, 12>;
  ClassKey class_key() const {
    return {factor[2], factor[3], factor[4], people_per_record, flags(), gate, action, pair, reach, overlap_reach,
            status, overlap_status};
  }
  /// Whether `k` is this term's class key, field by field: a key built in memory and read
  /// back whole stalls on store forwarding, and TermIndex asks this for every group.
  bool has_class_key(const ClassKey& k) const {
    return k[0] == factor[2] && k[1] == factor[3] && k[2] == factor[4] && k[3] == people_per_record &&
           k[4] == flags() && k[5] == gate && k[6] == action && k[7] == pair && k[8] == reach &&
           k[9] == overlap_reach && k[10] == status && k[11] == overlap_status;
  }
};
// A hash of a term's class key, from its fields (see Term::has_class_key): each pair of
// fields as one word, times its own odd constant, summed (no chain of dependent
// multiplications), then mixed.
std::uint64_t class_hash(const Term& t) {
  auto word = [](int a, int b) {
    return std::uint64_t{static_cast<std::uint32_t>(a)} << 32 | static_cast<std::uint32_t>(b);
  };
  std::uint64_t h = word(t.factor[2], t.factor[3]) * 0xbf58476d1ce4e5b9u +
                    word(t.factor[4], t.people_per_record) * 0x94d049bb133111ebu +
                    word(t.flags(), t.gate) * 0xff51afd7ed558ccdu + word(t.action, t.pair) * 0xc4ceb9fe1a85ec53u +
                    word(t.reach, t.overlap_reach) * 0xd6e8feb86659fd93u +
                    word(t.status, t.overlap_status) * 0xa0761d6478bd642fu;
  h ^= h >> 32;
  h *= 0xe7037ed1a0b428dbu;
  return h ^ (h >> 29);
}
/// Numbers 0, 1, 2, … given to keys in the order they are first seen: open addressing over the
/// keys' 64-bit hashes, the keys themselves kept by the caller (`same(n)`: whether key n is
/// the one looked up).
class KeyNumbers {
 public:
  template <class Same>
  std::uint32_t find_or_add(std::uint64_t h, const Same& same) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      if (slots_[i] == 0) {
        slots_[i] = ++count_;
        hashes_[i] = h;
        return count_ - 1;
      }
      if (hashes_[i] == h && same(slots_[i] - 1)) return slots_[i] - 1;
    }
  }
  std::uint32_t size() const { return count_; }

 private:
  void grow() {
    const size_t size = std::max<size_t>(64, 2 * slots_.size());
    std::vector<std::uint32_t> slots(size, 0);
    std::vector<std::uint64_t> hashes(size, 0);
    mask_ = size - 1;
    for (size_t i = 0; i < slots_.size(); ++i)
      if (slots_[i]) {
        size_t j = hashes_[i] & mask_;
        while (slots[j]) j = (j + 1) & mask_;
        slots[j] = slots_[i];
        hashes[j] = hashes_[i];
      }
    slots_ = std::move(slots);
    hashes_ = std::move(hashes);
  }
  std::vector<std::uint32_t> slots_;  ///< number + 1; 0: empty
  std::vector<std::uint64_t> hashes_;
  size_t mask_ = 0;
  std::uint32_t count_ = 0;
};

/// Terms by key: the index of each key's term in a list that keeps terms in the order they
/// first appear. A national population sums about 1.6 million groups into terms, and the
/// groups of one arrest cell (its dispositions and charges) come one after another with the
/// same first two factors, so the key is looked up in two parts: those two factors, once a
/// cell, and the rest (the term's class: few, so their table stays in cache).
class TermIndex {
 public:
  /// The index in `into` of the term with t's key, or into.size() after adding t. `into`
  /// holds the terms added through this index alone.
  size_t find_or_add(std::vector<Term>& into, const Term& t) {
    const std::uint64_t pair = std::uint64_t{static_cast<std::uint32_t>(t.factor[0])} << 32 |
                               static_cast<std::uint32_t>(t.factor[1]);
    if (pair_count_ == 0 || pair != last_pair_) {
      last_pair_ = pair;
      last_pair_number_ = pairs_.find_or_add(pair * 0x9e3779b97f4a7c15u, [&](std::uint32_t n) { return pair_keys_[n] == pair; });
      if (last_pair_number_ == pair_keys_.size()) pair_keys_.push_back(pair);
      pair_count_ = pairs_.size();
    }
    const std::uint32_t c = classes_.find_or_add(class_hash(t), [&](std::uint32_t n) { return t.has_class_key(class_keys_[n]); });
    if (c == class_keys_.size()) class_keys_.push_back(t.class_key());
    if (term_of_.size() <= last_pair_number_) term_of_.resize(pair_count_);
    std::vector<std::uint32_t>& terms = term_of_[last_pair_number_];
    if (terms.size() <= c) terms.resize(class_keys_.size(), 0);
    std::uint32_t& k = terms[c];
    if (k == 0) {
      into.push_back(t);
      k = static_cast<std::uint32_t>(into.size());
    }
    return k - 1;
  }

 private:
  KeyNumbers pairs_, classes_;
  std::vector<std::uint64_t> pair_keys_;
  std::vector<Term::ClassKey> class_keys_;
  /// By pair number, then class: term index + 1. Pair first, because the groups of one arrest
  /// cell come together and share their pair: their lookups fall in one short row.
  std::vector<std::vector<std::uint32_t>> term_of_;
  std::uint64_t last_pair_ = 0;
  std::uint32_t last_pair_number_ = 0, pair_count_ = 0;
};

void add_term(std::vector<Term>& into, TermIndex& index, const Term& t) {
  const size_t n = into.size();
  const size_t k = index.find_or_add(into, t);
  if (k == n) return;
  Term& s = into[k];
  s.weight += t.weight;
  s.weight_alive += t.weight_alive;
  s.weight_alive_sq += t.weight_alive_sq;
  s.overlap += t.overlap;
  s.overlap_alive += t.overlap_alive;
  s.overlap_alive_sq += t.overlap_alive_sq;
}

// The terms of one class differ only in their first two factors, the arrest estimate and the
// amount band's share, of which the national population has about 11,600 pairs; everything
// else (the disposition and charge factors, the reach, the status, the action, the gate, the
// pair) is the class's. Tens of thousands of terms fall into a few hundred classes, so a
// replicate sums each class's weights times its members' two factors, one product and a few
// additions a term, and applies the rest once per class.
struct Member {
  int row0, row1;  ///< rows of the two factors in the block's parameter rows
  double weight, weight_alive, weight_alive_sq, overlap, overlap_alive, overlap_alive_sq;
};
struct TermClasses {
  std::vector<Term> classes;  ///< the class's first term: its factors 0 and 1 and weights unused
  std::vector<size_t> first;  ///< class c's members are [first[c], first[c + 1])
  std::vector<Member> members;
  /// Classes whose members are the same, byte for byte, have the same member sums: an arrest
  /// cell's groups share their count and split it by factors of the class (the disposition,
  /// other charges, other convictions), so every class an action reaches in full repeats the
  /// members of another. same[c] is the first class with c's members, c itself when none is
  /// earlier; `sums[c]` how many of the six sums (1, 3 or 6) class c and the later classes
  /// with its members need; `kept[c]` where a block keeps c's sums for those later classes
  /// (-1: used by c alone).
  std::vector<size_t> same;
  std::vector<int> sums, kept;
  size_t nkept = 0;
};
// The classes of `terms`, in the order they first appear, each member in term order; `row`
// turns a parameter slot into its row, and `sums_needed` tells how many sums a class needs.
template <class RowOf, class SumsNeeded>
TermClasses classes_of(const std::vector<Term>& terms, const RowOf& row, const SumsNeeded& sums_needed) {
  TermClasses out;
  KeyNumbers numbers;
  std::vector<Term::ClassKey> keys;
  std::vector<size_t> class_of(terms.size()), count;
  for (size_t t = 0; t < terms.size(); ++t) {
    const size_t k =
        numbers.find_or_add(class_hash(terms[t]), [&](std::uint32_t n) { return terms[t].has_class_key(keys[n]); });
    if (k == count.size()) {
      keys.push_back(terms[t].class_key());
      out.classes.push_back(terms[t]);
      count.push_back(0);
    }
    class_of[t] = k;
    ++count[k];
  }
  out.first.assign(out.classes.size() + 1, 0);
  for (size_t c = 0; c < out.classes.size(); ++c) out.first[c + 1] = out.first[c] + count[c];
  std::vector<size_t> next(out.first.begin(), out.first.end() - 1);
  out.members.resize(terms.size());
  for (size_t t = 0; t < terms.size(); ++t) {
    const Term& x = terms[t];
    out.members[next[class_of[t]]++] = {row(x.factor[0]), row(x.factor[1]), x.weight,  x.weight_alive,
                                        x.weight_alive_sq, x.overlap,         x.overlap_alive, x.overlap_alive_sq};
  }
  // Classes with the same members, found by a hash of their bytes and then compared in full.
  const size_t nc = out.classes.size();
  out.same.resize(nc);
  out.sums.assign(nc, 0);
  out.kept.assign(nc, -1);
  KeyNumbers lists;
  std::vector<size_t> list_class;  // by list number: its first class
  auto size_of = [&](size_t c) { return out.first[c + 1] - out.first[c]; };
  for (size_t c = 0; c < nc; ++c) {
    const Member* m = out.members.data() + out.first[c];
    std::uint64_t h = size_of(c);
    for (const Member* x = m; x != m + size_of(c); ++x)
      h = (h ^ (std::uint64_t{static_cast<std::uint32_t>(x->row0)} << 32 | static_cast<std::uint32_t>(x->row1)) ^
           std::bit_cast<std::uint64_t>(x->weight)) * 0x9e3779b97f4a7c15u;
    const std::uint32_t k = lists.find_or_add(h, [&](std::uint32_t n) {
      const size_t d = list_class[n];
      return size_of(d) == size_of(c) && std::memcmp(out.members.data() + out.first[d], m, size_of(c) * sizeof(Member)) == 0;
    });
    if (k == list_class.size()) list_class.push_back(c);
    const size_t d = list_class[k];
    out.same[c] = d;
    out.sums[d] = std::max(out.sums[d], sums_needed(out.classes[c]));
    if (d != c && out.kept[d] < 0) out.kept[d] = static_cast<int>(out.nkept++);
  }
  return out;
}

// Per replicate, the sums over a class's members of each weight times the member's two
// factors: w0…w5 for weight, weight_alive, weight_alive_sq, overlap, overlap_alive and
// overlap_alive_sq, the first `kSums` of them (1, 3 or 6).
template <int kSums>
[[gnu::always_inline]] inline void add_member(const double* __restrict a, const double* __restrict b, size_t n,
                                              const double* c, double* __restrict w0, double* __restrict w1,
                                              double* __restrict w2, double* __restrict w3, double* __restrict w4,
                                              double* __restrict w5) {
  const double c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5];
  for (size_t i = 0; i < n; ++i) {
    const double x = a[i] * b[i];
    w0[i] += c0 * x;
    if (kSums > 1) {
      w1[i] += c1 * x;
      w2[i] += c2 * x;
    }
    if (kSums > 3) {
      w3[i] += c3 * x;
      w4[i] += c4 * x;
      w5[i] += c5 * x;
    }
  }
}
template <int kSums>
RELIEFSIM_WIDE_LOOP void sum_members(const Member* m, const Member* end, const double* const* rows, size_t n,
                                     double* __restrict w0, double* __restrict w1, double* __restrict w2,
                                     double* __restrict w3, double* __restrict w4, double* __restrict w5) {
  std::fill_n(w0, n, 0.0);
  if (kSums > 1) std::fill_n(w1, n, 0.0), std::fill_n(w2, n, 0.0);
  if (kSums > 3) std::fill_n(w3, n, 0.0), std::fill_n(w4, n, 0.0), std::fill_n(w5, n, 0.0);
#pragma GCC unroll 1
  for (; m != end; ++m) add_member<kSums>(rows[m->row0], rows[m->row1], n, &m->weight, w0, w1, w2, w3, w4, w5);
}

// One class without a gate or current-law pair, over n replicates of a block: what the
// generic evaluation adds, with the choices the class makes taken before the loop. The
// weights are the class's member sums (sum_members). A factor that does not apply is a row
// of ones (x·1 is exactly x), and a sum that would take a 0 is left alone (a sum that starts
// at +0 never becomes -0, so adding +0 changes nothing).
struct PlainTerm {
  const double *weight, *weight_alive, *weight_alive_sq;
  const double *f2, *f3, *f4, *reach, *status;
  const double *cases_per_record, *charges_per_case, *people_per_record;  // or ones
};
// With a gate, a replicate whose gate stays shut adds ±0 everywhere (its figures times the
// gate's 0), which changes no sum: sums start at +0, and x + (±0) is x for any x but −0.
// A product, not a branch, so that the loop is vectorized.
template <bool kConviction, bool kNoOther, bool kGated>
RELIEFSIM_WIDE_LOOP void add_plain(const PlainTerm& t, const double* mm, const double* __restrict open, size_t n, double* __restrict people,
               double* __restrict convictions, double* __restrict cases, double* __restrict charges,
               double* __restrict records, double* __restrict no_other) {
  for (size_t i = 0; i < n; ++i) {
    const double m = mm[i];
    const double p = t.f2[i] * t.f3[i] * t.f4[i] * t.reach[i] * t.status[i];
    double r = t.weight[i] * p;
    double alive = ((2 - m) * t.weight_alive[i] + (m - 1) * t.weight_alive_sq[i]) * p;
    if (kGated) {
      r *= open[i];
      alive *= open[i];
    }
    const double c = r * t.cases_per_record[i];
    records[i] += r;
    if (kConviction) convictions[i] += r;
    cases[i] += c;
    charges[i] += c * t.charges_per_case[i];
    people[i] += alive * t.people_per_record[i];
    if (kNoOther) no_other[i] += r;
  }
}

// The same for a class from which a current-law pair's relief is subtracted: what is left
// goes to the action's sums, what current law relieved to `already`, and against current law
// the whole overlap to the pair's sums, each as the generic evaluation computes it.
struct PairTerm {
  PlainTerm plain;
  const double *overlap, *overlap_alive, *overlap_alive_sq;
  const double *overlap_reach, *overlap_status, *relieved;
};
struct Sums {
  double *__restrict people, *__restrict convictions, *__restrict cases, *__restrict charges, *__restrict records,
      *__restrict no_other;
};
template <bool kConviction, bool kNoOther>
[[gnu::always_inline]] inline void add_sums(const Sums& s, const PlainTerm& t, size_t i, double r, double alive) {
  const double c = r * t.cases_per_record[i];
  s.records[i] += r;
  if (kConviction) s.convictions[i] += r;
  s.cases[i] += c;
  s.charges[i] += c * t.charges_per_case[i];
  s.people[i] += alive * t.people_per_record[i];
  if (kNoOther) s.no_other[i] += r;
}
template <bool kConviction, bool kNoOther, bool kAgainst, bool kGated>
RELIEFSIM_WIDE_LOOP void add_pair_restrict(const PairTerm& pt, const double* __restrict mm, const double* __restrict open, size_t n, double* __restrict a0, double* __restrict a1,
                       double* __restrict a2, double* __restrict a3, double* __restrict a4, double* __restrict a5,
                       double* __restrict b0, double* __restrict b1, double* __restrict b2, double* __restrict b3,
                       double* __restrict b4, double* __restrict b5, double* __restrict c0, double* __restrict c1,
                       double* __restrict c2, double* __restrict c3, double* __restrict c4, double* __restrict c5) {
  const Sums sums{a0, a1, a2, a3, a4, a5}, already{b0, b1, b2, b3, b4, b5}, overlap{c0, c1, c2, c3, c4, c5};
  const PlainTerm& t = pt.plain;
  for (size_t i = 0; i < n; ++i) {
    const double m = mm[i];
    const double base = t.f2[i] * t.f3[i] * t.f4[i];
    const double p = base * t.reach[i] * t.status[i];
    const double r = t.weight[i] * p;
    const double alive = ((2 - m) * t.weight_alive[i] + (m - 1) * t.weight_alive_sq[i]) * p;
    const double o = base * pt.overlap_reach[i] * pt.overlap_status[i];
    const double q = o * pt.relieved[i];
    const double gone = pt.overlap[i] * q;
    const double overlap_alive = (2 - m) * pt.overlap_alive[i] + (m - 1) * pt.overlap_alive_sq[i];
    const double gone_alive = overlap_alive * q;
    double left = r - gone, left_alive = alive - gone_alive, gone_r = gone, gone_a = gone_alive;
    double both = pt.overlap[i] * o, both_alive = overlap_alive * o;
    if (kGated) {
      const double g = open[i];
      left *= g;
      left_alive *= g;
      gone_r *= g;
      gone_a *= g;
      both *= g;
      both_alive *= g;
    }
    add_sums<kConviction, kNoOther>(sums, t, i, left, left_alive);
    add_sums<kConviction, kNoOther>(already, t, i, gone_r, gone_a);
    if (kAgainst) add_sums<kConviction, kNoOther>(overlap, t, i, both, both_alive);
  }
}
template <bool kConviction, bool kNoOther, bool kGated>
void add_pair(const PairTerm& pt, const double* mm, const double* open, size_t n, const Sums& s, const Sums& a, const Sums& o,
              bool against) {
  if (against)
    add_pair_restrict<kConviction, kNoOther, true, kGated>(pt, mm, open, n, s.people, s.convictions, s.cases, s.charges, s.records,
                                                   s.no_other, a.people, a.convictions, a.cases, a.charges, a.records,
                                                   a.no_other, o.people, o.convictions, o.cases, o.charges, o.records,
                                                   o.no_other);
  else
    add_pair_restrict<kConviction, kNoOther, false, kGated>(pt, mm, open, n, s.people, s.convictions, s.cases, s.charges, s.records,
                                                    s.no_other, a.people, a.convictions, a.cases, a.charges, a.records,
                                                    a.no_other, o.people, o.convictions, o.cases, o.charges, o.records,
                                                    o.no_other);
}

// What a class of the held denominators adds over n replicates: records, and living people
// (`people_per_record` is the row of ones for counts of people).
RELIEFSIM_WIDE_LOOP void add_held(const PlainTerm& t, const double* __restrict mm, size_t n, double* __restrict records,
              double* __restrict people) {
  for (size_t i = 0; i < n; ++i) {
    const double m = mm[i];
    const double p = t.f2[i] * t.f3[i] * t.f4[i];
    records[i] += t.weight[i] * p;
    const double alive = ((2 - m) * t.weight_alive[i] + (m - 1) * t.weight_alive_sq[i]) * p;
    people[i] += alive * t.people_per_record[i];
  }
}

// The records a capacity-paced current-law action's class reaches, over n replicates.
RELIEFSIM_WIDE_LOOP void add_current(const PlainTerm& t, size_t n, double* __restrict records) {
  for (size_t i = 0; i < n; ++i) records[i] += t.weight[i] * (t.f2[i] * t.f3[i] * t.f4[i]) * t.reach[i] * t.status[i];
}

// An action's figures on a date, over n replicates, added to its jurisdiction's four
// measures: eligible, cleared (by the share cleared), already relieved, legally relieved.
RELIEFSIM_WIDE_LOOP void add_measures(const double* __restrict by_unit, const double* __restrict gone,
                                      const double* __restrict share, const double* __restrict legal, size_t n,
                                      double* __restrict eligible, double* __restrict cleared, double* __restrict already,
                                      double* __restrict legally) {
  for (size_t i = 0; i < n; ++i) {
    eligible[i] += by_unit[i];
    cleared[i] += by_unit[i] * share[i];
    already[i] += gone[i];
    legally[i] += by_unit[i] * legal[i];
  }
}

// Calls f with three booleans as std::bool_constant, so that each combination is its own loop.
template <class F>
void dispatch(bool a, bool b, bool c, const F& f) {
  using T = std::true_type;
  using N = std::false_type;
  if (a) {
    if (b) c ? f(T{}, T{}, T{}) : f(T{}, T{}, N{});
    else c ? f(T{}, N{}, T{}) : f(T{}, N{}, N{});
  } else {
    if (b) c ? f(N{}, T{}, T{}) : f(N{}, T{}, N{});
    else c ? f(N{}, N{}, T{}) : f(N{}, N{}, N{});
  }
}

}  // namespace

Projection first_date_against_current_law(const Projection& p) {
  Projection q;
  q.rows = p.against_current_law;
  q.jurisdictions = p.jurisdictions;
  q.board_gates = p.board_gates;
  q.replicates = p.replicates;
  q.seed = p.seed;
  return q;
}

std::vector<const ProjectionRow*> rows_of(const Projection& p, Date as_of, Measure m, Unit u) {
  std::vector<const ProjectionRow*> out;
  for (const auto& r : p.rows)
    if (r.as_of == as_of && r.measure == m && r.unit == u) out.push_back(&r);
  return out;
}

Projection project(const RecordPopulation& pop, const EligibilityPlan& plan,
                   const std::vector<ResolvedAction>& actions, const DeliveryModel& delivery,
                   const std::vector<Date>& dates, const ProjectionSettings& settings, ReplicateDraws* draws) {
  Projection out;
  out.replicates = settings.replicates;
  out.seed = settings.seed;
  std::set<int> scope;
  for (const auto& a : actions)
    if (!a.current_law) scope.insert(a.jurisdiction);
  out.jurisdictions.assign(scope.begin(), scope.end());
  const size_t nj = out.jurisdictions.size();
  std::map<int, int> slot_of;
  for (size_t k = 0; k < nj; ++k) slot_of[out.jurisdictions[k]] = static_cast<int>(k);
  const size_t na = actions.size();
  std::vector<int> slot_of_action(na);
  for (size_t a = 0; a < na; ++a) {
    auto it = slot_of.find(actions[a].jurisdiction);
    slot_of_action[a] = it == slot_of.end() ? -1 : it->second;
  }
  const size_t reps = static_cast<size_t>(settings.replicates);
  const Date held_on = dates.empty() ? Date{} : dates.front();

  // Eligibility does not change between replicates, so groups that share their parameter
  // factors, disposition, gate and delivering action are summed once into a term, and terms
  // into classes (TermClasses); a replicate then costs a product and a few additions per
  // term instead of one evaluation per group. Groups reached by actions behind different
  // gates keep their own evaluation ("complex").
  // The (new action, current-law action) pairs: current law's relief is drawn once per pair
  // and replicate.
  using PairIndex = std::map<std::pair<int, int>, int>;
  PairIndex pair_index;
  std::vector<std::pair<int, int>> pairs;
  std::vector<std::vector<int>> pairs_of_action(actions.size());
  std::vector<Term> terms;
  // The records each capacity-paced current-law action reaches, to pace its own delivery.
  std::vector<Term> current_terms;
  std::vector<size_t> complex_first;  // indices into plan.shares where a complex group starts
  // The share that delivers a group: the largest reach; then relief no one has to ask for
  // before relief a person must seek; then the earliest action (it has had the longest to act:
  // a later law reaching the same records adds nothing to them); then the quickest mechanism.
  auto better = [&](const EligibleShare& s, const EligibleShare* best) {
    if (!best) return true;
    if (s.fraction != best->fraction) return s.fraction > best->fraction;
    // A clause for everyone reaches more than one for the people still under sentence.
    if ((s.status == kOne) != (best->status == kOne)) return s.status == kOne;
    const ResolvedAction& a = actions[static_cast<size_t>(s.action)];
    const ResolvedAction& b = actions[static_cast<size_t>(best->action)];
    const int ra = delivery_rank(a), rb = delivery_rank(b);
    const bool asked_a = ra > 2, asked_b = rb > 2;  // petitions, applications, certificates
    if (asked_a != asked_b) return !asked_a;
    if (a.date != b.date) return a.date < b.date;
    // On the same day, a clause with a statutory deadline is carried out first, the earliest
    // deadline first.
    if (a.deadline != b.deadline) return a.deadline && (!b.deadline || *a.deadline < *b.deadline);
    return ra < rb;
  };
  auto make_term = [](const RecordGroup& g, double weight, int gate, int action, int reach = kOne, int status = kOne,
                      int pair = -1, double overlap = 0, int overlap_reach = kOne, int overlap_status = kOne) {
    return Term{g.factor,  g.people_per_record, g.person_based, g.disposition == Disposition::conviction,
                g.other_conviction, gate, action, pair, reach, overlap_reach, status, overlap_status, weight,
                weight * g.alive, weight * g.alive_sq, overlap, overlap * g.alive, overlap * g.alive_sq};
  };
  // The term of group g delivered by `best`, less what `current` (current law) relieved.
  // assumption overlapping-actions-max: the scopes are nested within a group, so the
  // records both reach are the smaller of the two shares, found where either action finds
  // them (the repository's share when either acts on the repository's records).
  // `pair` is the number of the pair (best's action, current's action).
  auto scenario_term = [&](const RecordGroup& g, const EligibleShare& best, const EligibleShare* current, int gate,
                           int pair) {
    if (!current) return make_term(g, g.base * best.fraction, gate, best.action, best.reach, best.status);
    return make_term(g, g.base * best.fraction, gate, best.action, best.reach, best.status, pair,
                     g.base * std::min(best.fraction, current->fraction), best.reach != kOne ? best.reach : current->reach,
                     best.status != kOne ? best.status : current->status);
  };
  // The current-law share that delivers a group, or nullptr when none does.
  auto current_law_best = [&](size_t first, int gi) {
    const EligibleShare* best = nullptr;
    for (size_t i = first; i < plan.shares.size() && plan.shares[i].group == gi; ++i)
      if (actions[static_cast<size_t>(plan.shares[i].action)].current_law && better(plan.shares[i], best))
        best = &plan.shares[i];
    return best;
  };
  // The current-law share to subtract from new action `a`'s reach of a group: one in force
  // when `a` takes effect and whose relief counts against it (can_relieve_for) before one that
  // is not, then as `better` orders.
  auto current_law_for = [&](size_t first, int gi, int a) {
    const ResolvedAction& na = actions[static_cast<size_t>(a)];
    const EligibleShare* best = nullptr;
    for (size_t i = first; i < plan.shares.size() && plan.shares[i].group == gi; ++i) {
      const EligibleShare& sh = plan.shares[i];
      const ResolvedAction& b = actions[static_cast<size_t>(sh.action)];
      if (!b.current_law) continue;
      if (best) {
        const bool counts = can_relieve_for(na, b), best_counts = can_relieve_for(na, actions[static_cast<size_t>(best->action)]);
        if (counts != best_counts) {
          if (counts) best = &sh;
          continue;
        }
      }
      if (better(sh, best)) best = &sh;
    }
    return best;
  };
  // Planning puts each jurisdiction's groups together, and an action reaches only its own
  // jurisdiction's groups, so a term (its key holds the action) and a pair first appear among
  // their jurisdiction's shares. Each jurisdiction's shares are summed on their own, on the
  // projection's threads, and the parts put one after another in order: the terms, pairs and
  // complex groups of one pass over every share in order.
  struct Part {
    size_t first = 0, last = 0;  ///< [first, last) of plan.shares
    std::vector<Term> terms, current_terms;
    std::vector<std::pair<int, int>> pairs;  ///< numbered from 0 within the part
    std::vector<size_t> complex_first;
  };
  std::vector<Part> parts;
  {
    std::vector<int> part_of_action(na, -1);
    bool apart = true;  // whether no action has shares in two parts
    for (size_t i = 0; i < plan.shares.size() && apart;) {
      const int j = pop.groups[static_cast<size_t>(plan.shares[i].group)].jurisdiction;
      Part& part = parts.emplace_back();
      part.first = i;
      for (; i < plan.shares.size() && pop.groups[static_cast<size_t>(plan.shares[i].group)].jurisdiction == j; ++i) {
        int& owner = part_of_action[static_cast<size_t>(plan.shares[i].action)];
        if (owner < 0) owner = static_cast<int>(parts.size() - 1);
        apart = apart && owner == static_cast<int>(parts.size() - 1);
      }
      part.last = i;
    }
    // A plan not laid out by jurisdiction is summed in one pass.
    if (!apart) parts.assign(1, Part{0, plan.shares.size(), {}, {}, {}, {}});
  }
  std::vector<size_t> part_cost;
  for (const Part& part : parts) part_cost.push_back(part.last - part.first);
  run_jobs(part_cost, settings.threads, [&](size_t p) {
    Part& part = parts[p];
    TermIndex index, current_index;
    size_t i = part.first;
    while (i < part.last) {
      const size_t first = i;
      const int gi = plan.shares[i].group;
      int gate = -2;  // -2: none seen; -1: ungated; else the one gate
      bool mixed = false;
      const EligibleShare* best = nullptr;
      for (; i < part.last && plan.shares[i].group == gi; ++i) {
        const auto& sh = plan.shares[i];
        if (actions[static_cast<size_t>(sh.action)].current_law) continue;
        if (gate == -2) gate = sh.gate;
        else if (gate != sh.gate) mixed = true;
        if (better(sh, best)) best = &sh;
      }
      const EligibleShare* current = current_law_best(first, gi);
      if (current && paced_by_capacity(actions[static_cast<size_t>(current->action)])) {
        const RecordGroup& g = pop.groups[static_cast<size_t>(gi)];
        add_term(part.current_terms, current_index,
                 make_term(g, g.base * current->fraction, -1, current->action, current->reach, current->status));
      }
      if (!best) continue;  // reached by current law only
      // Every new action's pair with the current law subtracted from it; the best's is its term's.
      const EligibleShare* best_current = nullptr;
      int best_pair = -1;
      for (size_t k = first; k < i; ++k)
        if (!actions[static_cast<size_t>(plan.shares[k].action)].current_law)
          if (const EligibleShare* c = current_law_for(first, gi, plan.shares[k].action)) {
            // A jurisdiction has a few pairs: a look along them beats a tree.
            const std::pair<int, int> pair{plan.shares[k].action, c->action};
            const auto it = std::find(part.pairs.begin(), part.pairs.end(), pair);
            const int number = static_cast<int>(it - part.pairs.begin());
            if (it == part.pairs.end()) part.pairs.push_back(pair);
            if (&plan.shares[k] == best) best_current = c, best_pair = number;
          }
      if (settings.reference || mixed) {
        part.complex_first.push_back(first);
        continue;
      }
      add_term(part.terms, index, scenario_term(pop.groups[static_cast<size_t>(gi)], *best, best_current, gate, best_pair));
    }
  });
  for (Part& part : parts) {
    const int offset = static_cast<int>(pairs.size());
    for (const auto& pair : part.pairs) {
      pair_index.emplace(pair, static_cast<int>(pairs.size()));
      pairs_of_action[static_cast<size_t>(pair.first)].push_back(static_cast<int>(pairs.size()));
      pairs.push_back(pair);
    }
    for (Term& t : part.terms) {
      if (t.pair >= 0) t.pair += offset;
      terms.push_back(t);
    }
    current_terms.insert(current_terms.end(), part.current_terms.begin(), part.current_terms.end());
    complex_first.insert(complex_first.end(), part.complex_first.begin(), part.complex_first.end());
  }
  // The rows, in output order: row ((d * (nj + 1) + k) * nm + m) * kUnits + u. Replicates
  // write their figures straight into them.
  const size_t nd = dates.size();
  constexpr size_t nm = kMeasures.size();
  // A row not kept (later_dates) is not made; its place holds nullptr.
  auto kept = [&](size_t d, size_t k, size_t m, size_t u) {
    if (d == 0 || !settings.later_dates) return true;
    const auto& later = *settings.later_dates;
    auto has = [&](const std::vector<Measure>& v) { return std::find(v.begin(), v.end(), kMeasures[m]) != v.end(); };
    return kProjectionUnits[u] == later.unit && (has(later.each) || (k == nj && has(later.total_only)));
  };
  std::vector<double*> row_values(nd * (nj + 1) * nm * kUnits, nullptr);
  auto make_rows = [&](std::vector<ProjectionRow>& into, size_t nd_kept, double** values) {
    for (size_t d = 0, i = 0; d < nd_kept; ++d)
      for (size_t k = 0; k <= nj; ++k)
        for (size_t mm = 0; mm < nm; ++mm)
          for (size_t u = 0; u < kUnits; ++u, ++i) {
            if (!kept(d, k, mm, u)) continue;
            ProjectionRow& pr = into.emplace_back();
            pr.jurisdiction = k < nj ? out.jurisdictions[k] : -1;
            pr.measure = kMeasures[mm];
            pr.unit = kProjectionUnits[u];
            pr.as_of = dates[d];
            pr.replicates.resize(reps);  // unset: every block writes its replicates of every row made
            values[i] = pr.replicates.data();
          }
  };
  // The figures of date d against current law go to `against_values`, those of the plain
  // projection to `row_values`; the pointers stay valid once every row is made.
  const bool first_date_against = settings.first_date_against_current_law_too && nd > 0;
  std::vector<double*> against_values(first_date_against ? (nj + 1) * nm * kUnits : 0);
  {
    size_t count = 0;
    for (size_t d = 0; d < nd; ++d)
      for (size_t k = 0; k <= nj; ++k)
        for (size_t m = 0; m < nm; ++m)
          for (size_t u = 0; u < kUnits; ++u) count += kept(d, k, m, u);
    out.rows.reserve(count);
    make_rows(out.rows, nd, row_values.data());
    if (first_date_against) {
      out.against_current_law.reserve(against_values.size());
      make_rows(out.against_current_law, 1, against_values.data());
    }
  }

  // A store of draws serves this projection when it was made for this population, seed and
  // replicate count; its rows are then filled once and shared (ReplicateDraws).
  ReplicateDraws* store = draws && draws->serves(pop, settings.seed, settings.replicates) ? draws : nullptr;
  // Everything held in each jurisdiction on `held_on` by people with no other conviction:
  // the denominators of people_fully_cleared. A store keeps them per jurisdiction and date.
  std::vector<const ReplicateDraws::Held*> held_kept(nj, nullptr);
  std::vector<std::unique_lock<std::mutex>> store_lock;
  if (store) store_lock.emplace_back(store->mutex);
  if (store)
    for (size_t k = 0; k < nj; ++k)
      if (auto it = store->held.find({out.jurisdictions[k], held_on.days()}); it != store->held.end())
        held_kept[k] = &it->second;
  std::vector<std::vector<Term>> held(nj);
  auto sum_held = [&](size_t k) {
    TermIndex index;
    auto range = pop.group_ranges.find(out.jurisdictions[k]);
    const size_t first = range == pop.group_ranges.end() ? 0 : range->second.first;
    const size_t last = range == pop.group_ranges.end() ? pop.groups.size() : range->second.second;
    for (size_t gi = first; gi < last; ++gi) {
      const RecordGroup& g = pop.groups[gi];
      if (g.jurisdiction != out.jurisdictions[k] || !g.criminal_record || g.other_conviction) continue;
      const Date start = g.fiscal_years ? *Date::from_ymd(g.year_first - 1, 10, 1) : Date::first_of_year(g.year_first);
      const Date end = g.fiscal_years ? *Date::from_ymd(g.year_last, 10, 1) : Date::first_of_year(g.year_last + 1);
      if (held_on < start) continue;
      const double f = held_on >= end ? 1.0 : double(held_on.days() - start.days() + 1) / double(end.days() - start.days());
      add_term(held[k], index, make_term(g, g.base * f, -1, -1));
    }
  };
  {
    // Jurisdictions are independent: summed on the projection's threads, each into its own list.
    std::vector<size_t> cost(nj, 0);
    for (size_t k = 0; k < nj; ++k)
      if (auto range = pop.group_ranges.find(out.jurisdictions[k]); !held_kept[k] && range != pop.group_ranges.end())
        cost[k] = range->second.second - range->second.first;
    run_jobs(cost, settings.threads, [&](size_t k) {
      if (!held_kept[k]) sum_held(k);
    });
  }

  // The replicates as array work: each replicate's parameters are drawn into dense rows (one
  // per theta slot used, one value a replicate), then each term is applied to a block of
  // replicates at once. Every replicate still adds its terms in term order with the same
  // operations, so its figures are those of a replicate evaluated alone, in any block, on any
  // thread.
  std::vector<int> row_of(static_cast<size_t>(pop.theta_size), -1);
  std::vector<int> used_slots;
  auto use = [&](int slot) {
    int& r = row_of[static_cast<size_t>(slot)];
    if (r < 0) {
      r = static_cast<int>(used_slots.size());
      used_slots.push_back(slot);
    }
  };
  auto use_term = [&](const Term& t) {
    for (int f : t.factor) use(f);
    use(t.people_per_record);
    use(t.reach);
    use(t.overlap_reach);
    use(t.status);
    use(t.overlap_status);
  };
  for (int s : {kOne, pop.mortality_multiplier, pop.non_conviction_filed_share, pop.charges_per_case, pop.records_per_person})
    use(s);
  for (const Term& t : terms) use_term(t);
  for (const Term& t : current_terms) use_term(t);
  for (const auto& hk : held)
    for (const Term& t : hk) use_term(t);
  for (size_t first : complex_first) {
    const int gi = plan.shares[first].group;
    const RecordGroup& g = pop.groups[static_cast<size_t>(gi)];
    for (int f : g.factor) use(f);
    use(g.people_per_record);
    for (size_t i = first; i < plan.shares.size() && plan.shares[i].group == gi; ++i) {
      use(plan.shares[i].reach);
      use(plan.shares[i].status);
    }
  }
  const size_t nrows = used_slots.size();
  auto row_index = [&](int slot) { return row_of[static_cast<size_t>(slot)]; };
  // Pair classes also sum the overlaps; current law's paced records need the weight alone.
  const TermClasses term_classes = classes_of(terms, row_index, [](const Term& t) { return t.pair < 0 ? 3 : 6; });
  const TermClasses current_classes = classes_of(current_terms, row_index, [](const Term&) { return 1; });
  std::vector<TermClasses> held_classes(nj);
  {
    std::vector<size_t> cost(nj);
    for (size_t k = 0; k < nj; ++k) cost[k] = held[k].size();
    run_jobs(cost, settings.threads,
             [&](size_t k) { held_classes[k] = classes_of(held[k], row_index, [](const Term&) { return 3; }); });
  }
  const size_t ndelta = delivery.parameters().size();
  const size_t ngates = plan.gates.size();
  const std::vector<char> opened = gates_opened(plan.gates, settings.seed, reps);

  constexpr size_t kBlock = 64;  // replicates evaluated together
  const size_t nblocks = (reps + kBlock - 1) / kBlock;
  // Runs job(block) for every block on the projection's threads; blocks are independent.
  const std::vector<size_t> block_cost(nblocks, 1);
  auto parallel_blocks = [&](const auto& job) { run_jobs(block_cost, settings.threads, job); };
  // Theta of replicates [r0, r0 + n): slot s of replicate r0 + i goes to into[k * stride + i]
  // for the k-th of `slots`.
  auto draw_theta = [&](size_t r0, size_t n, const std::vector<int>& slots, double* into, size_t stride) {
    std::vector<double> uniforms(pop.parameters.size()), theta;
    std::vector<char> needed(static_cast<size_t>(pop.theta_size), 0);
    for (int slot : slots) needed[static_cast<size_t>(slot)] = 1;
    std::vector<std::uint64_t> hashes(pop.parameters.size());
    for (size_t p = 0; p < pop.parameters.size(); ++p) hashes[p] = key_hash(pop.parameters[p].name);
    // Eight replicates at a time, so that each row takes eight values a cache line instead of
    // one: a store's rows are a thousand values apart.
    constexpr size_t kTile = 8;
    std::vector<double> tile(kTile * slots.size());
    for (size_t i0 = 0; i0 < n; i0 += kTile) {
      const size_t m = std::min(kTile, n - i0);
      for (size_t i = 0; i < m; ++i) {
        for (size_t p = 0; p < pop.parameters.size(); ++p)
          uniforms[p] = keyed_uniform_of(settings.seed, hashes[p], r0 + i0 + i);
        pop.compute_theta(uniforms, theta, &needed);
        for (size_t k = 0; k < slots.size(); ++k) tile[k * kTile + i] = theta[static_cast<size_t>(slots[k])];
      }
      for (size_t k = 0; k < slots.size(); ++k) {
        const double* from = tile.data() + k * kTile;
        double* to = into + k * stride + i0;
        if (m == kTile)
          for (size_t i = 0; i < kTile; ++i) to[i] = from[i];  // eight moves, not a string copy
        else
          std::copy_n(from, m, to);
      }
    }
  };
  auto draw_delta = [&](size_t i, size_t r) {
    return delivery.parameters()[i].distribution.at(keyed_uniform(settings.seed, delivery.parameters()[i].name, r));
  };
  // With a store: the rows it lacks are drawn for every replicate, once.
  std::vector<const double*> stored_row(nrows, nullptr), stored_delta(ndelta, nullptr);
  if (store) {
    std::vector<int> missing;
    for (int s : used_slots)
      if (store->theta[static_cast<size_t>(s)].empty()) missing.push_back(s);
    if (!missing.empty()) {
      std::vector<double> drawn(missing.size() * reps);
      parallel_blocks([&](size_t b) {
        draw_theta(b * kBlock, std::min(reps, (b + 1) * kBlock) - b * kBlock, missing, drawn.data() + b * kBlock, reps);
      });
      for (size_t k = 0; k < missing.size(); ++k)
        store->theta[static_cast<size_t>(missing[k])].assign(drawn.begin() + static_cast<std::ptrdiff_t>(k * reps),
                                                             drawn.begin() + static_cast<std::ptrdiff_t>((k + 1) * reps));
    }
    for (size_t k = 0; k < nrows; ++k) stored_row[k] = store->theta[static_cast<size_t>(used_slots[k])].data();
    for (size_t i = 0; i < ndelta; ++i) {
      const auto& p = delivery.parameters()[i];
      auto [it, fresh] = store->named.try_emplace(p.name);
      if (fresh) {
        it->second.resize(reps);
        for (size_t r = 0; r < reps; ++r) it->second[r] = draw_delta(i, r);
      }
      stored_delta[i] = it->second.data();
    }
  }
  // Held figures not kept yet are computed in the blocks and kept after them.
  std::vector<ReplicateDraws::Held> held_new(nj);
  for (size_t k = 0; k < nj; ++k)
    if (!held_kept[k]) {
      held_new[k].records.resize(reps);
      held_new[k].people.resize(reps);
    }

  // Sums of a block: acc[(owner * kFields + field) * kBlock + i] for replicate r0 + i.
  enum Field : size_t { kPeople, kConvictions, kCases, kCharges, kRecords, kRecordsNoOther, kFields };
  const size_t npairs = pairs.size();
  // Against current law, each pair's overlap is summed too (overlap_sums); it changes no
  // other sum.
  const bool against = settings.against_current_law || first_date_against;
  // The units of which each date keeps a row: the others are not worked out.
  std::vector<std::vector<size_t>> units_on(nd);
  for (size_t d = 0; d < nd; ++d)
    for (size_t u = 0; u < kUnits; ++u) {
      bool any = false;
      for (size_t k = 0; k <= nj; ++k)
        for (size_t m = 0; m < nm; ++m) any = any || kept(d, k, m, u);
      if (any) units_on[d].push_back(u);
    }
  // How long each action has been in force on each date: the same in every replicate.
  std::vector<double> months_in_force(na * nd);
  for (size_t a = 0; a < na; ++a)
    for (size_t d = 0; d < nd; ++d) months_in_force[a * nd + d] = months_between(actions[a].date, dates[d]);
  // A sweep's store may hold the sums of these very terms (ReplicateDraws::keep_term_sums):
  // they depend on nothing else when no term has a current-law pair or a gate and no group
  // is reached by several actions.
  auto bytes_of = [na](const std::vector<Term>& of) {
    std::string bytes;
    auto put = [&](const auto& v) { bytes.append(reinterpret_cast<const char*>(&v), sizeof v); };
    put(na);
    for (const Term& t : of) {
      for (int f : t.factor) put(f);
      for (int v : {t.people_per_record, t.gate, t.action, t.pair, t.reach, t.overlap_reach, t.status, t.overlap_status})
        put(v);
      for (bool v : {t.person_based, t.conviction, t.other_conviction}) put(v);
      for (double v : {t.weight, t.weight_alive, t.weight_alive_sq, t.overlap, t.overlap_alive, t.overlap_alive_sq}) put(v);
    }
    return bytes;
  };
  std::string terms_bytes;
  const std::vector<double>* kept_sums = nullptr;
  std::vector<double> fresh_sums;
  if (store && store->keep_term_sums && npairs == 0 && ngates == 0 && complex_first.empty()) {
    terms_bytes = bytes_of(terms);
    if (auto it = store->term_sums.find(terms_bytes); it != store->term_sums.end()) kept_sums = &it->second;
    else if (store->term_sums_bytes < ReplicateDraws::kMaxTermSumsBytes) fresh_sums.resize(na * kFields * nblocks * kBlock);
  }
  // Current law's paced records, kept by the store whatever the knobs (ReplicateDraws::current_law_sums).
  std::string current_bytes;
  const std::vector<double>* kept_current = nullptr;
  std::vector<double> fresh_current;
  if (store && !current_terms.empty() && !kept_sums) {  // kept term sums skip the block's term loops
    current_bytes = bytes_of(current_terms);
    if (auto it = store->current_law_sums.find(current_bytes); it != store->current_law_sums.end())
      kept_current = &it->second;
    else if (store->current_law_sums_bytes < ReplicateDraws::kMaxCurrentLawSumsBytes)
      fresh_current.resize(na * nblocks * kBlock);
  }
  parallel_blocks([&](size_t b) {
    const size_t r0 = b * kBlock, n = std::min(reps, r0 + kBlock) - r0;
    // This block's theta rows and delivery draws, drawn here or taken from the store.
    std::vector<double> local_theta(store ? 0 : nrows * kBlock), local_delta(store ? 0 : ndelta * kBlock);
    if (!store) {
      draw_theta(r0, n, used_slots, local_theta.data(), kBlock);
      for (size_t k = 0; k < ndelta; ++k)
        for (size_t i = 0; i < n; ++i) local_delta[k * kBlock + i] = draw_delta(k, r0 + i);
    }
    auto row = [&](int slot) -> const double* {
      const size_t k = static_cast<size_t>(row_of[static_cast<size_t>(slot)]);
      return store ? stored_row[k] + r0 : local_theta.data() + k * kBlock;
    };
    std::vector<char> open(ngates * kBlock);
    for (size_t k = 0; k < ngates; ++k)
      for (size_t i = 0; i < n; ++i) open[k * kBlock + i] = opened[k * reps + r0 + i];
    // The same as factors of the term loops: 1 where the gate opened, 0 where it stayed shut.
    std::vector<double> open_factor(open.begin(), open.end());
    std::vector<double> sums(na * kFields * kBlock, 0.0), already(na * kFields * kBlock, 0.0);
    std::vector<double> overlap_sums(against ? npairs * kFields * kBlock : 0, 0.0);
    std::vector<double> current_records(na * kBlock, 0.0), relieved(npairs * kBlock, 0.0);
    const double* mm = row(pop.mortality_multiplier);
    const double* ncfs = row(pop.non_conviction_filed_share);
    const double* cpc = row(pop.charges_per_case);
    const double* rpp = row(pop.records_per_person);
    // Each replicate's delivery draws, as DeliveryModel::cleared_share takes them.
    std::vector<std::vector<double>> delta(n, std::vector<double>(ndelta));
    for (size_t i = 0; i < n; ++i)
      for (size_t k = 0; k < ndelta; ++k) delta[i][k] = store ? stored_delta[k][r0 + i] : local_delta[k * kBlock + i];
    struct Rows {
      const double *f0, *f1, *f2, *f3, *f4, *ppr, *reach, *status, *oreach, *ostatus;
    };
    auto rows_of_term = [&](const Term& t) {
      return Rows{row(t.factor[0]), row(t.factor[1]),       row(t.factor[2]), row(t.factor[3]),
                  row(t.factor[4]), row(t.people_per_record), row(t.reach),     row(t.status),
                  row(t.overlap_reach), row(t.overlap_status)};
    };
    const double* ones = row(kOne);
    std::vector<const double*> rows(nrows);
    for (size_t k = 0; k < nrows; ++k) rows[k] = store ? stored_row[k] + r0 : local_theta.data() + k * kBlock;
    // A class's member sums (sum_members), by weight: [k * kBlock + i], in `member_sums`, or,
    // for a class whose members later classes share, in `kept_sums_of` at its place.
    std::vector<double> member_sums(6 * kBlock);
    size_t most_kept = current_classes.nkept;
    most_kept = std::max(most_kept, term_classes.nkept);
    for (const TermClasses& hc : held_classes) most_kept = std::max(most_kept, hc.nkept);
    std::vector<double> kept_sums_of(most_kept * 6 * kBlock);
    auto sum_class = [&](const TermClasses& tc, size_t c) -> const double* {
      const size_t same = tc.same[c];
      double* w = tc.kept[same] >= 0 ? kept_sums_of.data() + static_cast<size_t>(tc.kept[same]) * 6 * kBlock
                                     : member_sums.data();
      if (same != c) return w;  // summed for an earlier class with the same members
      const Member *first = tc.members.data() + tc.first[c], *last = tc.members.data() + tc.first[c + 1];
      if (tc.sums[c] == 1)
        sum_members<1>(first, last, rows.data(), n, w, w + kBlock, w + 2 * kBlock, w + 3 * kBlock, w + 4 * kBlock, w + 5 * kBlock);
      else if (tc.sums[c] == 3)
        sum_members<3>(first, last, rows.data(), n, w, w + kBlock, w + 2 * kBlock, w + 3 * kBlock, w + 4 * kBlock, w + 5 * kBlock);
      else
        sum_members<6>(first, last, rows.data(), n, w, w + kBlock, w + 2 * kBlock, w + 3 * kBlock, w + 4 * kBlock, w + 5 * kBlock);
      return w;
    };
    // Every term over this block, or the sums a projection with the same terms kept.
    const size_t block_sums = na * kFields * kBlock;
    if (kept_sums) {
      std::copy_n(kept_sums->begin() + static_cast<std::ptrdiff_t>(b * block_sums), block_sums, sums.begin());
    } else {
      if (kept_current) {
        std::copy_n(kept_current->begin() + static_cast<std::ptrdiff_t>(b * na * kBlock), na * kBlock,
                    current_records.begin());
      } else {
        for (size_t c = 0; c < current_classes.classes.size(); ++c) {
          const Term& t = current_classes.classes[c];
          const Rows w = rows_of_term(t);
          const double* ms = sum_class(current_classes, c);
          add_current({ms, nullptr, nullptr, w.f2, w.f3, w.f4, w.reach, w.status, ones, ones, ones}, n,
                      current_records.data() + static_cast<size_t>(t.action) * kBlock);
        }
        if (!fresh_current.empty())
          std::copy(current_records.begin(), current_records.end(),
                    fresh_current.begin() + static_cast<std::ptrdiff_t>(b * na * kBlock));
      }
      // Against current law: the records of each pair that current law also reaches, whatever
      // it had relieved by the action's date.
      for (size_t i = 0; i < n; ++i) {
        const std::vector<double>& d = delta[i];
        for (size_t k = 0; k < npairs; ++k)
          relieved[k * kBlock + i] = already_relieved_share(
              actions[static_cast<size_t>(pairs[k].first)], actions[static_cast<size_t>(pairs[k].second)], delivery, d,
              current_records[static_cast<size_t>(pairs[k].second) * kBlock + i]);
      }
      // assumption eligible-people-proportional: eligible records are spread over people like
      // all records are (records-per-person); only the living count as people.
      auto add_to = [&](std::vector<double>& into, int owner, size_t i, double records, double alive_records,
                        const Term& t, const Rows& w) {
        double* s = into.data() + static_cast<size_t>(owner) * kFields * kBlock + i;
        // A conviction is a filed case; other records were filed in part
        // (non-conviction-filed-share); a federal count is one case per person.
        const double cases = t.conviction || t.person_based ? records : records * ncfs[i];
        s[kRecords * kBlock] += records;
        s[kConvictions * kBlock] += t.conviction ? records : 0;
        s[kCases * kBlock] += cases;
        s[kCharges * kBlock] += t.person_based ? cases : cases * cpc[i];
        s[kPeople * kBlock] += t.person_based ? alive_records : alive_records * w.ppr[i];
        if (!t.other_conviction) s[kRecordsNoOther * kBlock] += records;
      };
      // What current law already relieved of the term is not eligible again; it is counted
      // apart (already_relieved).
      auto add = [&](const Term& t, const Rows& w, size_t i) {
        const double m = mm[i];
        const double base = w.f0[i] * w.f1[i] * w.f2[i] * w.f3[i] * w.f4[i];
        const double p = base * w.reach[i] * w.status[i];
        const double records = t.weight * p;
        const double alive = ((2 - m) * t.weight_alive + (m - 1) * t.weight_alive_sq) * p;
        if (t.pair < 0) {
          add_to(sums, t.action, i, records, alive, t, w);
          return;
        }
        const double q = base * w.oreach[i] * w.ostatus[i] * relieved[static_cast<size_t>(t.pair) * kBlock + i];
        const double gone = t.overlap * q;
        const double gone_alive = ((2 - m) * t.overlap_alive + (m - 1) * t.overlap_alive_sq) * q;
        add_to(sums, t.action, i, records - gone, alive - gone_alive, t, w);
        add_to(already, t.action, i, gone, gone_alive, t, w);
        if (against) {
          const double o = base * w.oreach[i] * w.ostatus[i];
          add_to(overlap_sums, t.pair, i, t.overlap * o, ((2 - m) * t.overlap_alive + (m - 1) * t.overlap_alive_sq) * o, t, w);
        }
      };
      for (size_t c = 0; c < term_classes.classes.size(); ++c) {
        const Term& t = term_classes.classes[c];
        const Rows w = rows_of_term(t);
        const double* const w6 = sum_class(term_classes, c);
        const double* ms[6];
        for (size_t k = 0; k < 6; ++k) ms[k] = w6 + k * kBlock;
        const double* gate_open = t.gate >= 0 ? open_factor.data() + static_cast<size_t>(t.gate) * kBlock : nullptr;
        const PlainTerm plain{ms[0], ms[1], ms[2], w.f2, w.f3, w.f4, w.reach, w.status,
                              t.conviction || t.person_based ? ones : ncfs, t.person_based ? ones : cpc,
                              t.person_based ? ones : w.ppr};
        auto sums_of = [&](std::vector<double>& v, int owner) {
          double* s = v.data() + static_cast<size_t>(owner) * kFields * kBlock;
          return Sums{s + kPeople * kBlock,  s + kConvictions * kBlock, s + kCases * kBlock,
                      s + kCharges * kBlock, s + kRecords * kBlock,     s + kRecordsNoOther * kBlock};
        };
        const Sums to = sums_of(sums, t.action);
        if (t.pair < 0) {
          auto run = [&](auto conviction, auto no_other, auto gated) {
            add_plain<decltype(conviction)::value, decltype(no_other)::value, decltype(gated)::value>(
                plain, mm, gate_open, n, to.people, to.convictions, to.cases, to.charges, to.records, to.no_other);
          };
          dispatch(t.conviction, !t.other_conviction, gate_open != nullptr, run);
        } else {
          const PairTerm pt{plain, ms[3], ms[4], ms[5], w.oreach, w.ostatus,
                            relieved.data() + static_cast<size_t>(t.pair) * kBlock};
          const Sums gone = sums_of(already, t.action);
          const Sums both = against ? sums_of(overlap_sums, t.pair) : Sums{};
          auto run = [&](auto conviction, auto no_other, auto gated) {
            add_pair<decltype(conviction)::value, decltype(no_other)::value, decltype(gated)::value>(
                pt, mm, gate_open, n, to, gone, both, against);
          };
          dispatch(t.conviction, !t.other_conviction, gate_open != nullptr, run);
        }
      }
      // Complex groups: the action with the largest share among those whose gate opened
      // (assumption overlapping-actions-max: overlapping actions reach the same records).
      for (size_t first : complex_first) {
        const int gi = plan.shares[first].group;
        for (size_t i = 0; i < n; ++i) {
          const EligibleShare* best = nullptr;
          for (size_t s = first; s < plan.shares.size() && plan.shares[s].group == gi; ++s) {
            const auto& sh = plan.shares[s];
            if (actions[static_cast<size_t>(sh.action)].current_law) continue;
            if ((sh.gate < 0 || open[static_cast<size_t>(sh.gate) * kBlock + i]) && better(sh, best)) best = &sh;
          }
          if (!best) continue;
          const EligibleShare* current = current_law_for(first, gi, best->action);
          const Term t = scenario_term(pop.groups[static_cast<size_t>(gi)], *best, current, -1,
                                       current ? pair_index.at({best->action, current->action}) : -1);
          add(t, rows_of_term(t), i);
        }
      }
      if (!fresh_sums.empty()) std::copy(sums.begin(), sums.end(), fresh_sums.begin() + static_cast<std::ptrdiff_t>(b * block_sums));
    }
    // What each jurisdiction holds, for people_fully_cleared: kept, or summed here.
    std::vector<const double*> held_records(nj), held_people(nj);
    for (size_t k = 0; k < nj; ++k) {
      if (held_kept[k]) {
        held_records[k] = held_kept[k]->records.data() + r0;
        held_people[k] = held_kept[k]->people.data() + r0;
        continue;
      }
      double* hr = held_new[k].records.data() + r0;
      double* hp = held_new[k].people.data() + r0;
      const TermClasses& hc = held_classes[k];
      for (size_t c = 0; c < hc.classes.size(); ++c) {
        const Term& t = hc.classes[c];
        const Rows w = rows_of_term(t);
        const double* ms = sum_class(hc, c);
        add_held({ms, ms + kBlock, ms + 2 * kBlock, w.f2, w.f3, w.f4, w.reach, w.status, ones, ones, t.person_based ? ones : w.ppr}, mm, n,
                 hr, hp);
      }
      held_records[k] = hr;
      held_people[k] = hp;
    }
    // The figures of each date, worked out for the whole block at once: each action in turn
    // adds to the cells of its jurisdiction, so every cell takes the same sums, in the same
    // order, as a replicate alone. Cells are [(k * nm + m) * kUnits + u] * kBlock + i.
    std::vector<double> cells((nj + 1) * nm * kUnits * kBlock);
    auto cell = [&](size_t k, size_t m, size_t u) { return cells.data() + ((k * nm + m) * kUnits + u) * kBlock; };
    // Records of people with no other conviction, by jurisdiction: eligible, cleared,
    // already relieved, legally relieved.
    std::vector<double> no_other(4 * nj * kBlock);
    auto no_of = [&](size_t which, size_t k) { return no_other.data() + (which * nj + k) * kBlock; };
    std::vector<double> share(kBlock), legal(kBlock);
    const std::vector<double> zeros(kBlock, 0.0);
    auto field = [&](std::vector<double>& v, size_t owner, Field f) { return v.data() + (owner * kFields + f) * kBlock; };
    // With several dates, take-up's date-free parts once per action and replicate; with one,
    // cleared_share works them out only for the mechanisms that need them.
    std::vector<DeliveryModel::Uptake> uptake(nd > 1 ? na * n : 0);
    if (nd > 1)
      for (size_t a = 0; a < na; ++a)
        if (!actions[a].current_law)
          for (size_t i = 0; i < n; ++i) uptake[a * n + i] = delivery.uptake_of(actions[a], delta[i]);
    // The figures of date d into the rows `values` points to (nullptr: not kept), less what
    // current law would have cleared anyway when `credit_current_law`.
    auto figures_on = [&](size_t d, double* const* values, bool credit_current_law) {
      for (size_t u : units_on[d])
        for (size_t k = 0; k <= nj; ++k)
          for (size_t m2 = 0; m2 < nm; ++m2) std::fill_n(cell(k, m2, u), n, 0.0);
      std::fill(no_other.begin(), no_other.end(), 0.0);
      for (size_t a = 0; a < na; ++a) {
        if (actions[a].current_law || actions[a].date > dates[d]) continue;  // not in force yet on this date
        const size_t k = static_cast<size_t>(slot_of_action[a]);
        const double* s_records = field(sums, a, kRecords);
        const bool pardon = actions[a].mechanism == Mechanism::blanket_pardon;
        for (size_t i = 0; i < n; ++i) {
          share[i] = uptake.empty()
                         ? delivery.cleared_share(actions[a], months_in_force[a * nd + d], delta[i], s_records[i])
                         : delivery.cleared_share(actions[a], months_in_force[a * nd + d], delta[i], s_records[i],
                                                  uptake[a * n + i]);
          // A blanket pardon changes the legal status of every record it reaches on its date;
          // elsewhere the order that relieves is the one that updates the record.
          legal[i] = pardon ? 1.0 : share[i];
        }
        const double* by_unit[kUnits] = {field(sums, a, kPeople),  zeros.data(),           field(sums, a, kConvictions),
                                         field(sums, a, kCases),   field(sums, a, kCharges), s_records};
        const double* gone[kUnits] = {field(already, a, kPeople), zeros.data(),             field(already, a, kConvictions),
                                      field(already, a, kCases),  field(already, a, kCharges), field(already, a, kRecords)};
        for (size_t u : units_on[d]) {
          add_measures(by_unit[u], gone[u], share.data(), legal.data(), n, cell(k, 0, u), cell(k, 1, u), cell(k, 2, u),
                       cell(k, 3, u));
        }
        {
          const double *s_no = field(sums, a, kRecordsNoOther), *a_no = field(already, a, kRecordsNoOther);
          add_measures(s_no, a_no, share.data(), legal.data(), n, no_of(0, k), no_of(1, k), no_of(2, k), no_of(3, k));
        }
        // Against current law: of the overlap O of a pair, the scenario's world has cleared
        // c0 + (1 - c0)·share by this date and current law's alone cD, where c0 is what
        // current law had relieved when the action took effect; the scenario is credited with
        // the excess only, so (1 - c0)·share·O less min((1 - c0)·share, cD - c0)·O.
        if (credit_current_law)
          for (int pk : pairs_of_action[a]) {
            const size_t p = static_cast<size_t>(pk);
            const ResolvedAction& b2 = actions[static_cast<size_t>(pairs[p].second)];
            const double* current = current_records.data() + static_cast<size_t>(pairs[p].second) * kBlock;
            const double* overlap_unit[kUnits] = {field(overlap_sums, p, kPeople),  zeros.data(),
                                                  field(overlap_sums, p, kConvictions), field(overlap_sums, p, kCases),
                                                  field(overlap_sums, p, kCharges), field(overlap_sums, p, kRecords)};
            const double* overlap_no = field(overlap_sums, p, kRecordsNoOther);
            for (size_t i = 0; i < n; ++i) {
              const double c0 = relieved[p * kBlock + i];
              const double cd = already_relieved_share(actions[a], b2, delivery, delta[i], current[i], dates[d]);
              // The same for the legal change, with the action's legal share.
              for (auto [measure, sh, which] : {std::tuple{size_t{1}, share[i], size_t{1}}, std::tuple{size_t{3}, legal[i], size_t{3}}}) {
                const double credit = std::min((1 - c0) * sh, std::max(0.0, cd - c0));
                if (credit <= 0) continue;
                for (size_t u : units_on[d]) cell(k, measure, u)[i] -= overlap_unit[u][i] * credit;
                no_of(which, k)[i] -= overlap_no[i] * credit;
              }
            }
          }
      }
      const bool fully_cleared = std::find(units_on[d].begin(), units_on[d].end(), size_t{1}) != units_on[d].end();
      for (size_t k = 0; k < nj && fully_cleared; ++k)
        for (size_t i = 0; i < n; ++i) {
          const double hr = held_records[k][i], hp = held_people[k][i];
          // Federal counts have one record a person; elsewhere records-per-person applies.
          const double per_person = hr > 0 && hp >= hr ? 1.0 : rpp[i];
          if (hr > 0)
            for (size_t m2 = 0; m2 < nm; ++m2) cell(k, m2, 1)[i] = hp * all_cleared(no_of(m2, k)[i] / hr, per_person);
        }
      for (size_t m2 = 0; m2 < nm; ++m2)
        for (size_t u : units_on[d]) {
          double* total = cell(nj, m2, u);
          for (size_t i = 0; i < n; ++i) {
            double t = 0;
            for (size_t k = 0; k < nj; ++k) t += cell(k, m2, u)[i];
            total[i] = t;
          }
        }
      for (size_t u : units_on[d])
        for (size_t k = 0; k <= nj; ++k)
          for (size_t m2 = 0; m2 < nm; ++m2)
            if (double* row = values[(k * nm + m2) * kUnits + u]) std::copy_n(cell(k, m2, u), n, row + r0);
    };
    for (size_t d = 0; d < nd; ++d) figures_on(d, row_values.data() + d * (nj + 1) * nm * kUnits, settings.against_current_law);
    if (first_date_against) figures_on(0, against_values.data(), true);
  });
  if (store) {
    for (size_t k = 0; k < nj; ++k)
      if (!held_kept[k]) store->held.emplace(std::make_pair(out.jurisdictions[k], held_on.days()), std::move(held_new[k]));
    if (!fresh_sums.empty()) {
      store->term_sums_bytes += terms_bytes.size() + fresh_sums.size() * sizeof(double);
      store->term_sums.emplace(std::move(terms_bytes), std::move(fresh_sums));
    }
    if (!fresh_current.empty()) {
      store->current_law_sums_bytes += current_bytes.size() + fresh_current.size() * sizeof(double);
      store->current_law_sums.emplace(std::move(current_bytes), std::move(fresh_current));
    }
    store_lock.clear();
  }


  // A jurisdiction's board "agreed" in a replicate when any of its gates opened.
  std::map<int, std::vector<char>> agreed;
  for (size_t k = 0; k < ngates; ++k) {
    const Gate& g = plan.gates[k];
    if (std::find(out.jurisdictions.begin(), out.jurisdictions.end(), g.jurisdiction) == out.jurisdictions.end()) continue;
    auto& yes = agreed[g.jurisdiction];
    yes.resize(reps, 0);
    for (size_t r = 0; r < reps; ++r) yes[r] = yes[r] || opened[k * reps + r];
  }
  for (const auto& [j, yes] : agreed)
    out.board_gates.push_back({j, reps ? double(std::count(yes.begin(), yes.end(), 1)) / double(reps) : 0.0});

  // The summaries, row by row (rows are independent).
  const size_t plain = out.rows.size();
  run_jobs(std::vector<size_t>(plain + out.against_current_law.size(), 1), settings.threads, [&](size_t i) {
    ProjectionRow& pr = i < plain ? out.rows[i] : out.against_current_law[i - plain];
    pr.interval = summarize(pr.replicates);
    if (auto g = agreed.find(pr.jurisdiction); g != agreed.end()) {
      std::vector<double> yes;
      for (size_t r = 0; r < reps; ++r)
        if (g->second[r]) yes.push_back(pr.replicates[r]);
      if (!yes.empty()) pr.if_board_agrees = summarize(yes);
    }
  });
  return out;
}

}  // namespace reliefsim
