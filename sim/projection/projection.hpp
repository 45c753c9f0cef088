// Projection: Monte Carlo replicates of a scenario's figures, per jurisdiction and in
// total, on one or more dates: how many records, convictions, cases, charges and people
// are eligible, and how many are cleared (delivery), with a median and a 90% interval.
// Stage: projection (depends on delivery, eligibility, population, scenario, law, base).
// Pure computation: no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sim/base/quantile.hpp"
#include "sim/base/units.hpp"
#include "sim/delivery/delivery.hpp"
#include "sim/eligibility/eligibility.hpp"

namespace reliefsim {

struct ProjectionSettings {
  std::uint64_t seed = 20221006;
  int replicates = 1000;
  int threads = 0;  ///< 0: all hardware threads. Results do not depend on it.
  /// Evaluate group by group instead of through pre-summed terms: slower, kept as the
  /// reference the fast path is tested against.
  bool reference = false;
  /// Subtract what current law has already relieved (current_law.hpp) from what a
  /// scenario reaches; false counts the legal scope alone (--baseline none).
  bool current_law_baseline = true;
  /// With the baseline: cleared counts only what current law alone would not have cleared of
  /// the same records by each date (docs/methodology.md, "Against current law").
  bool against_current_law = false;
  /// Also the rows of the first date against current law (Projection::against_current_law),
  /// from the same replicates: what a projection with against_current_law on that date alone
  /// gives, without running the replicates twice.
  bool first_date_against_current_law_too = false;
  /// On dates after the first, only the rows a timeline charts; none: every row on every date.
  struct LaterDates {
    Unit unit = Unit::records;
    std::vector<Measure> each;        ///< measures kept for every jurisdiction and the total
    std::vector<Measure> total_only;  ///< measures kept for the total alone
  };
  std::optional<LaterDates> later_dates = std::nullopt;
};

/// The units of every projection, in output order (docs/methodology.md, "Units").
inline constexpr std::array<Unit, 6> kProjectionUnits = {Unit::people,  Unit::people_fully_cleared, Unit::convictions,
                                                         Unit::cases,   Unit::charges,              Unit::records};
inline constexpr std::array<Measure, 4> kMeasures = {Measure::eligible, Measure::cleared, Measure::already_relieved,
                                                     Measure::legally_relieved};

/// One figure's value in every replicate. resize() leaves new values unset (InPlaceAllocator):
/// a projection writes every value of its rows from the threads that work them out, and a
/// national run of 10,000 replicates holds 100 MB of them.
using ReplicateValues = std::vector<double, InPlaceAllocator<double>>;

struct ProjectionRow {
  int jurisdiction = -1;  ///< index into the law library; -1 for the total
  Measure measure = Measure::eligible;
  Unit unit = Unit::records;
  Date as_of;
  ReplicateValues replicates;  ///< one value per replicate, in replicate order
  Interval interval;
  /// For a jurisdiction whose pardon needs a board: the summary over the replicates in
  /// which the board agreed (empty when it never did, or no board is involved).
  std::optional<Interval> if_board_agrees;
};

/// A jurisdiction where a governor's pardon needs a board's agreement, drawn per replicate
/// (assumption board-gate). Its figures are a mixture of "no" (0) and "yes" (the full
/// count), so the plain median can flip between the two; reports show this beside it.
struct BoardGateOutcome {
  int jurisdiction = -1;
  double agreed_share = 0;  ///< share of replicates in which the board agreed
};

struct Projection {
  /// By date (in the order asked), then jurisdiction (library order, total last), measure, unit.
  std::vector<ProjectionRow> rows;
  std::vector<int> jurisdictions;  ///< jurisdictions in scope, in library order
  std::vector<BoardGateOutcome> board_gates;  ///< in library order
  /// With ProjectionSettings::first_date_against_current_law_too: the first date's rows
  /// against current law, in the order of `rows`; empty otherwise.
  std::vector<ProjectionRow> against_current_law;
  int replicates = 0;
  std::uint64_t seed = 0;
};

/// What projections on one population with one seed and replicate count share, kept from
/// one to the next (a sweep's variants, a comparison's scenarios, a server's requests): each
/// replicate's parameter values, drawn once by (seed, name, replicate) as a projection alone
/// draws them, and what each jurisdiction holds on a date. `project` fills it as it needs;
/// several threads may share it. The population must outlive it and stay unchanged.
class ReplicateDraws {
 public:
  ReplicateDraws(const RecordPopulation& pop, std::uint64_t seed_, int replicates_)
      : population(&pop), seed(seed_), replicates(replicates_), theta(static_cast<size_t>(pop.theta_size)) {}
  bool serves(const RecordPopulation& pop, std::uint64_t s, int r) const {
    return &pop == population && s == seed && r == replicates && theta.size() == static_cast<size_t>(pop.theta_size);
  }

  // Filled by project(), under `mutex`.
  const RecordPopulation* population;
  std::uint64_t seed;
  int replicates;
  std::mutex mutex;
  std::vector<std::vector<double>> theta;  ///< by theta slot, one value a replicate; empty until drawn
  std::map<std::string, std::vector<double>> named;  ///< the delivery model's parameters, by name
  struct Held {
    std::vector<double> records, people;  ///< held by people with no other conviction, by replicate
  };
  std::map<std::pair<int, int>, Held> held;  ///< by (jurisdiction, day number of the date held on)
  /// Whether to keep, too, the sums of each projection's terms over every replicate, by the
  /// terms they were summed from, so that a later projection with the same terms (a sweep's
  /// variant that changes only a deadline) reuses them instead of running its terms again.
  /// Kept only for terms without a current-law pair, a gate or a group of several actions,
  /// and up to kMaxTermSumsBytes. Off by default: a server keeps nothing a request asked for.
  bool keep_term_sums = false;
  static constexpr size_t kMaxTermSumsBytes = size_t{256} << 20;
  std::map<std::string, std::vector<double>> term_sums;  ///< by the terms' bytes
  size_t term_sums_bytes = 0;
  /// The records each capacity-paced current-law action reaches, in every replicate, by the
  /// bytes of current law's paced terms. Current law's terms depend on the loaded population
  /// and the jurisdictions and dates in scope, not on a request's knobs, so a server's
  /// requests share them; kept always, up to kMaxCurrentLawSumsBytes.
  static constexpr size_t kMaxCurrentLawSumsBytes = size_t{64} << 20;
  std::map<std::string, std::vector<double>> current_law_sums;
  size_t current_law_sums_bytes = 0;
};

/// Runs the replicates and reports every date in `dates` (an action counts from its legal
/// date; records are cleared as `delivery` says). Replicate r draws every parameter from
/// keyed_uniform(seed, name, r), so output is identical for any thread count.
/// Jurisdictions in scope: those any action names. `plan` must have been made for the
/// latest of `dates`; people_fully_cleared counts records held on the first of `dates`.
/// `draws`, when made for `pop` with the settings' seed and replicates, saves drawing again
/// what an earlier projection drew; the figures are the same with or without it.
Projection project(const RecordPopulation& pop, const EligibilityPlan& plan,
                   const std::vector<ResolvedAction>& actions, const DeliveryModel& delivery,
                   const std::vector<Date>& dates, const ProjectionSettings& settings,
                   ReplicateDraws* draws = nullptr);

/// The first date's figures against current law that `p` carries
/// (ProjectionSettings::first_date_against_current_law_too), as a projection of their own.
Projection first_date_against_current_law(const Projection& p);

/// The rows of one date, unit and measure, in jurisdiction order (total last).
std::vector<const ProjectionRow*> rows_of(const Projection& p, Date as_of, Measure m, Unit u);

}  // namespace reliefsim
