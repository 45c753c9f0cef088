// libFuzzer target: any bytes as the body of `reliefsim serve`'s POST /api/project: JSON
// knobs when the input starts with "{" or "[" (Content-Type application/json), a scenario
// file in YAML otherwise (text/yaml), through what the server does before it projects:
// scenario_of_body, then load_scenario of the YAML written, with the project's scenarios for
// `extends`. It must give a scenario or a message, never crash, throw, leak or hang; and JSON
// knobs the server accepts must come back unchanged from the YAML it writes of them
// (json_to_yaml's promise: the file handed out is the scenario the page shows).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "sim/load/scenario_loader.hpp"
#include "sim/serve/scenario_json.hpp"

namespace {

std::map<std::string, std::string> scenario_texts;  // id → text of scenarios/<id>.yaml

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  for (const auto& e : std::filesystem::directory_iterator(std::string(RELIEFSIM_SOURCE_DIR) + "/scenarios")) {
    std::ifstream in(e.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    scenario_texts[e.path().stem().string()] = text.str();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reliefsim;
  const std::string body(reinterpret_cast<const char*>(data), size);
  const bool yaml_body = body.empty() || (body[0] != '{' && body[0] != '[');
  int calls = 0;
  const ScenarioSource source = [&](const std::string& id) -> std::optional<std::pair<std::string, std::string>> {
    if (++calls > 64) return std::nullopt;  // the loader must stop loops itself; this is a backstop
    auto it = scenario_texts.find(id);
    if (it == scenario_texts.end()) return std::nullopt;
    return std::make_pair("scenarios/" + id + ".yaml", it->second);
  };
  BodyScenario read = scenario_of_body(body, yaml_body, source, [](const std::string& id) { return "fuzz " + id; });
  // The 400's body, as the server writes it.
  Json answer = Json::object();
  answer["error"] = read.error;
  for (const auto& d : read.problems) answer["problems"].push_back(format_diagnostic(d, body));
  (void)answer.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (!read.error.empty()) return 0;
  if (read.yaml.empty() || read.file.empty()) __builtin_trap();  // accepted, but nothing to load

  if (!yaml_body) {
    Diagnostics problems;
    const YamlNode back = parse_yaml(read.yaml, read.file, problems);
    if (!problems.empty()) __builtin_trap();  // knobs accepted, written as YAML that does not read
    Json knobs = Json::parse(body);
    if (yaml_to_json(back) != knobs) __builtin_trap();  // written as YAML that reads otherwise
  }
  Diagnostics problems;
  auto s = load_scenario(read.yaml, read.file, problems, source);
  if (!s && problems.empty()) __builtin_trap();
  for (const auto& p : problems) (void)format_diagnostic(p, p.where.file == read.file ? read.yaml : "");
  return 0;
}
