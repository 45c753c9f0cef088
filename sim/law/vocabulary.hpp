// The closed vocabularies of the law files: grades, offenses, dispositions, relief
// mechanisms, pardon-power structures. Stage: law (depends on base).
// The YAML words are the C++ enumerator names (docs/schema.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <cstdint>
#include <vector>

namespace reliefsim {

/// Penalty grade of an offense at the time it was committed. `none`: no offense for
/// adults 21+; `civil`: a civil penalty that leaves no court conviction record (a ticket
/// paid by mail, D.C.'s $25 civil violation); `violation`: a non-criminal offense that a
/// court adjudicates and records as a conviction (Oregon's violation of 1973-2015).
enum class Grade : std::uint8_t { none, civil, violation, misdemeanor, felony };

/// True for grades that leave a court record that relief can clear.
inline bool leaves_record(Grade g) {
  return g == Grade::violation || g == Grade::misdemeanor || g == Grade::felony;
}
/// The UCR's two marijuana arrest categories, possession (18F) and sale/manufacture (18B,
/// which includes cultivation), and within the
/// latter possession with intent to distribute: a scope naming sale_manufacture reaches all
/// of the category, one naming possession_with_intent only that part (docs/methodology.md,
/// "Possession with intent to distribute").
enum class Offense : std::uint8_t { possession, sale_manufacture, possession_with_intent };
enum class Disposition : std::uint8_t { conviction, non_conviction };
/// Federal proclamations distinguish these; state records carry citizen only.
enum class Citizenship : std::uint8_t { citizen, lawful_permanent_resident, other_noncitizen };
enum class Mechanism {
  automatic_repository_sealing,
  automatic_court_expungement,
  prosecutor_initiated,
  petition_expungement,
  petition_sealing,
  petition_vacatur,
  blanket_pardon,
  application_pardon,
  certificate_on_application,
  law_change,  ///< changes the law going forward and clears no past record
};
/// Who may grant a pardon (the `laws` CSV column pardon_power).
enum class PardonPower {
  governor_alone,                          ///< alone, or with a non-binding advisory board
  governor_board_recommendation_required,  ///< only on a board's recommendation or consent
  board,                                   ///< an independent board decides
  shared_other,
  president,                               ///< U.S. Const. art. II, § 2, cl. 1
};
enum class Level { state, district, federal };
/// Where the agency carrying out an action finds the records it acts on. `court_records`:
/// the courts' own case records, every record in scope; `repository`: the state
/// criminal-history repository, which holds only fingerprinted arrests and, for a
/// conviction, only those whose disposition reached it (docs/methodology.md,
/// "Records the repository holds").
enum class RecordSource { court_records, repository };
/// Where a person convicted stands on a date: serving time in prison or jail, on probation,
/// on parole or post-release supervision (docs/methodology.md, "People under sentence").
enum class SentenceStatus { incarcerated, probation, parole };

template <class E>
const std::vector<std::pair<E, std::string_view>>& enum_names();

template <class E>
std::string_view to_string(E e) {
  for (const auto& [v, n] : enum_names<E>())
    if (v == e) return n;
  return "?";
}

template <class E>
std::optional<E> parse_enum(std::string_view s) {
  for (const auto& [v, n] : enum_names<E>())
    if (n == s) return v;
  return std::nullopt;
}

template <class E>
std::vector<std::string> enum_words() {
  std::vector<std::string> out;
  for (const auto& [v, n] : enum_names<E>()) out.emplace_back(n);
  return out;
}

/// True for mechanisms that need no action by the person (the `laws` CSV's "automatic").
bool is_automatic(Mechanism m);
/// True for mechanisms that act on convictions only (pardons).
bool is_pardon(Mechanism m);

}  // namespace reliefsim
