// libFuzzer target: scenario composition. The input is two scenario files separated by a
// line "=====": the first is what every `extends` reads (any id), the second is loaded,
// so overrides, add_actions, after-cycles and extends-loops all meet fuzzed text.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sim/load/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const size_t cut = text.find("\n=====\n");
  const std::string base = cut == std::string::npos ? text : text.substr(0, cut);
  const std::string derived = cut == std::string::npos ? text : text.substr(cut + 7);
  int calls = 0;
  reliefsim::ScenarioSource source = [&](const std::string& id) -> std::optional<std::pair<std::string, std::string>> {
    if (++calls > 64) return std::nullopt;  // the loader must stop loops itself; this is a backstop
    return std::make_pair("scenarios/" + id + ".yaml", base);
  };
  reliefsim::Diagnostics problems;
  auto s = reliefsim::load_scenario(derived, "scenarios/fuzz.yaml", problems, source);
  if (!s && problems.empty()) __builtin_trap();
  return 0;
}
