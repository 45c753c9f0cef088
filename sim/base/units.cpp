#include "sim/base/units.hpp"

namespace reliefsim {

std::string_view to_string(Unit u) {
  switch (u) {
    case Unit::people: return "people";
    case Unit::people_fully_cleared: return "people_fully_cleared";
    case Unit::convictions: return "convictions";
    case Unit::cases: return "cases";
    case Unit::records: return "records";
    case Unit::charges: return "charges";
    case Unit::arrests: return "arrests";
  }
  return "?";
}

std::string_view to_string(Measure m) {
  switch (m) {
    case Measure::eligible: return "eligible";
    case Measure::cleared: return "cleared";
    case Measure::already_relieved: return "already_relieved";
    case Measure::legally_relieved: return "legally_relieved";
  }
  return "?";
}

std::optional<Unit> parse_unit(std::string_view s) {
  for (Unit u : kAllUnits)
    if (to_string(u) == s) return u;
  return std::nullopt;
}

}  // namespace reliefsim
