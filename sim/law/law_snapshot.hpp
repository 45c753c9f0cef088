// LawSnapshot: what one jurisdiction's law was on one date, in the terms of the `laws`
// comparison table. Stage: law (depends on base). Pure: derived from a Jurisdiction.
#pragma once

#include <optional>
#include <string_view>

#include "sim/law/jurisdiction.hpp"

namespace reliefsim {

/// The strongest marijuana-specific record relief in force on a date (the `laws` CSV's
/// record_relief column), strongest first.
enum class ReliefClass { automatic, petition, pardon_only, none };
std::string_view to_string(ReliefClass c);
std::optional<ReliefClass> parse_relief_class(std::string_view s);

/// The class a mechanism counts as: automatic_* and prosecutor_initiated are automatic;
/// petition_* are petition; pardons, pardon applications and certificates are pardon_only.
ReliefClass relief_class_of(Mechanism m);

struct LawSnapshot {
  std::optional<Date> medical_since;          ///< start of the unbroken run of medical = true
  std::optional<Date> adult_use_since;
  std::optional<double> possession_limit_oz;  ///< only while adult use is legal
  std::optional<Date> decriminalized_since;
  ReliefClass record_relief = ReliefClass::none;
  std::optional<PardonPower> pardon_power;
  std::optional<Date> mass_pardon_since;      ///< the first mass pardon on or before the date
};

/// The snapshot of `j` on `d`. A relief provision is in force from `effective` until
/// `ends` (exclusive); a mass pardon issued on or before `d` counts as pardon_only.
LawSnapshot snapshot(const Jurisdiction& j, Date d);

}  // namespace reliefsim
