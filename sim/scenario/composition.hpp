// Composition of a scenario's actions: `after` dependencies as a graph (Boost.Graph),
// ordered topologically; a cycle is an error that shows every link. Stage: scenario.
#pragma once

#include "sim/base/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace reliefsim {

/// Orders s.actions so that every action comes after the actions it names in `after`.
/// Unknown names and cycles are reported (a cycle with the file:line of each link);
/// returns false then, leaving the order unchanged.
bool order_actions(Scenario& s, Diagnostics& problems);

}  // namespace reliefsim
