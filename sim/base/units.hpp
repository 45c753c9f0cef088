// Units and measures of every figure reliefsim prints. Stage: base.
// People, records, cases and convictions are different counts: a figure always says
// which (docs/methodology.md, "Units and conversions").
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace reliefsim {

enum class Unit { people, people_fully_cleared, convictions, cases, records, charges, arrests };
/// eligible: records a scenario's actions reach that current law has not already relieved;
/// cleared: of those, the ones relieved by a date; already_relieved: records the actions
/// would reach that current law had already relieved when they took effect
/// (docs/methodology.md, "Current law as the baseline"); legally_relieved: of the eligible,
/// the ones whose legal status had changed by a date (pardoned, expunged, sealed), whether or
/// not the record a background check reads shows it yet: a blanket pardon relieves at once,
/// and its records are cleared as they are updated (docs/methodology.md, "Legal change and
/// the record").
enum class Measure { eligible, cleared, already_relieved, legally_relieved };

inline constexpr std::array<Unit, 7> kAllUnits = {
    Unit::people,  Unit::people_fully_cleared, Unit::convictions, Unit::cases,
    Unit::records, Unit::charges,              Unit::arrests};

std::string_view to_string(Unit u);
std::string_view to_string(Measure m);
std::optional<Unit> parse_unit(std::string_view s);

/// A count of things of one unit. Adding people to records does not compile.
template <Unit U>
struct Count {
  double value = 0;
  Count& operator+=(Count o) { value += o.value; return *this; }
  friend Count operator+(Count a, Count b) { return a += b; }
};
using People = Count<Unit::people>;
using Records = Count<Unit::records>;
using Cases = Count<Unit::cases>;
using Convictions = Count<Unit::convictions>;
using Arrests = Count<Unit::arrests>;

}  // namespace reliefsim
