// Loads scenarios/<id>.yaml into a Scenario. Stage: load (schema: docs/schema.md).
#pragma once

#include <functional>
#include <optional>
#include <utility>
#include <vector>
#include <string>
#include <string_view>

#include "sim/base/diagnostic.hpp"
#include "sim/load/yaml_tree.hpp"
#include "sim/scenario/scenario.hpp"

namespace reliefsim {

/// Reads the scenario with an id (scenarios/<id>.yaml): {path as shown, text}, or nullopt.
/// The loader follows `extends` through it; `cli` supplies it, so that loading stays free
/// of file access.
using ScenarioSource =
    std::function<std::optional<std::pair<std::string, std::string>>(const std::string& id)>;

/// Parses one scenario file, following `extends` (overrides and add_actions on the base
/// scenario) and ordering actions by `after`. Returns it only when no diagnostic was added.
std::optional<Scenario> load_scenario(std::string_view text, const std::string& file, Diagnostics& problems,
                                      const ScenarioSource& source = {});

/// A change to a scenario given outside its file (`sweep --vary`): the YAML `value` replaces
/// the node at `path`, which must exist (as for `overrides`).
struct Override {
  std::string path;
  std::string value;
};

/// load_scenario with `overrides` applied after `extends` is followed.
std::optional<Scenario> load_scenario_variant(std::string_view text, const std::string& file, Diagnostics& problems,
                                              const ScenarioSource& source, const std::vector<Override>& overrides);

/// The tree of a scenario file with `extends` followed: the base's tree with this file's
/// header, overrides and added actions, as load_scenario reads it. `reliefsim serve` shows it
/// as knobs. A null node, with diagnostics, on a problem.
YamlNode compose_scenario_tree(std::string_view text, const std::string& file, Diagnostics& problems,
                               const ScenarioSource& source = {});

}  // namespace reliefsim
