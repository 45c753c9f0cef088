// A scenario file as JSON and back: the knobs `reliefsim serve` sends to its page and gets
// back from it. Stage: serve (an edge, like cli: may include load and report; see
// docs/architecture.md). The JSON has the shape of the YAML file (docs/schema.md), with
// `extends` already followed, so that the page edits plain values and the YAML written back
// needs nothing but the law to run.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/load/scenario_loader.hpp"
#include "sim/load/yaml_tree.hpp"

namespace reliefsim {

/// Keys keep the order they were written in: a scenario written back reads like its source.
using Json = nlohmann::ordered_json;

/// A YAML tree as JSON: maps → objects (in order), lists → arrays; an unquoted scalar that
/// reads as a number, `true`/`false` or `null` becomes one, every other scalar a string
/// (dates stay strings such as "2022-12-08").
Json yaml_to_json(const YamlNode& node);

/// A JSON scenario (objects, arrays, strings, numbers, booleans) as block-style YAML that
/// load_scenario reads back to the same values. `comment` (lines without the "# ") goes on
/// top. On a value YAML cannot carry here (a control character, a key that is not a word,
/// nesting deeper than kMaxYamlDepth) returns "" and says in `error` which field, as
/// "actions[0].scope.grades[1]: …".
std::string json_to_yaml(const Json& value, const std::string& comment, std::string& error);

/// A request body of `reliefsim serve` as a scenario file: JSON knobs (the `knobs` shape of
/// GET /api/scenarios) written as YAML under the comment `comment(id)`, or, when `yaml_body`,
/// the YAML as it is (its `extends` read through `source`). `file` is `<scenario.id>.yaml`.
/// A body that is not a scenario gives `error`, the message of a 400 (the JSON's line and
/// column, the field, or the first YAML problem), and, for YAML, `problems` (of "request.yaml").
struct BodyScenario {
  std::string id, file, yaml;
  std::string error;
  Diagnostics problems;
};
BodyScenario scenario_of_body(const std::string& body, bool yaml_body, const ScenarioSource& source,
                              const std::function<std::string(const std::string& id)>& comment);

}  // namespace reliefsim
