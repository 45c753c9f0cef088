// Scope: which past marijuana records a relief provision or scenario action reaches.
// Stage: law. An empty member does not restrict (docs/schema.md, "scope").
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "sim/base/date.hpp"
#include "sim/base/diagnostic.hpp"
#include "sim/law/vocabulary.hpp"

namespace reliefsim {

struct Scope {
  std::vector<Offense> offenses;
  std::vector<Grade> grades;
  std::vector<Disposition> dispositions;
  std::optional<double> max_amount_grams;  ///< inclusive
  std::optional<Date> offense_on_or_before;
  std::optional<Date> offense_on_or_after;
  std::vector<Citizenship> citizenship;
  std::optional<bool> marijuana_only;
  /// The person holds no other (non-marijuana) conviction: "the only conviction" rules.
  std::optional<bool> no_other_convictions;
  std::optional<std::pair<int, int>> sentenced_fiscal_years;  ///< inclusive
  /// Only offenses committed in the last N years before the action's date (a lookback).
  std::optional<int> lookback_years;
  /// Only offenses committed at least N years before the action's date (a waiting period).
  std::optional<int> waiting_years;
  /// Only people who on `on` were in one of `any_of`: a clause for people still under
  /// sentence (docs/methodology.md, "People under sentence").
  struct StatusOn {
    Date on;
    unsigned any_of = 0;  ///< bit (1 << SentenceStatus) for each status
    bool operator==(const StatusOn&) const = default;
  };
  std::optional<StatusOn> status_on;
  /// Only offenses committed at this age or older, or younger than this age (a bill's "21 or
  /// older"): record groups carry no age, so the share of arrestees of those ages is applied
  /// (docs/methodology.md, "age-at-offense").
  std::optional<int> age_at_least, age_under;
  /// Scenarios only: "conduct now legal under" the named law_change action of the same
  /// scenario; the loader fills offenses, max_amount and the age from its legal_possession.
  std::string now_legal_under;
  SourceLocation now_legal_where;
};

inline unsigned status_bit(SentenceStatus s) { return 1u << static_cast<unsigned>(s); }

}  // namespace reliefsim
