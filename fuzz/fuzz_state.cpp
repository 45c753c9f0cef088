// libFuzzer target: any bytes as a law file. The loader must return a model or
// diagnostics, never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/load/law_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  reliefsim::Diagnostics problems;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto j = reliefsim::load_jurisdiction(text, "states/xx.yaml", problems);
  if (!j && problems.empty()) __builtin_trap();  // a refusal must say why
  for (const auto& p : problems) (void)reliefsim::format_diagnostic(p, text);
  return 0;
}
