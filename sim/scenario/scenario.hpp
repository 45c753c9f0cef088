// Scenario: a pardon, ballot measure or bill, as a set of actions on the baseline law
// of states/. Stage: scenario (depends on law).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/base/citation.hpp"
#include "sim/base/date.hpp"
#include "sim/base/diagnostic.hpp"
#include "sim/base/distribution.hpp"
#include "sim/law/jurisdiction.hpp"
#include "sim/law/scope.hpp"

namespace reliefsim {

/// What a scenario assumes where a pardon needs a board's recommendation, consent or
/// decision (pardon_power other than governor_alone): the chance the board agrees.
struct BoardGate {
  Distribution probability;
  References reference;
};

struct Action {
  std::string id;
  std::string description;  ///< optional; printed for actions that clear nothing
  Mechanism mechanism = Mechanism::blanket_pardon;
  std::vector<std::string> jurisdictions;  ///< postal codes; "all_states" expands to the 50 states
  std::vector<SourceLocation> jurisdiction_where;  ///< where each was written, for messages
  Date date;
  std::string acted_by;
  Scope scope;
  std::string provision;  ///< "MO/amendment_3_expungement": take mechanism, date and scope from the law
  std::optional<BoardGate> board_gate;
  std::optional<Date> deadline;   ///< date by which the action must be carried out, if any
  std::optional<Date> ends;       ///< a one-time window closes (application pardons)
  /// The law was enacted on this date, before it takes effect: an agency or court can prepare
  /// its automated run in between (preparation-months).
  std::optional<Date> enacted;
  std::optional<double> fee_usd;  ///< fee a person pays to use a petition or application
  bool outreach = false;          ///< people are told they qualify (notices, campaigns)
  bool free_legal_help = false;   ///< lawyers or clinics file for people at no cost
  /// A pardon's records are updated by the agency that holds them, without application.
  bool records_updated_by_agency = false;
  /// Automatic court expungement run as one electronic batch (see ReliefProvision).
  bool electronic_batch = false;
  /// The procedure a person follows requires fingerprints / a court hearing (burden score).
  bool fingerprints = false, hearing = false;
  /// Relief is delivered in batches this many months apart, the first on the date (0: as it goes).
  double batch_every_months = 0;
  /// A legalization (law_change): the amount a person may now possess, and from what age
  /// (a bill's "up to 2.5 ounces, for persons 21 or older"). Relief actions of the same
  /// scenario can reach "conduct now legal" with scope `now_legal_under: <this id>`.
  std::optional<double> legal_possession_grams;
  std::optional<int> legal_age;
  /// Where the records acted on are found; unset: from the provision or the mechanism.
  std::optional<RecordSource> identified_from;
  /// An ongoing provision of current law (ReliefProvision::ongoing) reaches offenses as if
  /// it acted on this date, while its delivery still runs from its effective date.
  std::optional<Date> reaches_as_of;
  /// Actions this one comes after (a pardon before a sealing): it takes effect no earlier
  /// than they do. Each with where it was written, for messages about cycles.
  std::vector<std::pair<std::string, SourceLocation>> after;
  References reference;
  SourceLocation where;   ///< for messages
};

struct Scenario {
  std::string id;
  std::string title;
  std::string description;
  Date as_of;
  References reference;
  std::vector<Action> actions;  ///< ordered so that each comes after those it names in `after`
  std::string file;
  std::string extends;  ///< the scenario this one changes, if any
};

/// An action applied to one jurisdiction, with the provision it names filled in.
struct ResolvedAction {
  const Action* action = nullptr;
  int jurisdiction = -1;  ///< index into LawLibrary::jurisdictions
  Mechanism mechanism = Mechanism::blanket_pardon;
  Date date;
  Scope scope;
  /// The pardon power in force on `date` where the action is a governor's pardon and
  /// someone other than the governor alone must agree; nullopt otherwise.
  std::optional<PardonPower> gated_by;
  std::optional<Date> deadline;  ///< the latest statutory deadline, if any
  std::optional<Date> ends;
  std::optional<double> fee_usd;
  bool outreach = false, free_legal_help = false, records_updated_by_agency = false;
  bool electronic_batch = false;
  /// The procedure a person follows requires fingerprints / a court hearing (burden score).
  bool fingerprints = false, hearing = false;
  /// Relief is delivered in batches this many months apart, the first on the date (0: as it goes).
  double batch_every_months = 0;
  RecordSource identified_from = RecordSource::court_records;
  /// Residents of the jurisdiction (2020 census), which scale its courts' capacity to review
  /// records (court-review-capacity); 0 when unknown, and then capacity sets no limit.
  double residents = 0;
  /// Enactment, when known and before `date` (Action::enacted, ReliefProvision::enacted).
  std::optional<Date> enacted;
  /// The records searched begin on this date (ReliefProvision::records_searchable_from).
  std::optional<Date> records_searchable_from;
  /// The date eligibility is decided on (waiting periods, offenses by then) when it is not
  /// `date`: an ongoing provision of current law (Action::reaches_as_of).
  std::optional<Date> reaches_as_of;
  /// Relief current law already gives (current_law.hpp): it is subtracted from what the
  /// scenario's actions reach and is not itself reported as the scenario's.
  bool current_law = false;
  References reference;
};

/// Expands jurisdiction lists and `provision:` references against the law. Problems
/// (unknown jurisdiction, unknown provision, a board-gated pardon with no board_gate)
/// are returned as diagnostics; the result is usable only when none were added.
std::vector<ResolvedAction> resolve_actions(const Scenario& s, const LawLibrary& law,
                                            Diagnostics& problems);

}  // namespace reliefsim
