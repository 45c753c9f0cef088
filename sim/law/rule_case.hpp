// RuleCase: one dated fact about a jurisdiction's law, written from a source, that the
// encoded law must reproduce (tests/law/<postal>.yaml, in the style of OpenFisca's YAML
// tests). Stage: law.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/base/citation.hpp"
#include "sim/base/diagnostic.hpp"
#include "sim/law/jurisdiction.hpp"
#include "sim/law/law_snapshot.hpp"

namespace reliefsim {

struct RuleCase {
  std::string name;  ///< a sentence naming the rule
  Date as_of;
  std::optional<double> possession_grams;
  std::optional<double> distribution_grams;  ///< amount sold, delivered or held with intent
  // Expectations; an empty one is not checked.
  std::optional<Grade> possession_grade;
  /// The grade of selling that amount; felony where no distribution schedule is encoded.
  std::optional<Grade> distribution_grade;
  std::optional<bool> adult_use_legal, medical, decriminalized;
  std::optional<double> adult_use_possession_limit_oz;
  std::optional<PardonPower> pardon_power;
  std::optional<ReliefClass> record_relief;
  References reference;
  SourceLocation where;
};

/// What the encoded law says differently from the case; empty when it agrees.
std::vector<std::string> check_rule_case(const Jurisdiction& j, const RuleCase& c);

}  // namespace reliefsim
