// RecordPopulation: who holds which marijuana records, as weighted cohorts ("record
// groups") for every jurisdiction, year, offense, amount band, grade and disposition.
// Stage: population (depends on law and base).
//
// A group's size is `base` times a product of parameters drawn per replicate (arrest
// estimate errors, amount-band shares, conviction shares, ...), so that eligibility is
// decided once per group and each Monte Carlo replicate is a weighted sum
// (docs/methodology.md, "Record population").
#pragma once

#include <array>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <utility>
#include <optional>
#include <string>
#include <vector>

#include "sim/base/diagnostic.hpp"
#include "sim/law/jurisdiction.hpp"
#include "sim/population/arrest_series.hpp"
#include "sim/population/inputs.hpp"
#include "sim/population/race_profile.hpp"

namespace reliefsim {

/// A question the population must answer per replicate: the share of a group's people who
/// on `on` were in one of the statuses of `any_of` (Scope::StatusOn).
using StatusQuery = Scope::StatusOn;

/// Index 0 of every parameter vector is the constant 1.
inline constexpr int kOne = 0;

struct RecordGroup {
  int jurisdiction = -1;         ///< index into LawLibrary::jurisdictions
  int year_first = 0;            ///< calendar year of the offense, or federal fiscal year
  int year_last = 0;             ///<   of sentencing when `fiscal_years`; inclusive
  bool fiscal_years = false;
  Offense offense = Offense::possession;
  int band = -1;                 ///< amount band (AmountBands), -1 when not by amount…
  int band_last = -1;            ///< …through this band: sale groups span several bands
  /// The upper amount of the tier of the law the offense was graded under: what its record
  /// shows of the amount. Infinity when the class covers any amount (or not by amount).
  double tier_upper_grams = std::numeric_limits<double>::infinity();
  Grade grade = Grade::misdemeanor;
  Disposition disposition = Disposition::conviction;
  Citizenship citizenship = Citizenship::citizen;
  bool marijuana_only = true;
  bool other_conviction = false;  ///< the person also holds a non-marijuana conviction
  bool criminal_record = true;   ///< leaves a court record (leaves_record(grade))
  bool person_based = false;     ///< base counts people (federal), not arrests
  double base = 0;
  std::array<int, 5> factor = {kOne, kOne, kOne, kOne, kOne};
  int people_per_record = kOne;  ///< parameter turning records into people
  /// Share of the group's people alive on PopulationOptions::alive_on (mean of S and of S²
  /// over age and sex); 1 when mortality is not applied.
  double alive = 1, alive_sq = 1;
};

/// The allocator of large arrays that threads fill (the population's groups, a plan's
/// shares): like std::allocator, but resize() leaves the new elements unconstructed, for
/// the threads that write them to construct in place (build_population, plan_eligibility):
/// a national population is about 110 MB, and constructing it first would touch every page
/// of it on one thread.
/// Large blocks are asked for in huge pages where the system offers them (Linux's
/// transparent huge pages): 55 faults instead of 27,000 for a national population.
void* allocate_large(size_t bytes);
void free_large(void* p) noexcept;
inline constexpr size_t kLargeAllocation = size_t{8} << 20;

template <class T>
struct InPlaceAllocator : std::allocator<T> {
  InPlaceAllocator() = default;
  template <class U>
  InPlaceAllocator(const InPlaceAllocator<U>&) noexcept {}
  T* allocate(size_t n) {
    if (n * sizeof(T) < kLargeAllocation) return std::allocator<T>::allocate(n);
    return static_cast<T*>(allocate_large(n * sizeof(T)));
  }
  void deallocate(T* p, size_t n) noexcept {
    if (n * sizeof(T) < kLargeAllocation) std::allocator<T>::deallocate(p, n);
    else free_large(p);
  }
  template <class U>
  void construct(U*) noexcept {}  // resize(n): constructed later, in place
  template <class U, class... A>
  void construct(U* p, A&&... a) {
    ::new (static_cast<void*>(p)) U(std::forward<A>(a)...);
  }
};
using GroupVector = std::vector<RecordGroup, InPlaceAllocator<RecordGroup>>;

/// Possession amount bands: band i holds amounts in (upper[i-1], upper[i]] grams; the
/// last band is unbounded. Every legal threshold is a band edge, so the grade is
/// constant within a band.
struct AmountBands {
  std::vector<double> upper_grams;  ///< increasing; the last band has no upper edge
  int count() const { return static_cast<int>(upper_grams.size()) + 1; }
  double lower(int b) const { return b == 0 ? 0 : upper_grams[static_cast<size_t>(b - 1)]; }
  /// A representative amount strictly inside band b.
  double inside(int b) const;
};

/// One named uncertain parameter drawn per replicate.
struct BaseParameter {
  std::string name;  ///< assumption id, or "arrest-estimate-<basis>/<postal>"
  Distribution distribution;
};

/// A possession schedule in force in some modelled year: the amount bands whose grade
/// leads to an arrest and a record (violation, misdemeanor, felony). Their shares,
/// conditional on an arrest, sit in theta from `first_slot` on, so that the arrests of a
/// year add up to the year's arrest figure in every replicate.
struct ArrestableBands {
  std::vector<int> bands;
  int first_slot = -1;
};

/// The sale/manufacture arrests of a jurisdiction under one entry of its `distribution`
/// schedule (or under none: the felony grade): amount ranges, each a run of bands
/// [first, last] with one grade and no amount limit inside it, split by conduct. Slot
/// `first_slot + 2 r` holds range r's share of the arrests that are possession with intent
/// to distribute, `first_slot + 2 r + 1` its share of the rest (sale, delivery, cultivation).
struct DistributionCells {
  std::vector<std::pair<int, int>> ranges;
  int first_slot = -1;
};

/// True for grades under which possession leads to an arrest counted by the UCR.
inline bool is_arrestable(Grade g) { return leaves_record(g); }

struct RecordPopulation {
  GroupVector groups;  ///< every element constructed once build_population returns
  /// Groups of each jurisdiction sit together: [first, last) by jurisdiction index.
  std::map<int, std::pair<size_t, size_t>> group_ranges;
  AmountBands bands;
  std::vector<ArrestableBands> schedules;
  std::vector<DistributionCells> distribution_cells;
  std::vector<BaseParameter> parameters;  ///< drawn; their values sit at theta[1..]
  int theta_size = 1;                     ///< 1 + parameters + derived values
  /// The arrest series behind each state's groups (index: jurisdiction), after raking
  /// the estimated years to the national totals.
  std::map<int, JurisdictionArrests> arrest_series;
  /// Race of record holders: race[jurisdiction][year of offense] (race-ipf); the federal
  /// jurisdiction has one profile for every year.
  std::map<int, std::map<int, RaceShares>> race;
  /// Coverage gaps a reader should know about: (jurisdiction index, text).
  std::vector<std::pair<int, std::string>> notes;
  /// Ages of arrestees (data/demography/arrest_age_sex.yaml), for scopes with an age
  /// condition: the groups carry no age.
  std::vector<AgeBandShare> age_at_arrest;

  /// Share of possession incidents in each amount band with every base parameter at its
  /// median: used where a single best estimate is needed (estimating unobserved arrests).
  std::vector<double> median_band_shares() const;
  /// Fills theta (size theta_size) from one uniform per base parameter. With `needed` (one
  /// flag a slot), the sentence-status slots not flagged are left at 1 instead of worked out:
  /// they are most of the cost, and a projection reads only a few of them, if any.
  void compute_theta(const std::vector<double>& uniforms, std::vector<double>& theta,
                     const std::vector<char>* needed = nullptr) const;
  /// The size of group g under theta.
  double size(const RecordGroup& g, const std::vector<double>& theta) const {
    return g.base * theta[static_cast<size_t>(g.factor[0])] * theta[static_cast<size_t>(g.factor[1])] *
           theta[static_cast<size_t>(g.factor[2])] * theta[static_cast<size_t>(g.factor[3])] *
           theta[static_cast<size_t>(g.factor[4])];
  }

  // Layout of derived values (set by build_population).
  int share_up_to_1oz = -1, amount_spread = -1;  ///< base parameter slots
  /// Sale/manufacture: the share that is possession with intent to distribute, and the share
  /// of amounts at or under one ounce (base parameter slots).
  int intent_share = -1, distribution_up_to_1oz = -1;
  int band_share_first = -1;                      ///< bands.count() derived slots
  int conviction_misdemeanor = -1, conviction_felony = -1;
  int non_conviction_misdemeanor = -1, non_conviction_felony = -1;
  int marijuana_only_share = -1, other_charges_share = -1;
  int other_conviction_share = -1, no_other_conviction_share = -1;
  int non_conviction_filed_share = -1, charges_per_case = -1;  ///< cases and charges of records
  int records_per_person = -1, people_per_record = -1;
  int lpr_share = -1, other_noncitizen_share = -1;
  /// Share of arrests of each grade that reach the state repository (repository-reach-*),
  /// and the same times the share with a recorded disposition (repository-disposition-share),
  /// by grade: violation, misdemeanor, felony.
  std::array<int, 3> repository_reach = {kOne, kOne, kOne};
  int repository_disposition_share = kOne;
  std::array<int, 3> repository_reach_disposed = {kOne, kOne, kOne};  ///< derived slots

  /// Sentence status (docs/methodology.md, "People under sentence"): the questions asked,
  /// the base parameters, and one derived slot per question, grade kind (0 misdemeanor,
  /// 1 felony) and year of offense from status_first_year.
  std::vector<StatusQuery> status_queries;
  int status_first_year = 0, status_years = 0;
  std::vector<int> status_slots;  ///< [(query * 2 + kind) * status_years + year - first]
  struct SentenceParameters {
    int prison_share = kOne, jail_share = kOne, probation_of_rest = kOne;
    int prison_months = kOne, jail_months = kOne, probation_months = kOne, parole_months = kOne;
  };
  std::array<SentenceParameters, 2> sentence;  ///< misdemeanor, felony

  /// The theta slot of the share of group g's people who on query q's date were in one of
  /// its statuses; kOne when the query is not registered. Violations carry a fine only: 0.
  int status_slot(const StatusQuery& q, const RecordGroup& g) const;
  /// The theta slot holding 0, for groups no one of which can be under sentence.
  int zero_slot = -1;

  /// The theta slot of the share of group g an agency finds in the state repository: an
  /// arrest must have reached it, and a conviction must also carry its disposition there
  /// (docs/methodology.md, "Records the repository holds"). kOne for federal counts.
  int repository_slot(const RecordGroup& g) const {
    if (g.person_based || !g.criminal_record) return kOne;
    const size_t k = g.grade == Grade::violation ? 0 : g.grade == Grade::misdemeanor ? 1 : 2;
    return g.disposition == Disposition::conviction ? repository_reach_disposed[k] : repository_reach[k];
  }
  int mortality_multiplier = kOne;  ///< hazard multiplier m in [1, 2]; kOne without mortality

  /// People behind `records` records of group g alive on the survival date: survival S^m is
  /// taken on the chord between S (m = 1) and S² (m = 2), exact at both ends and within a
  /// fraction of a percent between them for the survival shares that occur.
  double people(const RecordGroup& g, double records, const std::vector<double>& theta) const {
    const double m = theta[static_cast<size_t>(mortality_multiplier)];
    const double alive = (2 - m) * g.alive + (m - 1) * g.alive_sq;
    return records * alive * (g.person_based ? 1.0 : theta[static_cast<size_t>(g.people_per_record)]);
  }
};

struct PopulationOptions {
  int first_year = 1970;
  int last_year = 2022;  ///< the national series, extended by all-drug totals, ends here (docs/data.md)
  /// Extra band edges in grams (a scenario's amount limits).
  std::vector<double> extra_band_edges;
  /// Count people alive on this date (life tables); nullopt counts everyone who ever held
  /// a record, as the conservation test does.
  std::optional<Date> alive_on;
  /// Status questions of a scenario's actions (those of the law files are added by
  /// build_population itself).
  std::vector<StatusQuery> status_queries;
  /// Build the groups of these jurisdictions only (indices into the law library); empty:
  /// every one. A projection reads only the groups of the jurisdictions its actions name,
  /// and every parameter is drawn by its name, so their figures are the same either way.
  std::vector<int> only_jurisdictions;
  /// Threads building the groups (0: every hardware thread); the population is the same.
  int threads = 0;
  /// Benchmarks only: keep every `keep_every`-th jurisdiction (population scale 1/k)…
  int keep_every = 1;
  /// …or split every group into this many equal cohorts (scale ×k in groups, same totals).
  int split_groups = 1;
};

/// Builds the population of every jurisdiction of `law` from `inputs`. Missing
/// assumptions are reported in `problems` (the result is then unusable).
RecordPopulation build_population(const LawLibrary& law, const PopulationInputs& inputs,
                                  const PopulationOptions& options, Diagnostics& problems);

}  // namespace reliefsim
