// Loads scenarios/<id>.yaml into a Scenario. Stage: load (schema: docs/schema.md).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sim/base/diagnostic.hpp"
#include "sim/scenario/scenario.hpp"

namespace reliefsim {

/// Parses one scenario file. Returns it only when no diagnostic was added.
std::optional<Scenario> load_scenario(std::string_view text, const std::string& file,
                                      Diagnostics& problems);

}  // namespace reliefsim
