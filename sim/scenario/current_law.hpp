// Current law as the baseline: every record-relief provision and mass pardon already in
// states/ on a date, as the actions of a scenario, so that what earlier law has cleared is
// not counted again as eligible for a new action. Stage: scenario (depends on law).
// docs/methodology.md, "Current law as the baseline".
#pragma once

#include <map>
#include <set>
#include <string>

#include "sim/scenario/scenario.hpp"

namespace reliefsim {

/// A scenario of the relief that current law gives in `jurisdictions` (library indices):
/// one action per record-relief provision effective on or before `up_to`, and one per mass
/// pardon issued by then, each taking its mechanism, date and scope from the law file
/// (`provision:`), acted by the law itself, so no board gate applies. Provisions named in
/// `excluded` ("MO/amendment_3_auto_misdemeanor") are left out: a scenario that replays an
/// enacted provision is measured against the law without it. Provisions that only give a
/// governor the authority to pardon (a blanket_pardon provision with a mass pardon of the
/// same jurisdiction on the same date) are left out too: the mass pardon is the act.
/// An ongoing provision (ReliefProvision::ongoing) reaches offenses as of `reaches_on` of its
/// jurisdiction (the date a new action there takes effect), or `up_to` when none is given.
Scenario current_law_scenario(const LawLibrary& law, const std::set<int>& jurisdictions, Date up_to,
                              const std::set<std::string>& excluded, const std::map<int, Date>& reaches_on = {});

/// The provisions a scenario's actions replay ("XX/id" for every action with `provision:`,
/// one per jurisdiction it names; "all_states" expands to every state).
std::set<std::string> provisions_replayed(const Scenario& s, const LawLibrary& law);

}  // namespace reliefsim
