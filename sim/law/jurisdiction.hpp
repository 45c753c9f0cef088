// Jurisdiction: one state's, D.C.'s or the federal government's cannabis law over time,
// as loaded from states/<postal>.yaml. Stage: law. Constant after loading.
#pragma once

#include <string>
#include <vector>

#include "sim/base/citation.hpp"
#include "sim/base/date.hpp"
#include "sim/law/dated_value.hpp"
#include "sim/law/possession_schedule.hpp"
#include "sim/law/scope.hpp"
#include "sim/law/vocabulary.hpp"

namespace reliefsim {

struct Deadline {
  Date date;
  std::string applies_to;
  std::string description;
};

/// A record-relief provision of the law (enacted, in force or closed).
struct ReliefProvision {
  std::string id;
  std::string description;
  Mechanism mechanism = Mechanism::petition_expungement;
  std::optional<Date> enacted;
  Date effective;
  DatePrecision effective_precision = DatePrecision::day;  ///< how precisely `effective` is known
  std::optional<Date> ends;
  std::vector<Deadline> deadlines;
  std::optional<double> fee_usd;
  Scope scope;
  References reference;
  bool uncertain = false;
  /// Automatic court expungement done by the courts' computers in one batch over their
  /// electronic case records (e.g. CGS 54-142u: "erased, if such records are electronic
  /// records"), rather than court by court.
  bool electronic_batch = false;
  /// The procedure a person follows requires fingerprints / a court hearing (burden score).
  bool fingerprints = false, hearing = false;
  /// Relief is delivered in batches this many months apart, the first on the date (0: as it goes).
  double batch_every_months = 0;
  /// Where the records acted on are found; unset: by mechanism (default_record_source).
  std::optional<RecordSource> identified_from;
  /// The records searched begin on this date: older offenses are not found.
  std::optional<Date> records_searchable_from;
  /// The provision keeps acting after it takes effect: it reaches offenses committed later
  /// too, once its scope's waiting period has passed (a record destroyed two years after
  /// conviction; clean-slate laws). Otherwise it reaches offenses up to its effective date.
  bool ongoing = false;
  /// A general record-clearing law (a clean-slate law) that reaches marijuana records among
  /// others: part of current law, but not counted as the jurisdiction's marijuana-specific
  /// relief in `laws`.
  bool general = false;
};

/// A mass or blanket pardon already issued: a fact of history.
struct MassPardon {
  std::string id;
  Date date;
  DatePrecision date_precision = DatePrecision::day;
  std::string description;
  Scope scope;
  References reference;
  /// Where the pardoned convictions were found (a list drawn from the repository).
  std::optional<RecordSource> identified_from;
  std::optional<Date> records_searchable_from;
};

/// automatic_repository_sealing acts on the repository's records; everything else, unless
/// its law or scenario says otherwise, on every record in scope.
inline RecordSource default_record_source(Mechanism m) {
  return m == Mechanism::automatic_repository_sealing ? RecordSource::repository : RecordSource::court_records;
}

struct AdultUse {
  DatedValue<bool> legal;
  DatedValue<double> possession_limit;  ///< ounces
};

struct Jurisdiction {
  std::string postal;  ///< "MO"; "US" for federal
  std::string name;
  std::string fips;    ///< "29"; empty for federal
  Level level = Level::state;
  std::string file;    ///< the file it was loaded from, for messages and citations

  DatedValue<PossessionSchedule> possession;
  /// Optional: the grade of a first offense of selling, delivering or possessing with
  /// intent to distribute, by amount, where a statute grades small amounts below a felony.
  /// Years without an entry take the felony grade (assumption sale-manufacture-grade).
  DatedValue<PossessionSchedule> distribution;
  DatedValue<bool> decriminalized;
  DatedValue<bool> medical;
  AdultUse adult_use;
  DatedValue<PardonPower> pardon_power;
  std::vector<ReliefProvision> record_relief;
  std::vector<MassPardon> mass_pardons;

  const ReliefProvision* find_provision(const std::string& id) const {
    for (const auto& p : record_relief)
      if (p.id == id) return &p;
    return nullptr;
  }
};

/// Every jurisdiction loaded, in file-name order.
struct LawLibrary {
  std::vector<Jurisdiction> jurisdictions;
  const Jurisdiction* find(const std::string& postal) const {
    for (const auto& j : jurisdictions)
      if (j.postal == postal) return &j;
    return nullptr;
  }
  std::vector<std::string> postal_codes() const {
    std::vector<std::string> out;
    for (const auto& j : jurisdictions) out.push_back(j.postal);
    return out;
  }
};

}  // namespace reliefsim
