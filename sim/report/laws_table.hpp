// The `laws` outputs: the comparison of every jurisdiction on a date, and one
// jurisdiction's timeline with its citations. Stage: report (formats; computes nothing
// beyond reading the law's dated values).
#pragma once

#include <string>

#include "sim/law/jurisdiction.hpp"
#include "sim/law/law_snapshot.hpp"
#include "sim/report/tables.hpp"

namespace reliefsim {

/// The laws CSV header: an interface other people's scripts read. Keep it.
inline constexpr const char* kLawsHeader =
    "postal,name,fips,medical_since,adult_use_since,adult_use_possession_limit_oz,"
    "decriminalized_since,record_relief,pardon_power,mass_pardon_since";

struct LawsSummary {
  int states = 0, states_medical = 0, states_adult_use = 0, states_decriminalized = 0;
  bool dc_present = false, dc_medical = false, dc_adult_use = false, dc_decriminalized = false;
};
LawsSummary summarize_laws(const LawLibrary& law, Date d);
/// "On 2022-10-06: adult use in 19 states and D.C.; medical in 37 states and D.C.; ..."
std::string summary_line(const LawsSummary& s, Date d);

std::string format_laws(const LawLibrary& law, Date d, Format format);
std::string format_timeline(const Jurisdiction& j, Format format);

}  // namespace reliefsim
