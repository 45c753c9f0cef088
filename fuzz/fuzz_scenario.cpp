// libFuzzer target: any bytes as a scenario file (no extends followed).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/load/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  reliefsim::Diagnostics problems;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto s = reliefsim::load_scenario(text, "scenarios/fuzz.yaml", problems);
  if (!s && problems.empty()) __builtin_trap();
  for (const auto& p : problems) (void)reliefsim::format_diagnostic(p, text);
  return 0;
}
