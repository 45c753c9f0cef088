// Loads tests/law/<postal>.yaml: a list of RuleCase. Stage: load.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/base/diagnostic.hpp"
#include "sim/law/rule_case.hpp"

namespace reliefsim {

std::vector<RuleCase> load_rule_cases(std::string_view text, const std::string& file, Diagnostics& problems);

}  // namespace reliefsim
