// libFuzzer target: the fields of a scenario, one at a time. Where fuzz_scenario mostly
// meets malformed YAML, this one starts from a valid scenario (every one of scenarios/ and
// tests/fixtures/scenarios/, with `extends` followed, as `reliefsim serve` offers them) and
// sets fields to fuzzed values, so that every field's reader and the checks across fields
// (dates against each other and the data's range, deadlines, procedure fields, scope,
// tiers, references) meet values of every type. The input is lines:
//   line 1             which scenario: its id, or any text (its bytes summed pick one)
//   PATH=VALUE         set PATH (dotted, list items by number: actions.0.scope.grades.1,
//                      or #N: the N-th value of the scenario, counted depth-first) to VALUE
//                      (JSON if it reads as JSON, a string otherwise); absent parts are made
//   PATH               without "=": remove PATH
// The scenario is then written as YAML and loaded as `reliefsim serve` does (scenario_of_body,
// load_scenario). It must give a scenario or a message, never crash, throw, leak or hang.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/load/scenario_loader.hpp"
#include "sim/serve/scenario_json.hpp"

namespace {

using reliefsim::Json;
std::vector<std::pair<std::string, Json>> bases;         // id, the scenario as JSON
std::vector<std::pair<std::string, std::string>> texts;  // id, text of each scenarios/ file

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

reliefsim::ScenarioSource source_of(int& calls) {
  return [&calls](const std::string& id) -> std::optional<std::pair<std::string, std::string>> {
    if (++calls > 64) return std::nullopt;
    for (const auto& [i, t] : texts)
      if (i == id) return std::make_pair("scenarios/" + id + ".yaml", t);
    return std::nullopt;
  };
}

// The n-th value of `v`, depth-first (n counts down).
Json* nth(Json& v, size_t& n) {
  if (n == 0) return &v;
  --n;
  if (v.is_object() || v.is_array())
    for (auto& x : v) {
      if (Json* found = nth(x, n)) return found;
    }
  return nullptr;
}

size_t count(const Json& v) {
  size_t c = 1;
  if (v.is_object() || v.is_array())
    for (const auto& x : v) c += count(x);
  return c;
}

// The value at a dotted path, made when absent (nullptr when a part cannot hold it).
Json* at_path(Json& root, const std::string& path, bool make) {
  Json* v = &root;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t dot = path.find('.', start);
    const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty()) return nullptr;
    const bool number = part.size() <= 3 && part.find_first_not_of("0123456789") == std::string::npos;
    if (number && v->is_array()) {
      const size_t i = std::stoul(part);
      if (i >= v->size()) {
        if (!make || i > v->size()) return nullptr;
        v->push_back(Json::object());
      }
      v = &(*v)[i];
    } else {
      if (v->is_null() && make) *v = Json::object();
      if (!v->is_object()) return nullptr;
      if (!v->contains(part) && !make) return nullptr;
      v = &(*v)[part];
    }
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return v;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const std::string root = RELIEFSIM_SOURCE_DIR;
  for (const auto& e : std::filesystem::directory_iterator(root + "/scenarios"))
    texts.emplace_back(e.path().stem().string(), read_file(e.path()));
  std::vector<std::pair<std::string, std::string>> all = texts;
  for (const auto& e : std::filesystem::directory_iterator(root + "/tests/fixtures/scenarios"))
    all.emplace_back(e.path().stem().string(), read_file(e.path()));
  std::sort(all.begin(), all.end());
  for (const auto& [id, text] : all) {
    reliefsim::Diagnostics problems;
    int calls = 0;
    const reliefsim::YamlNode tree =
        reliefsim::compose_scenario_tree(text, "scenarios/" + id + ".yaml", problems, source_of(calls));
    if (tree.is_null() || !problems.empty()) continue;  // fixtures that are meant not to load
    Json knobs = reliefsim::yaml_to_json(tree);
    if (knobs.contains("scenario") && knobs["scenario"].is_object()) knobs["scenario"].erase("extends");
    bases.emplace_back(id, std::move(knobs));
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace reliefsim;
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::istringstream lines(input);
  std::string line;
  std::getline(lines, line);
  size_t pick = 0;
  for (unsigned char c : line) pick += c;
  for (size_t i = 0; i < bases.size(); ++i)
    if (bases[i].first == line) pick = i;
  Json knobs = bases[pick % bases.size()].second;
  int changes = 0;
  while (std::getline(lines, line) && ++changes <= 16) {
    const size_t eq = line.find('=');
    const std::string path = line.substr(0, eq);
    Json* target = nullptr;
    if (!path.empty() && path[0] == '#') {
      size_t n = 0;
      for (char c : path.substr(1)) n = (n * 10 + static_cast<size_t>(c - '0')) % 100000;
      n %= count(knobs);
      target = nth(knobs, n);
    } else {
      target = at_path(knobs, path, eq != std::string::npos);
    }
    if (!target) continue;
    if (eq == std::string::npos) {
      *target = nullptr;  // removed: written as an empty value
      continue;
    }
    const std::string value = line.substr(eq + 1);
    Json parsed = Json::parse(value, nullptr, false);
    *target = parsed.is_discarded() ? Json(value) : std::move(parsed);
  }
  // The server takes JSON text: a string of invalid UTF-8 cannot reach it.
  const std::string body = knobs.dump(-1, ' ', false, Json::error_handler_t::replace);
  int calls = 0;
  const ScenarioSource source = source_of(calls);
  BodyScenario read = scenario_of_body(body, false, source, {});
  if (!read.error.empty()) return 0;
  Diagnostics problems;
  auto s = load_scenario(read.yaml, read.file, problems, source);
  if (!s && problems.empty()) __builtin_trap();
  for (const auto& p : problems) (void)format_diagnostic(p, p.where.file == read.file ? read.yaml : "");
  return 0;
}
