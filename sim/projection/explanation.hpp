// Explanation: for each group of one jurisdiction's records, which rule of which action
// made it eligible or kept it out, with the citation, and the mechanism that delivers it:
// the "why" behind every number. Stage: projection (pure).
#pragma once

#include <string>
#include <vector>

#include "sim/eligibility/eligibility.hpp"

namespace reliefsim {

struct ExplanationRow {
  std::string offense, grade, disposition, amount, decade;
  double records = 0;   ///< at the median of every parameter
  bool eligible = false;
  std::string rule;     ///< "eligible under expunge (automatic_court_expungement)" or the rules that keep it out
  std::string citation; ///< the deciding action's first reference
};

/// Rows ordered by offense, grade, disposition and decade; records summed over the groups
/// that share them and the same outcome (adjacent amounts with one outcome merged).
std::vector<ExplanationRow> explain_eligibility(const RecordPopulation& pop, int jurisdiction,
                                                const std::vector<ResolvedAction>& actions, Date as_of);

}  // namespace reliefsim
